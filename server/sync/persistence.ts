import * as Y from "yjs";
import type { Db } from "../db";

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
  updates: number;
}

/** Rebuilds a document from its snapshot and the updates stored after it. */
export function loadState(db: Db, docId: string): LoadedState {
  const doc = new Y.Doc();
  let bytes = 0;
  let lastSeq = 0;
  let updates = 0;
  try {
    const snap = db.q.getSnapshot.get(docId);
    if (snap) {
      Y.applyUpdate(doc, snap.state);
      bytes += snap.state.length;
    }
    for (const u of db.q.getUpdates.iterate(docId)) {
      Y.applyUpdate(doc, u.data);
      bytes += u.data.length;
      lastSeq = u.seq;
      updates++;
    }
  } catch (e) {
    doc.destroy();
    throw new DamagedDocumentError(docId, e instanceof Error ? e.message : String(e));
  }
  if (doc.store.pendingStructs || doc.store.pendingDs) {
    // Stored updates always integrate; leftovers mean rows were altered outside the server.
    doc.destroy();
    throw new DamagedDocumentError(docId, "stored updates do not fit together");
  }
  return { doc, bytes, lastSeq, updates };
}

/** Stores a complete new document (creation, import, duplicate). */
export function storeInitialState(db: Db, docId: string, state: Uint8Array): void {
  db.q.putSnapshot.run(docId, Buffer.from(state), state.length);
}

/** Folds the stored updates up to `lastSeq` into the snapshot, atomically. */
export function compactState(db: Db, docId: string, state: Uint8Array, lastSeq: number): void {
  db.tx(() => {
    db.q.putSnapshot.run(docId, Buffer.from(state), state.length);
    db.q.dropUpdates.run(docId, lastSeq);
  });
}
