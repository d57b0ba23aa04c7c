import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import type { ServerConfig } from "../config";
import type { Store } from "../store/store";
import type { Fanout } from "./fanout";
import { migrateOnOpen } from "./migrate";
import { loadState } from "./persistence";
import { DOCUMENT_TRASHED, LINK_REVOKED, type Notice } from "./protocol";
import { FROM_ELSEWHERE, Room, type RoomHooks } from "./room";
import { CLOSE } from "./websocket";

const POLL_MS = 2_000;
const POLL_DOWN_MS = 500;

/**
 * The open documents. A room is loaded on first use (before any sync answer), compacted when its last
 * client leaves and unloaded after a quiet period. Queued updates of all rooms are written together in
 * one transaction (group commit), one write at a time; what arrives meanwhile goes into the next.
 */
export class Rooms {
  private rooms = new Map<string, Room>();
  private loading = new Map<string, Promise<Room>>();
  private dirty = new Set<Room>();
  private scheduled = false;
  private writing: Promise<void> | null = null;
  private hooks: RoomHooks = {
    schedule: (room: Room) => {
      this.dirty.add(room);
      this.kick();
    },
    log: (line) => this.log(line),
  };
  private poller: NodeJS.Timeout | null = null;

  constructor(
    private store: Store,
    private config: ServerConfig,
    private log: (line: string) => void = () => {},
    private idleMs = 30_000,
    private fanout: Fanout | null = null,
  ) {
    if (fanout) this.connect(fanout);
  }

  /**
   * Several instances: stored updates are published after commit, other instances' updates, presence
   * and disconnections are applied here, and open documents are checked against the store regularly
   * (every second while Redis is away), so that a lost message delays an edit but never loses it.
   */
  private connect(fanout: Fanout): void {
    this.hooks.stored = (room, prev, last, update) => fanout.stored(room.docId, prev, last, update);
    this.hooks.awareness = (room, update) => fanout.awareness(room.docId, update);
    fanout.start({
      stored: (docId, prev, last, update) => this.rooms.get(docId)?.receiveStored(prev, last, update),
      awareness: (docId, update) => {
        const room = this.rooms.get(docId);
        if (room && !room.dead) awarenessProtocol.applyAwarenessUpdate(room.awareness, update, FROM_ELSEWHERE);
      },
      disconnect: (docId, notice, code, tokenId) => this.disconnectHere(docId, notice, code, tokenId),
      reconnected: () => void this.poll(),
    });
    let last = 0;
    this.poller = setInterval(() => {
      const every = fanout.up ? POLL_MS : POLL_DOWN_MS;
      if (Date.now() - last < every) return;
      last = Date.now();
      void this.poll();
    }, POLL_DOWN_MS);
    this.poller.unref();
  }

  /**
   * Compares every open document with the store and catches up those that are behind; closes the
   * connections of links revoked and documents trashed on another instance (in case its Redis message
   * was lost).
   */
  async poll(): Promise<void> {
    const open = [...this.rooms.values()].filter((r) => !r.dead);
    if (open.length === 0) return;
    const connected = open.filter((r) => r.peers.size > 0);
    let seqs: Map<string, number>;
    let ended: { docs: Set<string>; tokens: Set<string> };
    try {
      [seqs, ended] = await Promise.all([
        this.store.lastSeqs(open.map((r) => r.docId)),
        this.store.accessEnded(
          connected.map((r) => r.docId),
          [...new Set(connected.flatMap((r) => [...r.peers].map((p) => p.tokenId)))],
        ),
      ]);
    } catch {
      return; // the store is away: writes are refused meanwhile, nothing to catch up
    }
    for (const room of open) if ((seqs.get(room.docId) ?? 0) > room.seq) room.catchUp(room.seq);
    for (const room of connected) {
      if (ended.docs.has(room.docId)) this.disconnectHere(room.docId, DOCUMENT_TRASHED, CLOSE.deleted);
      else
        for (const tokenId of new Set([...room.peers].map((p) => p.tokenId)))
          if (ended.tokens.has(tokenId)) this.disconnectHere(room.docId, LINK_REVOKED, CLOSE.revoked, tokenId);
    }
  }

  /** Takes a place among the document's connections (on all instances when they share Redis). */
  async admit(room: Room): Promise<boolean> {
    const limit = this.config.maxConnectionsPerDocument;
    if (room.peers.size >= limit) return false;
    const here = () => room.peers.size < limit;
    return this.fanout ? this.fanout.admit(room.docId, limit, here) : here();
  }

  /** Gives the place back. */
  left(room: Room): void {
    this.fanout?.release(room.docId);
  }

  private kick(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writing = this.write().finally(() => {
        this.writing = null;
        if (this.dirty.size) this.kick();
      });
    });
  }

  /** Writes the queues of the dirty rooms in one transaction, then lets each room broadcast. */
  private async write(): Promise<void> {
    const taken = [...this.dirty].map((r) => r.takePending()).filter((t) => t !== null);
    this.dirty.clear();
    if (taken.length === 0) return;
    try {
      const results = await this.store.appendUpdates(taken.map((t) => t.write));
      for (const [i, t] of taken.entries()) t.commit(results[i] as (typeof results)[number]);
    } catch (e) {
      this.log(`storing updates failed: ${e instanceof Error ? e.message : String(e)}`);
      for (const t of taken) t.abandon(e);
    }
  }

  /** Waits until everything queued so far is written (or dropped). */
  async flush(): Promise<void> {
    while (this.writing || this.scheduled || this.dirty.size) {
      if (this.writing) await this.writing;
      else await new Promise((r) => setImmediate(r));
    }
  }

  /** The room of a document, loading it if needed. Rejects with DamagedDocumentError for unreadable data. */
  async open(docId: string): Promise<Room> {
    const room = this.rooms.get(docId);
    if (room && !room.dead) return room;
    if (room) this.rooms.delete(docId);
    let loading = this.loading.get(docId);
    if (!loading) {
      // Listening first: what is published while the document loads is not missed.
      loading = (this.fanout ? this.fanout.join(docId) : Promise.resolve())
        .then(() => Room.load(docId, this.store, this.config, this.hooks))
        .then(
          async (r) => {
            // A document stored under an older schema is migrated before anyone syncs it.
            await migrateOnOpen(r, this.log);
            this.loading.delete(docId);
            this.rooms.set(docId, r);
            this.release(r);
            return r;
          },
          (e) => {
            this.loading.delete(docId);
            throw e;
          },
        );
      this.loading.set(docId, loading);
    }
    return loading;
  }

  get(docId: string): Room | undefined {
    return this.rooms.get(docId);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Runs `fn` on the stored content (an open room's copy once its queue is written) without keeping it open. */
  async read<T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const room = this.rooms.get(docId);
    if (room && !room.dead) return room.stableAsync(() => fn(room.doc));
    const loaded = await loadState(this.store, docId);
    try {
      return fn(loaded.doc);
    } finally {
      loaded.doc.destroy();
    }
  }

  /** Called when a peer leaves (or after a one-off HTTP change): compact now, unload later if still idle. */
  release(room: Room): void {
    if (room.peers.size > 0) return;
    if (room.dead) {
      if (this.rooms.get(room.docId) === room) this.rooms.delete(room.docId);
      return;
    }
    void room.compact();
    room.scheduleUnload(this.idleMs, () => {
      if (room.peers.size > 0 || this.rooms.get(room.docId) !== room) return;
      if (!room.idle) return this.release(room);
      void room.compact().then(() => {
        if (room.peers.size > 0 || this.rooms.get(room.docId) !== room || !room.idle) return this.release(room);
        room.destroy();
        this.rooms.delete(room.docId);
        void this.fanout?.leave(room.docId);
      });
    });
  }

  /** Forgets a room whose copy could not be rebuilt; the next use loads it again. */
  forget(room: Room): void {
    if (this.rooms.get(room.docId) === room) this.rooms.delete(room.docId);
  }

  /** Closes every connection of a document (deleted, or its link revoked when `tokenId` is given). */
  disconnect(docId: string, notice: Notice, closeCode: number, tokenId?: string): void {
    this.fanout?.disconnect(docId, notice, closeCode, tokenId);
    this.disconnectHere(docId, notice, closeCode, tokenId);
  }

  private disconnectHere(docId: string, notice: Notice, closeCode: number, tokenId?: string): void {
    const room = this.rooms.get(docId);
    if (!room) return;
    if (tokenId === undefined) room.notifyAll(notice, closeCode);
    else
      for (const p of [...room.peers])
        if (p.tokenId === tokenId) {
          p.notice(notice);
          p.close(closeCode, notice.code);
        }
  }

  /** Writes what is queued, closes every connection and compacts (graceful shutdown). */
  async closeAll(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    await this.flush();
    for (const room of this.rooms.values()) {
      room.notifyAll({ code: "server_restart", ja: "サーバーが再起動します", en: "the server is restarting" }, 1012);
      await room.compact();
      room.destroy();
    }
    this.rooms.clear();
  }
}
