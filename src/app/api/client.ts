import type { NagareDocument } from "../../model";
import type { PublicationInfo, TemplateInfo } from "../../templates/summary";

export type { PublicationInfo, TemplateInfo };

/**
 * Typed client of the server's JSON API. Document calls carry the link's token as a Bearer header (never
 * in the URL). Errors come back as ApiError with the server's bilingual message.
 */
export type Role = "owner" | "edit" | "review" | "view";

export interface Problem {
  path: string;
  code?: string;
  ja: string;
  en: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly ja: string,
    readonly en: string,
    readonly problems: Problem[] = [],
  ) {
    super(en);
  }
  text(lang: "ja" | "en"): string {
    return lang === "ja" ? this.ja : this.en;
  }
}

export interface CreatedLink {
  id: string;
  token: string;
  role: Role;
  shareId: string;
  link: string;
  label?: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
  jimuName: string;
  role: Role;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  purgeAt: number | null;
}

export type LookupResult =
  | ({ ok: true } & DocumentSummary)
  | { id: string; ok: false; status: number; error?: { code: string; ja: string; en: string } };

export interface ShareInfo {
  id: string;
  role: Role;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface VersionInfo {
  id: string;
  name: string;
  createdAt: number;
  createdBy: string;
  nodes: number;
  flows: number;
}

export interface ActivityEntry {
  at: number;
  actor: string;
  nodes: number;
  flows: number;
  other: number;
}

async function call<T>(
  path: string,
  opts: { token?: string | null; method?: string; body?: unknown; raw?: string } = {},
) {
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? (opts.body !== undefined || opts.raw !== undefined ? "POST" : "GET"),
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined || opts.raw !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
  } catch {
    throw new ApiError(0, "network", "サーバーに接続できません", "cannot reach the server");
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; ja?: string; en?: string; problems?: Problem[] } } | null)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? "http",
      e?.ja ?? `サーバーエラー（${res.status}）`,
      e?.en ?? `server error (${res.status})`,
      e?.problems ?? [],
    );
  }
  return json as T;
}

/** The name this browser shows to others (set in the editor); recorded as who made a change. */
function participant(): string | undefined {
  try {
    return localStorage.getItem("nagare.user.name")?.slice(0, 80) || undefined;
  } catch {
    return undefined;
  }
}

const doc = (id: string, rest = "") => `/api/documents/${encodeURIComponent(id)}${rest}`;

export const api = {
  /** `credential`: a link token or owner key; needed to copy an organisation template. */
  createDocument: (body: { title?: string; jimuName?: string; template?: string }, credential?: string | null) =>
    call<CreatedLink>("/api/documents", { body, token: credential }),
  importDocument: (text: string) =>
    call<CreatedLink & { migratedFrom: number | null }>("/api/documents/import", { raw: text }),
  lookup: (links: { id: string; token: string }[]) =>
    call<{ documents: LookupResult[] }>("/api/documents/lookup", { body: { links } }),
  getDocument: (id: string, token: string) => call<DocumentSummary & { connected: number }>(doc(id), { token }),
  rename: (id: string, token: string, body: { title?: string; jimuName?: string }) =>
    call<DocumentSummary>(doc(id), { token, method: "PATCH", body: { ...body, by: participant() } }),
  remove: (id: string, token: string) => call<DocumentSummary>(doc(id), { token, method: "DELETE" }),
  restoreFromTrash: (id: string, token: string) => call<DocumentSummary>(doc(id, "/restore"), { token, body: {} }),
  duplicate: (id: string, token: string, title?: string) =>
    call<CreatedLink>(doc(id, "/duplicate"), { token, body: title ? { title } : {} }),
  /** The model as the `*.nagare.json` text, with the server's suggested file name. */
  modelFile: async (id: string, token: string): Promise<{ text: string; filename: string }> => {
    const res = await fetch(doc(id, "/model"), { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok)
      throw new ApiError(res.status, "http", `取得できません（${res.status}）`, `cannot fetch (${res.status})`);
    const cd = res.headers.get("content-disposition") ?? "";
    const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    return { text: await res.text(), filename: m ? decodeURIComponent(m[1] as string) : `${id}.nagare.json` };
  },
  shares: (id: string, token: string) => call<{ shares: ShareInfo[] }>(doc(id, "/shares"), { token }),
  createShare: (id: string, token: string, role: "edit" | "review" | "view", label: string) =>
    call<CreatedLink>(doc(id, "/shares"), { token, body: { role, label } }),
  revokeShare: (id: string, token: string, shareId: string) =>
    call<{ id: string }>(doc(id, `/shares/${encodeURIComponent(shareId)}`), { token, method: "DELETE" }),
  versions: (id: string, token: string) => call<{ versions: VersionInfo[] }>(doc(id, "/versions"), { token }),
  createVersion: (id: string, token: string, name: string, by = participant()) =>
    call<VersionInfo>(doc(id, "/versions"), { token, body: { name, ...(by ? { by } : {}) } }),
  versionModel: (id: string, token: string, versionId: string) =>
    call<{ name: string; model: NagareDocument }>(doc(id, `/versions/${encodeURIComponent(versionId)}/model`), {
      token,
    }),
  restoreVersion: (id: string, token: string, versionId: string, by = participant()) =>
    call<{ name: string }>(doc(id, `/versions/${encodeURIComponent(versionId)}/restore`), {
      token,
      body: by ? { by } : {},
    }),
  activity: (id: string, token: string) => call<{ activity: ActivityEntry[] }>(doc(id, "/activity"), { token }),
  /** Built-in templates always; the organisation's own only with a valid link token or owner key. */
  templates: (credential?: string | null) =>
    call<{ templates: TemplateInfo[]; organization: "listed" | "needs_link" }>("/api/templates", {
      token: credential,
    }),
  /** Publishing is for the owner link of the document. */
  saveAsTemplate: (id: string, token: string, title: string) =>
    call<TemplateInfo>("/api/templates", { token, body: { documentId: id, title } }),
  publications: (id: string, token: string) => call<{ templates: PublicationInfo[] }>(doc(id, "/templates"), { token }),
  renameTemplate: (templateId: string, token: string, title: string) =>
    call<PublicationInfo>(`/api/templates/${encodeURIComponent(templateId)}`, {
      token,
      method: "PATCH",
      body: { title },
    }),
  deleteTemplate: (templateId: string, token: string) =>
    call<{ id: string }>(`/api/templates/${encodeURIComponent(templateId)}`, { token, method: "DELETE" }),
};

/** A document the owner key lists (the server's summary plus when it joined the list). */
export type KeyDocument = DocumentSummary & { addedAt: number };

/** Owner keys: the holder's list of documents kept on the server (see server/README.md). */
export const ownerApi = {
  create: (documents: { id: string; token: string }[]) =>
    call<{ key: string; keyId: string; attached: string[] }>("/api/owner/keys", { body: { documents } }),
  replace: (key: string) => call<{ key: string; keyId: string }>("/api/owner/keys/replace", { token: key, body: {} }),
  documents: (key: string) => call<{ keyId: string; documents: KeyDocument[] }>("/api/owner/documents", { token: key }),
  attach: (key: string, documents: { id: string; token: string }[]) =>
    call<{ attached: string[] }>("/api/owner/documents", { token: key, body: { documents } }),
  detach: (key: string, id: string) =>
    call<{ id: string }>(`/api/owner/documents/${encodeURIComponent(id)}`, { token: key, method: "DELETE" }),
  /** A fresh owner link of a listed document for this device. */
  link: (key: string, id: string, label: string) =>
    call<CreatedLink>(`/api/owner/documents/${encodeURIComponent(id)}/link`, { token: key, body: { label } }),
};

/** The full URL of a document link as the server returns it (`/d/<id>#t=…`). */
export function absoluteLink(link: string, origin: string = window.location.origin): string {
  return new URL(link, origin).toString();
}
