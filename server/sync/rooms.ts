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

  constructor(
    private db: Db,
    private config: ServerConfig,
    private idleMs = 30_000,
  ) {}

  /** The room of a document, loading it if needed. Throws DamagedDocumentError for unreadable data. */
  open(docId: string): Room {
    let room = this.rooms.get(docId);
    if (!room) {
      room = new Room(docId, this.db, this.config);
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
    for (const room of this.rooms.values()) {
      room.notifyAll({ code: "server_restart", ja: "サーバーが再起動します", en: "the server is restarting" }, 1012);
      room.compact();
      room.destroy();
    }
    this.rooms.clear();
  }
}
