import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { ROOT_KEY } from "../../src/sync/doc-shape";
import type { ServerConfig } from "../config";
import type { Role } from "../db";
import { type AppendResult, type DocumentWrite, type KnownState, type Store, storageFailure } from "../store/store";
import { ChangeSet } from "./changes";
import { applyContent, foldContent, loadState } from "./persistence";
import { awarenessMessage, type Notice, updateIsEmpty, updateMessage } from "./protocol";
import { checkChangedElements, invalidElements, type Verdict, validateDocument } from "./validate";

/** One client connection as a room sees it. */
export interface Peer {
  role: Role;
  tokenId: string;
  /** The share link's label; the participant's own name (from awareness) is preferred in the log. */
  label: string;
  participant: string | null;
  clientIds: Set<number>;
  send: (data: Uint8Array) => void;
  /** A bilingual explanation (NOTICE), sent only to clients that announced they understand it. */
  notice: (notice: Notice) => void;
  close: (code: number, reason: string) => void;
}

/** Group commit: a room asks for its queue to be written soon; `log` reports background failures. */
export interface RoomHooks {
  schedule: (room: Room) => void;
  log: (line: string) => void;
  /** Several instances: tell the others that numbers prev+1…last are stored (this merged update). */
  stored?: (room: Room, prev: number, last: number, update: Uint8Array) => void;
  /** Several instances: presence changes of this instance's clients. */
  awareness?: (room: Room, update: Uint8Array) => void;
}

/** Origin of changes that come from the store (other instances' edits) rather than from a client here. */
const FROM_STORE = Symbol("from-store");
/** Origin of presence removed because a client of this instance left. */
const LEFT = Symbol("left");
/** Origin of presence relayed from another instance. */
export const FROM_ELSEWHERE = Symbol("from-elsewhere");

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

/** While the database is away, the rebuild of a copy is tried again this often. */
const RETRY_REBUILD_MS = 1_000;

export const STORAGE_FAILED: Notice = {
  code: "storage_failed",
  ja: "サーバーで保存に失敗したため、変更は受け付けられませんでした",
  en: "the server could not store the change",
};

/**
 * A document being edited: the server's copy of the Y.Doc, the awareness relay and the peers. Every change
 * goes through `integrate`: apply → schema check → queue; the queue is written to the store (one
 * transaction for everything that arrived meanwhile, so one commit serves many edits) and only then
 * broadcast. Nothing reaches another client before it is stored; a change that is refused is not stored,
 * and the copy is rebuilt from the store so that it stays equal to what every client has been sent.
 *
 * While a write or a rebuild is under way the room is busy: operations on the copy wait (in order) until
 * it is done, so that when a write completes the copy holds exactly what is stored — sync answers are
 * built at that moment.
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
  private pendingDone: Deferred<boolean> | null = null;
  private busy = 0;
  private needsReload = false;
  private waiting: { op: () => void; dropped?: () => void }[] = [];
  private stableWaiters: { op: () => void; dropped?: () => void }[] = [];
  private compacting: Promise<void> | null = null;
  private storeAway = false;
  /** The copy could not be rebuilt after a failure: the room is closed and must be opened again. */
  dead = false;
  /** Elements that were invalid when loaded (stored before element checks existed): editable, not refused. */
  private knownInvalid: Set<string>;

  static async load(docId: string, store: Store, config: ServerConfig, hooks: RoomHooks): Promise<Room> {
    const loaded = await loadState(store, docId);
    return new Room(docId, store, config, hooks, loaded);
  }

  private constructor(
    readonly docId: string,
    private store: Store,
    private config: ServerConfig,
    private hooks: RoomHooks,
    loaded: Awaited<ReturnType<typeof loadState>>,
  ) {
    this.doc = loaded.doc;
    this.approxBytes = loaded.bytes;
    this.lastSeq = loaded.lastSeq;
    this.sinceCompact = loaded.updates;
    this.attach();
    this.healthy = validateDocument(this.doc, this.scope(true)).ok;
    this.knownInvalid = invalidElements(this.doc);
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
        if (peer || origin === LEFT)
          this.hooks.awareness?.(this, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
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
    const root = this.doc.getMap(ROOT_KEY);
    root.observeDeep((events) => this.changes.add(events));
    this.doc.on("afterTransaction", (tr: Y.Transaction) => {
      for (const type of tr.changed.keys()) if (!isWithin(type, root)) this.changes.outside = true;
    });
  }

  private scope(all: boolean, changes = this.changes) {
    return {
      meta: all || changes.meta || changes.root,
      deep: all || changes.root,
      approxBytes: this.approxBytes,
      maxBytes: this.config.maxDocumentBytes,
    };
  }

  /**
   * Runs `op` on the copy now, or (in order) once the write or rebuild under way is done; `dropped` is
   * called instead if the room closes first.
   */
  run(op: () => void, dropped?: () => void): void {
    if (this.dead) dropped?.();
    else if (this.busy || this.needsReload) this.waiting.push({ op, dropped });
    else op();
  }

  /** Runs `op` when the copy holds exactly what is stored (nothing queued): for sync answers and reads. */
  whenStable(op: () => void, dropped?: () => void): void {
    if (this.dead) dropped?.();
    else if (!this.busy && !this.needsReload && this.pending.length === 0) op();
    else {
      this.stableWaiters.push({ op, dropped });
      if (!this.busy && this.pending.length) this.hooks.schedule(this);
    }
  }

  /** `run` as a promise; rejects with RoomClosedError if the room closes first. */
  runAsync<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.run(
        () => {
          try {
            resolve(fn());
          } catch (e) {
            reject(e);
          }
        },
        () => reject(new RoomClosedError(this.docId)),
      ),
    );
  }

  /** `whenStable` as a promise. */
  stableAsync<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.whenStable(
        () => {
          try {
            resolve(fn());
          } catch (e) {
            reject(e);
          }
        },
        () => reject(new RoomClosedError(this.docId)),
      ),
    );
  }

  /** A client's update (sync step 2 or update message). Call inside `run`; the caller has checked the role. */
  applyRemote(peer: Peer, update: Uint8Array): Verdict {
    return this.integrate(() => Y.applyUpdate(this.doc, update, peer), actorOf(peer), peer);
  }

  /** A change made by the server on someone's behalf (rename, restore). Call inside `run`. */
  applyLocal(change: (doc: Y.Doc) => void, actor: LocalActor): Verdict {
    return this.integrate(() => this.doc.transact(() => change(this.doc), actor), actor.actor, null);
  }

  /** Resolves once everything queued so far is stored (true) or was dropped because storing failed (false). */
  stored(): Promise<boolean> {
    if (this.pending.length === 0) return Promise.resolve(!this.dead);
    this.pendingDone ??= deferred();
    return this.pendingDone.promise;
  }

  private integrate(apply: () => void, actor: string, from: Peer | null): Verdict {
    this.collected = [];
    this.changes = new ChangeSet();
    const pendingBefore = hasPending(this.doc);
    try {
      apply();
    } catch (e) {
      this.collected = null;
      this.requestReload();
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
    // A review link writes review threads and nothing else; parts held back for later (pending) could
    // change anything once completed, so they are refused too.
    if (from?.role === "review" && (!this.changes.commentsOnly || (!pendingBefore && hasPending(this.doc)))) {
      this.collected = null;
      this.requestReload();
      return REVIEW_ONLY;
    }
    if (updates.length === 0) return { ok: true };
    const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
    this.approxBytes += merged.length;
    const verdict = validateDocument(this.doc, this.scope(false));
    if (!verdict.ok && this.healthy) {
      this.requestReload();
      return verdict;
    }
    // Every element the change added or touched must be valid: stored invalid, it would vanish from exports.
    const elements = checkChangedElements(this.doc, this.changes, this.knownInvalid);
    if (!elements.ok) {
      this.requestReload();
      return elements;
    }
    this.healthy = verdict.ok;
    // Stored (with the others that arrive meanwhile, in one transaction) before anyone sees it.
    this.pending.push({ update: merged, actor, changes: this.changes, from });
    this.hooks.schedule(this);
    return { ok: true };
  }

  /** The copy holds a change that must not stay: rebuild it from the store once the queue is written. */
  private requestReload(): void {
    this.needsReload = true;
    if (this.pending.length) this.hooks.schedule(this);
    else if (!this.busy) this.settle();
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Hands the queue to the writer; the room is busy until `committed` or `abandoned`. */
  takePending(): { write: DocumentWrite; commit: (r: AppendResult) => void; abandon: (e: unknown) => void } | null {
    if (this.pending.length === 0 || this.busy) return null;
    const batch = this.pending;
    const done = this.pendingDone;
    this.pending = [];
    this.pendingDone = null;
    this.busy++;
    const root = this.doc.getMap<unknown>(ROOT_KEY);
    const meta = root.get("meta");
    const title = typeof root.get("title") === "string" ? (root.get("title") as string) : "";
    const jimu =
      meta instanceof Y.Map && typeof meta.get("jimuName") === "string" ? (meta.get("jimuName") as string) : "";
    const write: DocumentWrite = {
      docId: this.docId,
      updates: batch.map((w) => w.update),
      activity: batch.map((w) =>
        w.changes.empty
          ? null
          : { actor: w.actor, nodes: w.changes.nodes.size, flows: w.changes.flows.size, other: w.changes.other.size },
      ),
      title,
      jimuName: jimu,
      at: Date.now(),
    };
    return {
      write,
      commit: (result) => {
        const last = result.seqs.at(-1) ?? this.lastSeq;
        // Another instance stored numbers between ours: read them from the store.
        const inOrder = result.previousSeq <= this.lastSeq;
        if (!inOrder) void this.catchUp(this.lastSeq);
        else this.lastSeq = Math.max(this.lastSeq, last);
        this.sinceCompact += batch.length;
        // One message per peer for the whole batch (under many writers, sending each update to each peer
        // was most of the server's work). The sender of every update in it gets nothing back; a peer that
        // sent some of them gets its own parts again, which Yjs ignores (a stock y-websocket server echoes
        // every update to its sender).
        const merged =
          batch.length === 1 ? (batch[0] as PendingWrite).update : Y.mergeUpdates(batch.map((w) => w.update));
        const from = (batch[0] as PendingWrite).from;
        const onlyFrom = from && batch.every((w) => w.from === from) ? from : null;
        const msg = updateMessage(merged);
        for (const p of this.peers) if (p !== onlyFrom) p.send(msg);
        this.hooks.stored?.(this, result.previousSeq, last, merged);
        // Due for compaction: the copy holds exactly what is stored up to `last` right now (nothing else ran
        // during the write), so its state is the folded snapshot; rebuilding it from the stored updates
        // instead stopped the event loop long enough to be the tail of the latency under many writers.
        // Encoded after the broadcast and the message to other instances (nothing else has run since the
        // write), so that this batch does not wait for it. Not when the copy also holds a refused change
        // waiting for its rebuild.
        const known =
          inOrder &&
          this.sinceCompact >= this.config.compactEvery &&
          !this.needsReload &&
          this.pending.length === 0 &&
          !hasPending(this.doc)
            ? { seq: last, state: Y.encodeStateAsUpdate(this.doc) }
            : undefined;
        done?.resolve(true);
        this.busy--;
        this.settle();
        if (this.sinceCompact >= this.config.compactEvery) void this.compact(known);
      },
      abandon: () => {
        // Nobody has been sent these updates: drop them, tell their senders, rebuild the copy.
        const senders = new Set(batch.map((w) => w.from).filter((p): p is Peer => p !== null));
        for (const p of senders) {
          p.notice(STORAGE_FAILED);
          p.close(1011, STORAGE_FAILED.code);
        }
        done?.resolve(false);
        this.needsReload = true;
        this.busy--;
        this.settle();
      },
    };
  }

  /** After a write or rebuild: rebuild if needed, else answer those waiting for a stable copy, then go on. */
  private settle(): void {
    if (this.busy || this.dead) return;
    if (this.needsReload) {
      if (this.pending.length) return; // written first (scheduled); settle runs again after
      if (this.storeAway) return; // the rebuild is retried on its own timer
      void this.reload();
      return;
    }
    if (this.pending.length === 0) {
      const stable = this.stableWaiters;
      this.stableWaiters = [];
      for (const w of stable) w.op();
    }
    while (this.waiting.length && !this.busy && !this.needsReload && !this.dead) {
      const w = this.waiting.shift() as { op: () => void };
      w.op();
    }
    if (this.stableWaiters.length && this.pending.length && !this.busy) this.hooks.schedule(this);
  }

  /** Rebuilds the server's copy from the store (after a refused or malformed update, or a failed write). */
  private async reload(): Promise<void> {
    this.busy++;
    try {
      const loaded = await loadState(this.store, this.docId);
      if (this.dead) return;
      // Stored meanwhile by another instance and not yet relayed here: the clients get it now.
      const missed = Y.encodeStateAsUpdate(loaded.doc, Y.encodeStateVector(this.doc));
      this.doc.destroy();
      this.doc = loaded.doc;
      this.approxBytes = loaded.bytes;
      this.lastSeq = loaded.lastSeq;
      this.sinceCompact = loaded.updates;
      this.attach();
      this.knownInvalid = invalidElements(this.doc);
      this.needsReload = false;
      const root = this.doc.getMap<unknown>(ROOT_KEY);
      const meta = root.get("meta");
      const title = root.get("title");
      const jimu = meta instanceof Y.Map ? meta.get("jimuName") : "";
      // Only the list's cached title: on a full disk this write fails too, and that must not stop the reload.
      if (this.storeAway) this.hooks.log(`${this.docId} rebuilt: the database is reachable again`);
      this.storeAway = false;
      if (!updateIsEmpty(missed)) {
        const msg = updateMessage(missed);
        for (const p of this.peers) p.send(msg);
      }
      await this.store
        .setTitle(this.docId, typeof title === "string" ? title : "", typeof jimu === "string" ? jimu : "", Date.now())
        .catch(() => {});
    } catch (e) {
      if (storageFailure(e) === "unreachable") {
        // The database is away. The copy holds a change nobody was sent, so it answers nothing until it is
        // rebuilt; the connected clients keep what they have (and presence), edits are refused meanwhile.
        if (!this.storeAway) this.hooks.log(`rebuilding ${this.docId} waits for the database: ${errorText(e)}`);
        this.storeAway = true;
      } else {
        // The copy still holds the unstored change and cannot be rebuilt: nobody may build on it.
        this.hooks.log(`rebuilding ${this.docId} failed: ${errorText(e)}`);
        this.close();
        this.notifyAll(STORAGE_FAILED, 1011);
      }
    } finally {
      this.busy--;
    }
    if (this.storeAway)
      setTimeout(() => {
        if (!this.dead) void this.reload();
      }, RETRY_REBUILD_MS).unref();
    else this.settle();
  }

  /**
   * The database could not be reached to rebuild the copy: edits are refused (`STORAGE_FAILED`) until
   * it can, the connections stay.
   */
  get refusesEdits(): boolean {
    return this.storeAway;
  }

  /**
   * Folds stored updates into one snapshot (in the store, which keeps updates stored meanwhile). `known`:
   * the copy's state when it held exactly what was stored up to `seq`, used if the store is still there.
   */
  compact(known?: KnownState): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.sinceCompact === 0 || this.dead) return Promise.resolve();
    const counted = this.sinceCompact;
    const rebuild = foldContent(this.docId);
    this.compacting = this.store
      .compact(
        this.docId,
        (content) => (known && content.lastSeq === known.seq ? known.state : rebuild(content)),
        known,
      )
      .then((r) => {
        if (!r) return; // another process is compacting this document
        this.approxBytes = r.bytes;
        this.sinceCompact = Math.max(0, this.sinceCompact - counted);
      })
      .catch((e) => {
        // Compaction is an optimisation: the updates stay stored and are folded in on a later try
        // (e.g. once a full disk has space again).
        this.hooks.log(`compacting ${this.docId} failed: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  /** Nothing queued, nothing being written or rebuilt. */
  get idle(): boolean {
    return !this.busy && !this.needsReload && this.pending.length === 0;
  }

  stateBytes(): number {
    return this.approxBytes;
  }

  notifyAll(notice: Notice, closeCode?: number): void {
    for (const p of [...this.peers]) {
      p.notice(notice);
      if (closeCode) p.close(closeCode, notice.code);
    }
  }

  removePeer(peer: Peer): void {
    this.peers.delete(peer);
    if (peer.clientIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.clientIds], LEFT);
  }

  /** The last sequence number this copy holds (all numbers up to it are in it). */
  get seq(): number {
    return this.lastSeq;
  }

  /** Updates numbered prev+1…last that another instance stored; a gap is filled from the store first. */
  receiveStored(prev: number, last: number, update: Uint8Array): void {
    this.run(() => {
      if (last <= this.lastSeq) return;
      if (prev !== this.lastSeq) {
        void this.catchUp(this.lastSeq);
        return;
      }
      this.applyStored(update);
      this.lastSeq = last;
      this.sinceCompact += last - prev;
      if (this.sinceCompact >= this.config.compactEvery) void this.compact();
    });
  }

  private applyStored(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, FROM_STORE);
    this.changes = new ChangeSet();
    const msg = updateMessage(update);
    for (const p of this.peers) p.send(msg);
  }

  private catchUpFrom: number | null = null;
  private catching = false;

  /** Reads what was stored after `from` and applies it (all of it is stored, so it is sent on at once). */
  catchUp(from = this.lastSeq): void {
    this.catchUpFrom = Math.min(this.catchUpFrom ?? from, from);
    if (!this.catching) void this.drainCatchUp();
  }

  private async drainCatchUp(): Promise<void> {
    this.catching = true;
    while (this.catchUpFrom !== null && !this.dead) {
      const from = this.catchUpFrom;
      this.catchUpFrom = null;
      try {
        const content = await this.store.contentAfter(this.docId, from);
        await this.runAsync(() => {
          const before = Y.encodeStateVector(this.doc);
          applyContent(this.doc, content, FROM_STORE);
          this.changes = new ChangeSet();
          const missed = Y.encodeStateAsUpdate(this.doc, before);
          if (!updateIsEmpty(missed)) {
            const msg = updateMessage(missed);
            for (const p of this.peers) p.send(msg);
          }
          this.sinceCompact += content.updates.length;
          this.lastSeq = Math.max(this.lastSeq, content.lastSeq);
        });
      } catch (e) {
        if (e instanceof RoomClosedError) break;
        this.hooks.log(`catching up ${this.docId} failed: ${e instanceof Error ? e.message : String(e)}`);
        // Tried again at the next poll.
        break;
      }
    }
    this.catching = false;
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

  /** No more operations: those still waiting are told the room closed. */
  private close(): void {
    this.dead = true;
    const dropped = [...this.waiting, ...this.stableWaiters];
    this.waiting = [];
    this.stableWaiters = [];
    for (const w of dropped) w.dropped?.();
  }

  destroy(): void {
    this.cancelUnload();
    this.close();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

const REVIEW_ONLY: Verdict = {
  ok: false,
  code: "review_only",
  ja: "点検用のリンクでは指摘の記入と返信、状態の変更だけができます（図や回答の変更は保存されません）",
  en: "a review link may only write review comments, replies and their status (changes to the drawing or answers are not stored)",
  closeCode: 4422,
};

/** Whether a shared type is the root map or inside it. */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isWithin(type: { _item: Y.Item | null }, root: object): boolean {
  let cur: { _item: Y.Item | null } | null = type;
  while (cur) {
    if (cur === root) return true;
    cur = (cur._item?.parent as { _item: Y.Item | null } | undefined) ?? null;
  }
  return false;
}

/** Parts of an update that wait for missing earlier parts. */
function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** The room closed (its copy could not be rebuilt, or the server is stopping) before an operation ran. */
export class RoomClosedError extends Error {
  constructor(readonly docId: string) {
    super(`document ${docId} was closed`);
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function actorOf(peer: Peer): string {
  return (peer.participant || peer.label || peer.role).slice(0, 80);
}

/** The name a client publishes in its awareness state (`user.name`, the y-protocols convention). */
function participantName(state: Record<string, unknown> | undefined): string | null {
  const user = state?.user as { name?: unknown } | undefined;
  return typeof user?.name === "string" && user.name.trim() ? user.name.trim().slice(0, 80) : null;
}
