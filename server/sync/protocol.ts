import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";

/**
 * The y-websocket wire format (what the y-websocket 3 client speaks), plus one message of our own:
 * NOTICE carries a bilingual explanation (read-only, refused update, limits) before a close or a drop.
 */
export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
export const MSG_NOTICE = 21;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export interface Notice {
  code: string;
  ja: string;
  en: string;
}

/** Sent before closing the connections of a revoked link (4403) or of a document moved to the trash (4410). */
export const LINK_REVOKED: Notice = {
  code: "revoked",
  ja: "このリンクは取り消されました",
  en: "this link was revoked",
};
export const DOCUMENT_TRASHED: Notice = {
  code: "deleted",
  ja: "文書はごみ箱に移されました",
  en: "the document was moved to the trash",
};

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(e);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

export function noticeMessage(notice: Notice): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_NOTICE);
  encoding.writeVarString(e, JSON.stringify(notice));
  return encoding.toUint8Array(e);
}

export type Incoming =
  | { kind: "step1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" }
  | { kind: "ignored" };

/** Decodes one client message; throws on anything malformed (truncated, unknown type, trailing bytes). */
export function decodeMessage(data: Uint8Array): Incoming {
  const d = decoding.createDecoder(data);
  const type = decoding.readVarUint(d);
  let out: Incoming;
  if (type === MSG_SYNC) {
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === SYNC_STEP1) out = { kind: "step1", stateVector: payload };
    else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) out = { kind: "update", update: payload };
    else throw new Error(`unknown sync message ${sub}`);
  } else if (type === MSG_AWARENESS) out = { kind: "awareness", update: decoding.readVarUint8Array(d) };
  else if (type === MSG_QUERY_AWARENESS) out = { kind: "query-awareness" };
  else if (type === MSG_AUTH) {
    decoding.readVarUint(d);
    decoding.readVarString(d);
    out = { kind: "ignored" };
  } else throw new Error(`unknown message type ${type}`);
  if (decoding.hasContent(d)) throw new Error("trailing bytes");
  return out;
}

/** True when an update carries any insertion or deletion. */
export function updateIsEmpty(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

/** Validates a state vector (a step-1 payload) so that a bad one closes the connection, not the server. */
export function checkStateVector(sv: Uint8Array): void {
  Y.decodeStateVector(sv);
}
