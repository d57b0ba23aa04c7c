import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { ROOT_KEY } from "../../src/sync/doc-shape";
import type { ServerConfig } from "../config";
import type { Db, Role } from "../db";
import { ChangeSet } from "./changes";
import { compactState, loadState } from "./persistence";
import { awarenessMessage, type Notice, noticeMessage, updateMessage } from "./protocol";
import { type Verdict, validateDocument } from "./validate";

/** One client connection as a room sees it. */
export interface Peer {
  role: Role;
  tokenId: string;
  /** The share link's label; the participant's own name (from awareness) is preferred in the log. */
  label: string;
  participant: string | null;
  clientIds: Set<number>;
  send: (data: Uint8Array) => void;
  close: (code: number, reason: string) => void;
}

/** Group commit: a room asks for a flush soon (schedule) or at once (flushNow). */
export interface RoomHooks {
  schedule: (room: Room) => void;
  flushNow: () => void;
}

interface PendingWrite {
  update: Uint8Array;
  actor: string;
  changes: ChangeSet;
  from: Peer | null;
}

/** Who made a change that did not come through a WebSocket (rename, restore over HTTP). */
export interface LocalActor {
  actor: string;
}

/**
 * A document being edited: the server's copy of the Y.Doc, the awareness relay and the peers. Every change
 * goes through `integrate`: apply → schema check → queue; the queue is written to SQLite (one transaction
 * for everything that arrived in one turn of the event loop, so one fsync serves many edits) and only then
 * broadcast. Nothing reaches another client before it is stored; a change that is refused is not stored,
 * and the copy is rebuilt from the database so that it stays equal to what every client has been sent.
 */
export class Room {
  doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  private approxBytes: number;
  private lastSeq: number;
  private sinceCompact: number;
  private collected: Uint8Array[] | null = null;
  private changes = new ChangeSet();
  private healthy: boolean;
  private unloadTimer: NodeJS.Timeout | null = null;
  private pending: PendingWrite[] = [];
  private reloading = false;

  constructor(
    readonly docId: string,
    private db: Db,
    private config: ServerConfig,
    private hooks: RoomHooks,
  ) {
    const loaded = loadState(db, docId);
    this.doc = loaded.doc;
    this.approxBytes = loaded.bytes;
    this.lastSeq = loaded.lastSeq;
    this.sinceCompact = loaded.updates;
    this.attach();
    this.healthy = validateDocument(this.doc, this.scope(true)).ok;
    // The relay keeps no presence of its own.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on(
      "update",
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const peer = this.isPeer(origin) ? origin : null;
        if (peer) {
          for (const id of [...added, ...updated]) peer.clientIds.add(id);
          for (const id of removed) peer.clientIds.delete(id);
          for (const id of [...added, ...updated]) {
            const name = participantName(this.awareness.getStates().get(id));
            if (name) peer.participant = name;
          }
        }
        const changed = [...added, ...updated, ...removed];
        if (changed.length === 0) return;
        const msg = awarenessMessage(this.awareness, changed);
        for (const p of this.peers) if (p !== peer) p.send(msg);
      },
    );
  }

  private isPeer(x: unknown): x is Peer {
    return this.peers.has(x as Peer);
  }

  private attach(): void {
    this.doc.on("update", (update: Uint8Array) => {
      if (this.collected) this.collected.push(update);
    });
    this.doc.getMap(ROOT_KEY).observeDeep((events) => this.changes.add(events));
  }

  private scope(all: boolean, changes = this.changes) {
    return {
      meta: all || changes.meta || changes.root,
      deep: all || changes.root,
      approxBytes: this.approxBytes,
      maxBytes: this.config.maxDocumentBytes,
    };
  }

  /** A client's update (sync step 2 or update message). The caller has checked the role. */
  applyRemote(peer: Peer, update: Uint8Array): Verdict {
    return this.integrate(() => Y.applyUpdate(this.doc, update, peer), actorOf(peer), peer);
  }

  /** A change made by the server on someone's behalf (rename, restore). */
  applyLocal(change: (doc: Y.Doc) => void, actor: LocalActor): Verdict {
    return this.integrate(() => this.doc.transact(() => change(this.doc), actor), actor.actor, null);
  }

  private integrate(apply: () => void, actor: string, from: Peer | null): Verdict {
    this.collected = [];
    this.changes = new ChangeSet();
    try {
      apply();
    } catch (e) {
      this.collected = null;
      this.reload();
      return {
        ok: false,
        code: "malformed_update",
        ja: "壊れた更新データを受け取りました",
        en: `malformed update (${e instanceof Error ? e.message : String(e)})`.slice(0, 200),
        closeCode: 4400,
      };
    }
    const updates = this.collected;
    this.collected = null;
    if (updates.length === 0) return { ok: true };
    const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
    this.approxBytes += merged.length;
    const verdict = validateDocument(this.doc, this.scope(false));
    if (!verdict.ok && this.healthy) {
      this.reload();
      return verdict;
    }
    this.healthy = verdict.ok;
    // Stored (with the others of this turn of the event loop, in one transaction) before anyone sees it.
    this.pending.push({ update: merged, actor, changes: this.changes, from });
    this.hooks.schedule(this);
    return { ok: true };
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Writes the queued updates; runs inside the caller's transaction. Returns what to do once the
   * transaction has committed: broadcast, then compact if due.
   */
  writePending(): () => void {
    // The queue is emptied only once the transaction has committed: if it fails, abandonPending()
    // still knows whose updates were lost and tells them.
    const batch = this.pending;
    if (batch.length === 0) return () => {};
    const root = this.doc.getMap<unknown>(ROOT_KEY);
    const meta = root.get("meta");
    const title = typeof root.get("title") === "string" ? (root.get("title") as string) : "";
    const jimu =
      meta instanceof Y.Map && typeof meta.get("jimuName") === "string" ? (meta.get("jimuName") as string) : "";
    const now = Date.now();
    const minute = Math.floor(now / 60_000);
    let lastSeq = this.lastSeq;
    for (const w of batch) {
      lastSeq = Number(this.db.q.addUpdate.run(this.docId, Buffer.from(w.update)).lastInsertRowid);
      const c = w.changes;
      if (!c.empty) this.db.q.addActivity.run(this.docId, minute, w.actor, c.nodes.size, c.flows.size, c.other.size);
    }
    this.db.q.touchDoc.run(title, jimu, now, this.docId);
    return () => {
      this.pending = this.pending.slice(batch.length);
      this.lastSeq = lastSeq;
      this.sinceCompact += batch.length;
      for (const w of batch) {
        const msg = updateMessage(w.update);
        for (const p of this.peers) if (p !== w.from) p.send(msg);
      }
      if (this.sinceCompact >= this.config.compactEvery) this.compact();
    };
  }

  /** The queued updates could not be stored: nobody has been sent them; drop them and tell their senders. */
  abandonPending(reason: Notice): void {
    const senders = new Set(this.pending.map((w) => w.from).filter((p): p is Peer => p !== null));
    this.pending = [];
    const msg = noticeMessage(reason);
    for (const p of senders) {
      p.send(msg);
      p.close(1011, reason.code);
    }
    try {
      this.reload();
    } catch {
      // The copy still holds the unstored change and cannot be rebuilt: nobody may build on it.
      this.notifyAll(reason, 1011);
    }
  }

  /** Rebuilds the server's copy from the database (after a refused or malformed update). */
  private reload(): void {
    // Accepted updates still queued belong in the database first; the copy is then rebuilt from it.
    // Meanwhile the copy holds the refused change: it must not be compacted into a snapshot.
    if (this.pending.length) {
      this.reloading = true;
      try {
        this.hooks.flushNow();
      } finally {
        this.reloading = false;
      }
    }
    const loaded = loadState(this.db, this.docId);
    this.doc.destroy();
    this.doc = loaded.doc;
    this.approxBytes = loaded.bytes;
    this.lastSeq = loaded.lastSeq;
    this.attach();
    const root = this.doc.getMap<unknown>(ROOT_KEY);
    const meta = root.get("meta");
    const title = root.get("title");
    const jimu = meta instanceof Y.Map ? meta.get("jimuName") : "";
    // Only the list's cached title: on a full disk this write fails too, and that must not stop the
    // reload (nor crash the process) after a storage failure.
    try {
      this.db.q.touchDoc.run(
        typeof title === "string" ? title : "",
        typeof jimu === "string" ? jimu : "",
        Date.now(),
        this.docId,
      );
    } catch {
      // kept from the last successful write
    }
  }

  /** Folds stored updates into one snapshot. */
  compact(): void {
    if (this.reloading) return;
    if (this.pending.length) this.hooks.flushNow();
    if (this.sinceCompact === 0) return;
    // Pending structs (updates waiting for a missing dependency) are never stored; rebuild without them.
    const clean = this.doc.store.pendingStructs || this.doc.store.pendingDs ? loadState(this.db, this.docId) : null;
    const state = Y.encodeStateAsUpdate(clean ? clean.doc : this.doc);
    clean?.doc.destroy();
    try {
      compactState(this.db, this.docId, state, this.lastSeq);
    } catch {
      // Compaction is an optimisation: the updates stay stored and are folded in on a later try
      // (e.g. once a full disk has space again). Throwing here would end the process.
      return;
    }
    this.approxBytes = state.length;
    this.sinceCompact = 0;
  }

  stateBytes(): number {
    return this.approxBytes;
  }

  notifyAll(notice: Notice, closeCode?: number): void {
    const msg = noticeMessage(notice);
    for (const p of [...this.peers]) {
      p.send(msg);
      if (closeCode) p.close(closeCode, notice.code);
    }
  }

  removePeer(peer: Peer): void {
    this.peers.delete(peer);
    if (peer.clientIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.clientIds], null);
  }

  scheduleUnload(ms: number, unload: () => void): void {
    this.cancelUnload();
    this.unloadTimer = setTimeout(unload, ms);
    this.unloadTimer.unref();
  }

  cancelUnload(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
  }

  destroy(): void {
    this.cancelUnload();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function actorOf(peer: Peer): string {
  return (peer.participant || peer.label || peer.role).slice(0, 80);
}

/** The name a client publishes in its awareness state (`user.name`, the y-protocols convention). */
function participantName(state: Record<string, unknown> | undefined): string | null {
  const user = state?.user as { name?: unknown } | undefined;
  return typeof user?.name === "string" && user.name.trim() ? user.name.trim().slice(0, 80) : null;
}
