import { type NagareDocument, serializeDocument } from "../../model";

/** The link the editor was opened with: the server renders only for holders of a link to one of its documents. */
export interface ServerLink {
  docId: string | null;
  token: string | null;
}

/** An earlier saved version: the 評価書's 変更箇所 is made against it (see server/render/job.ts). */
export interface EarlierVersion {
  model: NagareDocument;
  /** The version's name, printed as what the 評価書 is compared with. */
  name: string;
  /** 変更日 (YYYY-MM-DD); null: the 公表日 when it changed, else today. */
  changedOn: string | null;
}

/** The request body: the model, or with an earlier version the envelope `{ model, since, sinceName, changedOn }`. */
export function renderBody(model: NagareDocument, since?: EarlierVersion): string {
  if (!since) return serializeDocument(model);
  const changedOn = since.changedOn ? `,"changedOn":${JSON.stringify(since.changedOn)}` : "";
  return `{"model":${serializeDocument(model)},"since":${serializeDocument(since.model)},"sinceName":${JSON.stringify(since.name)}${changedOn}}`;
}

export type RenderReply =
  | { ok: true; bytes: Uint8Array; type: string }
  /** No server answers (a static host, the server is down). */
  | { ok: false; reason: "unreachable" }
  /** A document kept only in this browser has no link the server would accept. */
  | { ok: false; reason: "no-link" }
  /** The server refused or failed, with its message in both languages (busy: retry later). */
  | { ok: false; reason: "server"; status: number; ja: string; en: string };

/**
 * `POST /api/render/<path>` with the model as the body and the link's token as a Bearer header (never in
 * the URL); `expect` is the content type a real answer has. A 評価書 with its 変更箇所 sends the earlier version too.
 */
export async function renderOnServer(
  path: "diagram" | "report",
  query: URLSearchParams,
  model: NagareDocument,
  link: ServerLink,
  expect: string,
  signal?: AbortSignal,
  since?: EarlierVersion,
): Promise<RenderReply> {
  if (!link.docId || !link.token) return { ok: false, reason: "no-link" };
  const q = new URLSearchParams(query);
  q.set("document", link.docId);
  let res: Response;
  try {
    res = await fetch(`/api/render/${path}?${q}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${link.token}` },
      body: renderBody(model, since),
      signal,
    });
  } catch {
    return { ok: false, reason: "unreachable" };
  }
  const type = res.headers.get("content-type") ?? "";
  if (res.ok && type.includes(expect)) return { ok: true, bytes: new Uint8Array(await res.arrayBuffer()), type };
  // The server's own errors are JSON `{error: {ja, en}}`; anything else (a static host answering with the
  // app's HTML, a proxy's error page) means no Nagare server is there.
  if (type.includes("application/json")) {
    const body = (await res.json().catch(() => null)) as { error?: { ja?: unknown; en?: unknown } } | null;
    const ja = body?.error?.ja;
    const en = body?.error?.en;
    if (typeof ja === "string" && typeof en === "string")
      return { ok: false, reason: "server", status: res.status, ja, en };
  }
  if (res.ok || [404, 405, 502, 503, 504].includes(res.status)) return { ok: false, reason: "unreachable" };
  const text = await res.text().catch(() => "");
  return { ok: false, reason: "server", status: res.status, ja: text.slice(0, 400), en: text.slice(0, 400) };
}
