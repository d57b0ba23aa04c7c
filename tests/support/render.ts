import type { RunningServer } from "./server";

/** A link to a new document on the server: renders are for holders of a link (any role). */
export interface RenderLink {
  id: string;
  token: string;
}

export async function newRenderLink(server: RunningServer): Promise<RenderLink> {
  const res = await fetch(`${server.url}/api/documents`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "出力" }),
  });
  if (!res.ok) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as RenderLink;
}

/** `POST /api/render/<path>?<query>&document=<id>` with the link's token, as the app sends it. */
export function postRender(
  server: RunningServer,
  link: RenderLink | null,
  path: string,
  query: string,
  body: string,
): Promise<Response> {
  const q = new URLSearchParams(query);
  if (link) q.set("document", link.id);
  return fetch(`${server.url}/api/render/${path}?${q}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(link ? { authorization: `Bearer ${link.token}` } : {}) },
    body,
  });
}
