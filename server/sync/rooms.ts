import type * as Y from "yjs";
import type { ServerConfig } from "../config";
import type { Db } from "../db";
import { loadState } from "./persistence";
import { type Notice, noticeMessage } from "./protocol";
import { Room } from "./room";

/**
 * The open documents. A room is loaded (synchronously, before any sync answer) on first use, compacted
 * when its last client leaves and unloaded after a quiet period.
 */
export class Rooms {
  private rooms = new Map<string, Room>();
  private dirty = new Set<Room>();
  private scheduled = false;
  private hooks = {
    schedule: (room: Room) => {
      this.dirty.add(room);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    },
    flushNow: () => this.flush(),
  };

  constructor(
    private db: Db,
    private config: ServerConfig,
    private log: (line: string) => void = () => {},
    private idleMs = 30_000,
  ) {}

  /**
   * Writes every queued update of every room in one transaction, then broadcasts them (false: the
   * write failed and the queued updates were dropped). Call before
   * anything is sent from a room's state (a sync answer, a download) so that nobody sees unstored edits.
   */
  flush(): boolean {
    this.scheduled = false;
    if (this.dirty.size === 0) return true;
    const rooms = [...this.dirty];
    this.dirty.clear();
    let after: (() => void)[];
    try {
      after = this.db.tx(() => rooms.map((r) => r.writePending()));
    } catch (e) {
      this.log(`storing updates failed: ${e instanceof Error ? e.message : String(e)}`);
      for (const r of rooms)
        r.abandonPending({
          code: "storage_failed",
          ja: "サーバーで保存に失敗したため、変更は受け付けられませんでした",
          en: "the server could not store the change",
        });
      // Callers answering over HTTP must not report success for a change that was dropped.
      return false;
    }
    for (const f of after) f();
    return true;
  }

  /** The room of a document, loading it if needed. Throws DamagedDocumentError for unreadable data. */
  open(docId: string): Room {
    let room = this.rooms.get(docId);
    if (!room) {
      room = new Room(docId, this.db, this.config, this.hooks);
      this.rooms.set(docId, room);
      this.release(room);
    }
    return room;
  }

  get(docId: string): Room | undefined {
    return this.rooms.get(docId);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Runs `fn` on the current content without keeping the document open. */
  read<T>(docId: string, fn: (doc: Y.Doc) => T): T {
    this.flush();
    const room = this.rooms.get(docId);
    if (room) return fn(room.doc);
    const loaded = loadState(this.db, docId);
    try {
      return fn(loaded.doc);
    } finally {
      loaded.doc.destroy();
    }
  }

  /** Called when a peer leaves (or after a one-off HTTP change): compact now, unload later if still idle. */
  release(room: Room): void {
    if (room.peers.size > 0) return;
    room.compact();
    room.scheduleUnload(this.idleMs, () => {
      if (room.peers.size > 0 || this.rooms.get(room.docId) !== room) return;
      room.compact();
      room.destroy();
      this.rooms.delete(room.docId);
    });
  }

  /** Closes every connection of a document (deleted, or its link revoked when `tokenId` is given). */
  disconnect(docId: string, notice: Notice, closeCode: number, tokenId?: string): void {
    const room = this.rooms.get(docId);
    if (!room) return;
    if (tokenId === undefined) room.notifyAll(notice, closeCode);
    else
      for (const p of [...room.peers])
        if (p.tokenId === tokenId) {
          p.send(noticeMessage(notice));
          p.close(closeCode, notice.code);
        }
  }

  /** Compacts everything (graceful shutdown). */
  closeAll(): void {
    this.flush();
    for (const room of this.rooms.values()) {
      room.notifyAll({ code: "server_restart", ja: "サーバーが再起動します", en: "the server is restarting" }, 1012);
      room.compact();
      room.destroy();
    }
    this.rooms.clear();
  }
}
