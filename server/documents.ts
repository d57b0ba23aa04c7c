import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { loadDocumentText, type NagareDocument, serializeDocument } from "../src/model";
import { readModelTolerant, ydocFromModel } from "../src/sync/doc-shape";
import { summarizeTemplate, type TemplateSummary } from "../src/templates/summary";
import { hashToken, newId, newToken } from "./auth";
import type { DocumentRow, Role, TemplateRow } from "./db";
import { HttpError } from "./http/respond";
import { type Ctx, storageFailed } from "./http/router";
import type { Store } from "./store/store";
import { DamagedDocumentError } from "./sync/persistence";
import type { Room } from "./sync/room";

/** Creating documents and links, reading content for the API, templates. */
export interface CreatedLink {
  id: string;
  token: string;
  role: Role;
  shareId: string;
  link: string;
}

export function linkFor(docId: string, token: string, role: Role): string {
  return `/d/${docId}#t=${token}${role === "edit" ? "" : `&role=${role}`}`;
}

function newLink(docId: string, role: Role, label: string) {
  const token = newToken();
  const shareId = newId(9);
  const row = { id: shareId, docId, hash: hashToken(token), role, label, createdAt: Date.now() };
  return { row, link: { id: docId, token, role, shareId, link: linkFor(docId, token, role) } };
}

export async function addToken(store: Store, docId: string, role: Role, label: string): Promise<CreatedLink> {
  const { row, link } = newLink(docId, role, label);
  await store.insertToken(row);
  return link;
}

/** Stores a new document holding `model` and returns its owner link. */
export function createDocument(ctx: Ctx, model: NagareDocument): Promise<CreatedLink> {
  const ydoc = ydocFromModel(model);
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return createFromState(ctx, state, model.title, model.meta.jimuName);
}

export async function createFromState(
  ctx: Ctx,
  state: Uint8Array,
  title: string,
  jimuName: string,
): Promise<CreatedLink> {
  if (state.length > ctx.config.maxDocumentBytes)
    throw new HttpError(
      413,
      "document_too_large",
      `文書が大きすぎます（${state.length} バイト、上限 ${ctx.config.maxDocumentBytes} バイト）`,
      `document too large (${state.length} bytes, limit ${ctx.config.maxDocumentBytes})`,
    );
  const id = newId(12);
  const now = Date.now();
  const { row, link } = newLink(id, "owner", "");
  await ctx.store.createDocument({ id, title, jimuName, createdAt: now }, state, row);
  return link;
}

/** The model of a stored document, read tolerantly (what the editor would show). */
export async function readDocumentModel(ctx: Ctx, docId: string): Promise<{ doc: NagareDocument; dropped: number }> {
  try {
    return await ctx.rooms.read(docId, (ydoc) => {
      const r = readModelTolerant(ydoc);
      return { doc: r.doc, dropped: r.dropped.length };
    });
  } catch (e) {
    if (e instanceof DamagedDocumentError) throw damaged(ctx, e);
    throw e;
  }
}

/** The open room of a document (loading it), with unreadable data answered as 503 `damaged`. */
export async function openRoom(ctx: Ctx, docId: string): Promise<Room> {
  try {
    return await ctx.rooms.open(docId);
  } catch (e) {
    if (e instanceof DamagedDocumentError) throw damaged(ctx, e);
    throw e;
  }
}

/** Applies a change to the live document as the server, so connected clients follow it; resolves once stored. */
export async function changeLive(ctx: Ctx, docId: string, actor: string, change: (d: Y.Doc) => void): Promise<void> {
  const room = await openRoom(ctx, docId);
  try {
    const verdict = await room.runAsync(() => room.applyLocal(change, { actor }));
    if (!verdict.ok) throw new HttpError(422, verdict.code, verdict.ja, verdict.en);
    if (!(await room.stored())) throw storageFailed();
  } finally {
    ctx.rooms.release(room);
  }
}

export function damaged(ctx: Ctx, e: DamagedDocumentError): HttpError {
  ctx.log(e.message);
  return new HttpError(
    503,
    "damaged",
    "文書のデータが壊れているため開けません。管理者に連絡してください",
    "the document's stored data is damaged and cannot be opened; contact the administrator",
  );
}

export function summary(ctx: Ctx, row: DocumentRow, role: Role) {
  const purgeAt = row.deleted_at === null ? null : row.deleted_at + ctx.config.trashDays * 86_400_000;
  return {
    id: row.id,
    title: row.title,
    jimuName: row.jimu_name,
    role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    purgeAt,
  };
}

export function fileNameFor(doc: NagareDocument, fallback: string): string {
  const base = (doc.title || doc.meta.jimuName || fallback)
    .replace(/[\\/:*?"<>|]/g, "_")
    .replace(/\p{Cc}/gu, "_")
    .slice(0, 80);
  return `${base || fallback}.nagare.json`;
}

export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export { serializeDocument };

// ---- Templates: the built-in files and the organisation's own, saved from documents ----

/** A template as listed: the gallery's summary (with thumbnail) plus where it comes from. */
export interface TemplateInfo extends TemplateSummary {
  source: "builtin" | "organization";
  kind: string;
  nodes: number;
  flows: number;
}

function infoOf(id: string, source: TemplateInfo["source"], doc: NagareDocument): TemplateInfo {
  return {
    ...summarizeTemplate(id, doc),
    id,
    source,
    title: doc.title || doc.meta.jimuName || id,
    organization: doc.meta.organization,
    kind: doc.meta.assessmentKind,
    jimuName: doc.meta.jimuName,
    nodes: doc.nodes.length,
    flows: doc.flows.length,
  };
}

/** Parsed template files, re-read when a file changes. */
const templateCache = new Map<string, { key: string; value: { info: TemplateInfo; doc: NagareDocument } | null }>();

const TEMPLATE_FILE = /^([A-Za-z0-9_-]{1,64})\.nagare\.json$/;

export function builtinTemplates(ctx: Ctx): { info: TemplateInfo; doc: NagareDocument }[] {
  let files: string[] = [];
  try {
    files = fs.readdirSync(ctx.config.templatesDir).sort();
  } catch {
    return [];
  }
  const out: { info: TemplateInfo; doc: NagareDocument }[] = [];
  for (const f of files) {
    const m = TEMPLATE_FILE.exec(f);
    if (!m) continue;
    const file = path.join(ctx.config.templatesDir, f);
    const stat = fs.statSync(file);
    const key = `${stat.mtimeMs}:${stat.size}`;
    let entry = templateCache.get(file);
    if (entry?.key !== key) {
      const loaded = loadDocumentText(fs.readFileSync(file, "utf8"));
      if (!loaded.ok) ctx.log(`template ${f} skipped: ${loaded.problems.map((p) => `${p.path} ${p.en}`).join("; ")}`);
      entry = {
        key,
        value: loaded.ok ? { info: infoOf(m[1] as string, "builtin", loaded.doc), doc: loaded.doc } : null,
      };
      templateCache.set(file, entry);
    }
    if (entry.value) out.push(entry.value);
  }
  return out;
}

const orgCache = new Map<string, TemplateInfo>();

/** An organisation template as listed (its body is read once for the thumbnail). */
export async function orgTemplateInfo(ctx: Ctx, row: TemplateRow): Promise<TemplateInfo | null> {
  const cached = orgCache.get(row.id);
  if (cached) return cached;
  const body = await ctx.store.templateBody(row.id);
  const loaded = body !== undefined ? loadDocumentText(body) : null;
  if (!loaded?.ok) {
    ctx.log(`organisation template ${row.id} cannot be read`);
    return null;
  }
  const info = { ...infoOf(`org-${row.id}`, "organization", loaded.doc), title: row.title };
  orgCache.set(row.id, info);
  return info;
}

export async function templateModel(ctx: Ctx, templateId: string): Promise<NagareDocument> {
  if (templateId.startsWith("org-")) {
    const body = await ctx.store.templateBody(templateId.slice(4));
    const loaded = body !== undefined ? loadDocumentText(body) : null;
    if (loaded?.ok) return loaded.doc;
  } else {
    const found = builtinTemplates(ctx).find((t) => t.info.id === templateId);
    if (found) return found.doc;
  }
  throw new HttpError(404, "template_not_found", "ひな形が見つかりません", "template not found", { path: "template" });
}

export async function saveOrgTemplate(ctx: Ctx, doc: NagareDocument, title: string): Promise<TemplateInfo> {
  const id = newId(9);
  const body = serializeDocument({ ...doc, title, decisions: {}, answers: {} });
  await ctx.store.insertTemplate(
    {
      id,
      title,
      organization: doc.meta.organization,
      kind: doc.meta.assessmentKind,
      jimu_name: doc.meta.jimuName,
      nodes: doc.nodes.length,
      flows: doc.flows.length,
      created_at: Date.now(),
    },
    body,
  );
  return { ...infoOf(`org-${id}`, "organization", doc), title };
}
