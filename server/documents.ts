import * as Y from "yjs";
import { type NagareDocument, serializeDocument } from "../src/model";
import { readModelTolerant, ydocFromModel } from "../src/sync/doc-shape";
import { hashToken, newId, newToken } from "./auth";
import type { DocumentRow, Role } from "./db";
import { HttpError } from "./http/respond";
import { type Ctx, storageFailed } from "./http/router";
import type { Store } from "./store/store";
import { DamagedDocumentError } from "./sync/persistence";
import type { Room } from "./sync/room";
import { repairText } from "./text";

/** Creating documents and links, reading content for the API. */
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
  // Cut before repairing: a cut between the two halves of a surrogate pair leaves a lone one.
  const base = repairText(
    (doc.title || doc.meta.jimuName || fallback)
      .replace(/[\\/:*?"<>|]/g, "_")
      .replace(/\p{Cc}/gu, "_")
      .slice(0, 80),
  );
  return `${base || fallback}.nagare.json`;
}

export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export { serializeDocument };
