/** Who is editing what: the document on the server and the rights of the link used to open it. */
/** `review`: a 点検用リンク — sees everything, writes review remarks only. */
export type Role = "owner" | "edit" | "review" | "view";

export interface Session {
  /** null: a local document kept only in this browser (IndexedDB). */
  docId: string | null;
  token: string | null;
  role: Role;
}

/** Reads `/d/:docId#t=TOKEN` (the token stays in the fragment so it never reaches a server log). */
export function sessionFromLocation(loc: Location): Session | null {
  const m = /^\/d\/([A-Za-z0-9_-]{1,64})\/?$/.exec(loc.pathname);
  if (!m) return null;
  const params = new URLSearchParams(loc.hash.replace(/^#/, ""));
  const token = params.get("t");
  const role = params.get("role");
  return {
    docId: m[1] as string,
    token,
    role: role === "view" || role === "owner" || role === "review" ? role : "edit",
  };
}
