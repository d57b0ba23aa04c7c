import * as Y from "yjs";
import type { Store, StoredContent } from "../store/store";

/** A document whose stored bytes cannot be read; other documents are unaffected. */
export class DamagedDocumentError extends Error {
  constructor(
    readonly docId: string,
    detail: string,
  ) {
    super(`document ${docId} is damaged: ${detail}`);
  }
}

export interface LoadedState {
  doc: Y.Doc;
  bytes: number;
  lastSeq: number;
  /** Stored updates not yet folded into the snapshot. */
  updates: number;
}

/** Applies stored content (snapshot and/or updates) to a document. Throws what Yjs throws. */
export function applyContent(doc: Y.Doc, content: StoredContent, origin: unknown = null): number {
  let bytes = 0;
  if (content.snapshot) {
    Y.applyUpdate(doc, content.snapshot, origin);
    bytes += content.snapshot.length;
  }
  for (const u of content.updates) {
    Y.applyUpdate(doc, u.data, origin);
    bytes += u.data.length;
  }
  return bytes;
}

/** Builds a document from its stored content. */
export function buildState(docId: string, content: StoredContent): LoadedState {
  const doc = new Y.Doc();
  let bytes = 0;
  try {
    bytes = applyContent(doc, content);
  } catch (e) {
    doc.destroy();
    throw new DamagedDocumentError(docId, e instanceof Error ? e.message : String(e));
  }
  if (doc.store.pendingStructs || doc.store.pendingDs) {
    // Stored updates always integrate; leftovers mean rows were altered outside the server.
    doc.destroy();
    throw new DamagedDocumentError(docId, "stored updates do not fit together");
  }
  return { doc, bytes, lastSeq: content.lastSeq, updates: content.updates.length };
}

/** Rebuilds a document from its snapshot and the updates stored after it. */
export async function loadState(store: Store, docId: string): Promise<LoadedState> {
  return buildState(docId, await store.loadContent(docId));
}

/** The snapshot that replaces stored content: one update, with deleted content garbage-collected. */
export function foldContent(docId: string) {
  return (content: StoredContent): Uint8Array => {
    const { doc } = buildState(docId, content);
    try {
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  };
}
