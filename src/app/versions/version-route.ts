/** The address of a saved version: `/d/:id/v/:version#t=TOKEN`; kept apart so routing needs no page code. */
export function versionFromLocation(loc: Location): { docId: string; versionId: string; token: string } | null {
  const m = /^\/d\/([A-Za-z0-9_-]{1,64})\/v\/([A-Za-z0-9_-]{1,64})\/?$/.exec(loc.pathname);
  const token = new URLSearchParams(loc.hash.replace(/^#/, "")).get("t");
  return m && token ? { docId: m[1] as string, versionId: m[2] as string, token } : null;
}
