import type http from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import { WebSocket, WebSocketServer } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import { CURRENT_SCHEMA_VERSION } from "../../src/model";
import { type BadTokenThrottle, checkToken, DOC_ID, docIdTag, tokenTag } from "../auth";
import type { ServerConfig } from "../config";
import { clientAddress } from "../http/respond";
import { securityHeaders } from "../security-headers";
import { type Store, storageFailure } from "../store/store";
import { DamagedDocumentError } from "./persistence";
import {
  awarenessMessage,
  checkStateVector,
  decodeMessage,
  type Notice,
  noticeMessage,
  syncStep1Message,
  syncStep2Message,
  updateIsEmpty,
} from "./protocol";
import { type Peer, STORAGE_FAILED } from "./room";
import type { Rooms } from "./rooms";

/** Close codes: 44xx the client must not retry as is; 45xx try again later (y-websocket's convention). */
export const CLOSE = {
  malformed: 4400,
  revoked: 4403,
  deleted: 4410,
  tooLarge: 4413,
  refused: 4422,
  outdated: 4426,
  busy: 4503,
} as const;

const READ_ONLY: Notice = {
  code: "read_only",
  ja: "閲覧用のリンクのため、変更は保存されません",
  en: "this is a view-only link: changes are not saved",
};

const CLIENT_OUTDATED: Notice = {
  code: "client_outdated",
  ja: "Nagare が新しい版に更新されました。ページを再読み込みしてください（未送信の変更は端末に残ります）",
  en: "Nagare has been updated: reload the page (changes not yet sent stay on this device)",
};

const SERVER_OUTDATED: Notice = {
  code: "server_outdated",
  ja: "サーバーの更新を待っています。しばらくすると自動で接続します",
  en: "waiting for the server to be updated; the connection is retried automatically",
};

const PRESENCE_LIMITED: Notice = {
  code: "presence_limited",
  ja: "カーソルや選択の共有データが大きすぎるか多すぎるため、一部を他の参加者に送っていません",
  en: "presence (cursor, selection) updates are too large or too frequent: some were not relayed",
};

/**
 * A token bucket in bytes: a message larger than `maxMessage` never passes; otherwise each one spends its
 * size (at least 256 bytes, so that many tiny messages count too) from a budget refilled at `perSecond`,
 * holding at most two seconds' worth.
 */
export class ByteBudget {
  private available: number;
  private last = performance.now();
  constructor(
    private maxMessage: number,
    private perSecond: number,
  ) {
    this.available = 2 * perSecond;
  }

  take(bytes: number): boolean {
    if (bytes > this.maxMessage) return false;
    const now = performance.now();
    this.available = Math.min(2 * this.perSecond, this.available + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    const cost = Math.max(256, bytes);
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }
}

/** A client that cannot keep up this far behind is dropped (it reconnects and resyncs). */
const MAX_BUFFERED = 32 * 1024 * 1024;

interface Deps {
  store: Store;
  rooms: Rooms;
  config: ServerConfig;
  throttle: BadTokenThrottle;
  log: (line: string) => void;
}

/** Answers an upgrade request with a plain HTTP error, without upgrading. */
function refuseUpgrade(
  req: http.IncomingMessage,
  socket: Duplex,
  status: number,
  code: string,
  ja: string,
  en: string,
): void {
  const body = JSON.stringify({ error: { code, ja, en } });
  const reason = http_reason(status);
  // Written by hand (no ServerResponse here), so the security headers every response carries are added too.
  const security = Object.entries(securityHeaders(req))
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${security}Connection: close\r\n\r\n${body}`,
  );
}

function http_reason(status: number): string {
  return (
    {
      400: "Bad Request",
      401: "Unauthorized",
      403: "Forbidden",
      404: "Not Found",
      410: "Gone",
      503: "Service Unavailable",
    }[status] ?? "Error"
  );
}

export function attachSync(server: http.Server, deps: Deps): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.config.maxMessageBytes });
  // Connections whose other end vanished without closing would hold a place among the document's
  // connections for a long time: ping every 30 s and drop those that did not answer the last ping.
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, 30_000);
  heartbeat.unref();
  wss.on("close", () => clearInterval(heartbeat));

  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    upgrade(req, socket, head).catch((e) => {
      deps.log(`upgrade failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!socket.writable) return;
      if (storageFailure(e))
        refuseUpgrade(
          req,
          socket,
          503,
          "storage_unreachable",
          "データベースに接続できないため、いまは文書を開けません。しばらくしてからもう一度お試しください",
          "the database cannot be reached, so the document cannot be opened right now; try again shortly",
        );
      else refuseUpgrade(req, socket, 500, "internal", "サーバー内部でエラーが起きました", "internal server error");
    });
  });

  async function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const m = /^\/ws\/([^/]*)$/.exec(url.pathname);
    if (!m) return refuseUpgrade(req, socket, 404, "not_found", "接続先が違います", "unknown WebSocket path");
    const docId = decodeURIComponentSafe(m[1] ?? "");
    if (!docId || !DOC_ID.test(docId))
      return refuseUpgrade(req, socket, 400, "bad_id", "文書 ID が正しくありません", "invalid document id");
    if (!originAllowed(req, deps.config.allowedOrigins))
      return refuseUpgrade(req, socket, 403, "bad_origin", "許可されていない接続元です", "origin not allowed");
    const address = clientAddress(req);
    const token = url.searchParams.get("token");
    const auth = await checkToken(deps.store, docId, token);
    if (!auth.ok) {
      if (auth.status === 403) {
        deps.log(`ws refused ${await docIdTag(deps.store, docId)} ${token ? tokenTag(token) : "-"} ${auth.code}`);
        if (auth.guess && token) await deps.throttle.failed(address, [token]);
      }
      return refuseUpgrade(req, socket, auth.status, auth.code, auth.ja, auth.en);
    }
    // The owner may still reach a trashed document over HTTP (to restore it), but nobody edits it.
    if ((await deps.store.getDocument(docId))?.deleted_at != null)
      return refuseUpgrade(req, socket, 410, "deleted", "文書はごみ箱にあります", "the document is in the trash");
    let room: Awaited<ReturnType<Rooms["open"]>>;
    try {
      room = await deps.rooms.open(docId);
    } catch (e) {
      if (e instanceof DamagedDocumentError) {
        deps.log(e.message);
        return refuseUpgrade(
          req,
          socket,
          503,
          "damaged",
          "文書のデータが壊れているため開けません。管理者に連絡してください",
          "the document's stored data is damaged and cannot be opened; contact the administrator",
        );
      }
      throw e;
    }
    // Our client announces that it reads NOTICE messages; a stock y-websocket provider does not (it would log
    // "Unable to compute message" for each) and learns of refusals from the close code and reason alone.
    const understandsNotices = url.searchParams.get("notices") === "1";
    // Our client announces the schema version it was built for; stock clients announce none.
    const clientSchema = url.searchParams.get("schema");
    // The limit counts the document's connections on every instance (through Redis when shared).
    const admitted = await deps.rooms.admit(room);
    let upgraded = false;
    wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded = true;
      const token = auth.token;
      let closing = false;
      const peer: Peer = {
        role: token.role,
        tokenId: token.id,
        label: token.label,
        participant: null,
        clientIds: new Set(),
        send: (data) => {
          if (ws.readyState !== WebSocket.OPEN) return;
          if (ws.bufferedAmount > MAX_BUFFERED) return ws.close(CLOSE.busy, "too_slow");
          ws.send(data);
        },
        notice: (n) => {
          if (understandsNotices) peer.send(noticeMessage(n));
        },
        close: (code, reason) => {
          closing = true;
          ws.close(code, reason.slice(0, 120));
        },
      };
      if (clientSchema !== null && clientSchema !== String(CURRENT_SCHEMA_VERSION)) {
        const older = Number(clientSchema) < CURRENT_SCHEMA_VERSION;
        deps.log(`client of schema ${clientSchema.slice(0, 8)} refused on ${docId} (server ${CURRENT_SCHEMA_VERSION})`);
        peer.notice(older ? CLIENT_OUTDATED : SERVER_OUTDATED);
        // An old page must be reloaded (4426: do not retry as is); a newer page waits for the server's upgrade.
        ws.close(older ? CLOSE.outdated : CLOSE.busy, older ? CLIENT_OUTDATED.code : SERVER_OUTDATED.code);
        if (admitted) deps.rooms.left(room);
        return;
      }
      if (!admitted || room.peers.size >= deps.config.maxConnectionsPerDocument) {
        if (admitted) deps.rooms.left(room);
        peer.notice({
          code: "too_many_connections",
          ja: `この文書に接続している人数が上限（${deps.config.maxConnectionsPerDocument}）に達しています`,
          en: `too many connections to this document (limit ${deps.config.maxConnectionsPerDocument})`,
        });
        ws.close(CLOSE.busy, "too_many_connections");
        return;
      }
      room.cancelUnload();
      room.peers.add(peer);
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
      let toldReadOnly = false;
      let toldPresenceLimited = false;
      const presenceBudget = new ByteBudget(deps.config.maxAwarenessBytes, deps.config.awarenessBytesPerSecond);
      const fail = (notice: Notice, code: number) => {
        // Nothing more from this connection counts: later messages may build on the refused one.
        closing = true;
        peer.notice(notice);
        ws.close(code, notice.code);
      };
      ws.on("message", (data: Buffer, isBinary: boolean) => {
        if (!isBinary)
          return fail(
            { code: "malformed", ja: "不正なメッセージ", en: "text frames are not accepted" },
            CLOSE.malformed,
          );
        const current = deps.rooms.get(docId);
        if (closing || current !== room || !room.peers.has(peer)) return;
        try {
          const msg = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
          switch (msg.kind) {
            case "step1": {
              checkStateVector(msg.stateVector);
              // The answer is built from the server's copy once it holds exactly what is stored.
              const sv = msg.stateVector;
              room.whenStable(() => {
                if (!closing) peer.send(syncStep2Message(room.doc, sv));
              });
              break;
            }
            case "update": {
              if (peer.role === "view") {
                if (!toldReadOnly && !updateIsEmpty(msg.update)) {
                  toldReadOnly = true;
                  peer.notice(READ_ONLY);
                }
                break;
              }
              // The database is away and the copy waits to be rebuilt: nothing can be stored now.
              if (room.refusesEdits && !updateIsEmpty(msg.update)) return fail(STORAGE_FAILED, 1011);
              const update = msg.update;
              room.run(() => {
                // Later messages may build on a refused one: once one is refused, none counts.
                if (closing || !room.peers.has(peer)) return;
                const verdict = room.applyRemote(peer, update);
                if (!verdict.ok) {
                  deps.log(`update refused ${docId} ${verdict.code}`);
                  fail(verdict, verdict.closeCode);
                }
              });
              break;
            }
            case "awareness":
              // Presence is relayed to everyone: its size and rate are bounded per connection.
              if (!presenceBudget.take(msg.update.length)) {
                if (!toldPresenceLimited) {
                  toldPresenceLimited = true;
                  deps.log(`awareness limited on ${docId}: ${msg.update.length} bytes`);
                  peer.notice(PRESENCE_LIMITED);
                }
                break;
              }
              // A client speaks only for its own presence, never for another connection's.
              if (awarenessClients(msg.update).some((id) => ownedByOther(room.peers, peer, id))) break;
              awarenessProtocol.applyAwarenessUpdate(room.awareness, msg.update, peer);
              break;
            case "query-awareness":
              peer.send(awarenessMessage(room.awareness, [...room.awareness.getStates().keys()]));
              break;
            case "ignored":
              break;
          }
        } catch (e) {
          deps.log(`malformed message on ${docId}: ${e instanceof Error ? e.message : String(e)}`);
          fail(
            {
              code: "malformed",
              ja: "読めないメッセージを受け取ったため接続を閉じます",
              en: "malformed message: connection closed",
            },
            CLOSE.malformed,
          );
        }
      });
      ws.on("error", () => ws.terminate());
      ws.on("close", () => {
        deps.rooms.left(room);
        room.removePeer(peer);
        deps.rooms.release(room);
      });
      if (token.role === "view") peer.notice(READ_ONLY);
      // The state vector the client answers must be of what is stored: a copy that still holds a change
      // that could not be stored (waiting to be rebuilt) would make the client leave out its own copy of it.
      room.whenStable(() => {
        if (!closing) peer.send(syncStep1Message(room.doc));
      });
      const states = [...room.awareness.getStates().keys()];
      if (states.length) peer.send(awarenessMessage(room.awareness, states));
    });
    // ws answers synchronously: no callback means the handshake failed (bad headers, socket gone).
    if (!upgraded && admitted) deps.rooms.left(room);
  }
  return wss;
}

/** The client ids an awareness update speaks for. */
function awarenessClients(update: Uint8Array): number[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(decoding.readVarUint(d));
    decoding.readVarUint(d);
    decoding.readVarString(d);
  }
  return ids;
}

function ownedByOther(peers: Set<Peer>, self: Peer, clientId: number): boolean {
  for (const p of peers) if (p !== self && p.clientIds.has(clientId)) return true;
  return false;
}

function decodeURIComponentSafe(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Browsers send Origin; it must be the page's own host (or listed). Non-browser clients send none. */
function originAllowed(req: http.IncomingMessage, extra: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (extra.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
