import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type ActivityRow, type DocumentRow, StartupError, type TokenRow, type VersionRow } from "../db";
import type { OwnerStore } from "./owners";
import { migrateOwners, sqliteOwnerStore } from "./sqlite-owners";
import {
  type AppendResult,
  type DocumentWrite,
  type KnownState,
  type NewDocument,
  type NewToken,
  type Store,
  type StoredContent,
  sumByActor,
} from "./store";

/**
 * The embedded store: one SQLite file under DATA_DIR (WAL), for one server process. Sequence numbers are
 * SQLite's row ids of the updates (increasing; one writer, so commit order is sequence order).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL DEFAULT '',
  jimu_name TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE TABLE IF NOT EXISTS doc_snapshots (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  state BLOB NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates(doc_id, seq);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('owner','edit','review','view')),
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_doc ON tokens(doc_id);
CREATE TABLE IF NOT EXISTS versions (
  id TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  state BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  nodes INTEGER NOT NULL DEFAULT 0,
  flows INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS versions_doc ON versions(doc_id, created_at);
CREATE TABLE IF NOT EXISTS activity (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  minute INTEGER NOT NULL,
  actor TEXT NOT NULL,
  nodes INTEGER NOT NULL DEFAULT 0,
  flows INTEGER NOT NULL DEFAULT 0,
  other INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (doc_id, minute, actor)
);
CREATE TABLE IF NOT EXISTS org_templates (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  organization TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  jimu_name TEXT NOT NULL DEFAULT '',
  nodes INTEGER NOT NULL DEFAULT 0,
  flows INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

/** Schema changes after the first release, applied in order at start (PRAGMA user_version counts them). */
const MIGRATIONS: ((db: Database.Database) => void)[] = [
  // 1: the snapshot remembers the last update folded into it.
  (db) => {
    const cols = db.prepare<[], { name: string }>("PRAGMA table_info(doc_snapshots)").all();
    if (!cols.some((c) => c.name === "seq"))
      db.exec("ALTER TABLE doc_snapshots ADD COLUMN seq INTEGER NOT NULL DEFAULT 0");
  },
  // 2: owner keys, the audit log, who published an organisation template.
  migrateOwners,
  // 3: review links (role `review`). SQLite cannot change a CHECK constraint: the table is rebuilt.
  (db) => {
    const row = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'tokens'").get();
    if (row?.sql.includes("'review'")) return;
    db.exec(`
      CREATE TABLE tokens_new (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('owner','edit','review','view')),
        label TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      INSERT INTO tokens_new (id, doc_id, hash, role, label, created_at, revoked_at)
        SELECT id, doc_id, hash, role, label, created_at, revoked_at FROM tokens;
      DROP TABLE tokens;
      ALTER TABLE tokens_new RENAME TO tokens;
      CREATE INDEX IF NOT EXISTS tokens_doc ON tokens(doc_id);
    `);
  },
];

/** Opens (or creates) the database; a file that is not a healthy SQLite database stops the start. */
export function openSqliteStore(dataDir: string, sync: "FULL" | "NORMAL" = "FULL"): SqliteStore {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "ok");
    fs.rmSync(probe);
  } catch (e) {
    throw new StartupError(
      `データディレクトリに書き込めません（${dataDir}）`,
      `data directory is not writable (${dataDir})`,
      e instanceof Error ? e.message : String(e),
    );
  }
  const file = path.join(dataDir, "nagare.sqlite");
  let db: Database.Database;
  try {
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${sync}`);
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(String(check));
    db.exec(SCHEMA);
    const version = db.pragma("user_version", { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.transaction(() => {
        MIGRATIONS[v]?.(db);
        db.pragma(`user_version = ${v + 1}`);
      })();
    }
  } catch (e) {
    throw new StartupError(
      `データベースファイルが壊れているか読めません（${file}）。バックアップから戻してください`,
      `the database file is damaged or unreadable (${file}); restore it from a backup`,
      e instanceof Error ? e.message : String(e),
    );
  }
  return new SqliteStore(db, file, sync);
}

function statements(db: Database.Database) {
  return {
    insertDoc: db.prepare(
      "INSERT INTO documents (id, title, jimu_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    ),
    getDoc: db.prepare<[string], DocumentRow>("SELECT * FROM documents WHERE id = ?"),
    touchDoc: db.prepare("UPDATE documents SET title = ?, jimu_name = ?, updated_at = ? WHERE id = ?"),
    setDeleted: db.prepare("UPDATE documents SET deleted_at = ? WHERE id = ?"),
    purge: db.prepare("DELETE FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?"),
    toPurge: db.prepare<[number], { id: string }>(
      "SELECT id FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?",
    ),
    getSnapshot: db.prepare<[string], { state: Buffer; seq: number }>(
      "SELECT state, seq FROM doc_snapshots WHERE doc_id = ?",
    ),
    snapshotSeq: db.prepare<[string], { seq: number }>("SELECT seq FROM doc_snapshots WHERE doc_id = ?"),
    putSnapshot: db.prepare(
      "INSERT INTO doc_snapshots (doc_id, state, bytes, seq) VALUES (?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET state = excluded.state, bytes = excluded.bytes, seq = excluded.seq",
    ),
    updatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
      "SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq",
    ),
    lastUpdate: db.prepare<[string], { seq: number | null }>(
      "SELECT MAX(seq) AS seq FROM doc_updates WHERE doc_id = ?",
    ),
    addUpdate: db.prepare("INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)"),
    dropUpdates: db.prepare("DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?"),
    insertToken: db.prepare("INSERT INTO tokens (id, doc_id, hash, role, label, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
    tokenByHash: db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE hash = ?"),
    tokensOf: db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE doc_id = ? ORDER BY created_at, rowid"),
    revokeToken: db.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND doc_id = ? AND revoked_at IS NULL"),
    tokenLive: db.prepare<[string], { ok: number }>("SELECT 1 AS ok FROM tokens WHERE id = ? AND revoked_at IS NULL"),
    docLive: db.prepare<[string], { ok: number }>("SELECT 1 AS ok FROM documents WHERE id = ? AND deleted_at IS NULL"),
    insertVersion: db.prepare(
      "INSERT INTO versions (id, doc_id, name, state, created_at, created_by, nodes, flows) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    versionsOf: db.prepare<[string], VersionRow>(
      "SELECT id, doc_id, name, created_at, created_by, nodes, flows FROM versions WHERE doc_id = ? ORDER BY created_at DESC, rowid DESC",
    ),
    versionState: db.prepare<[string, string], { state: Buffer; name: string }>(
      "SELECT state, name FROM versions WHERE doc_id = ? AND id = ?",
    ),
    addActivity: db.prepare(
      `INSERT INTO activity (doc_id, minute, actor, nodes, flows, other) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(doc_id, minute, actor) DO UPDATE SET nodes = nodes + excluded.nodes,
         flows = flows + excluded.flows, other = other + excluded.other`,
    ),
    activityOf: db.prepare<[string, number], ActivityRow>(
      "SELECT minute, actor, nodes, flows, other FROM activity WHERE doc_id = ? ORDER BY minute DESC, actor LIMIT ?",
    ),
  };
}

/** better-sqlite3 is synchronous: each method does its work at once and returns a settled promise. */
export class SqliteStore implements Store {
  readonly kind = "sqlite";
  private q: ReturnType<typeof statements>;
  readonly owners: OwnerStore;

  private wal: { fd: number; ino: number } | null = null;

  constructor(
    readonly raw: Database.Database,
    readonly location: string,
    private sync: "FULL" | "NORMAL" = "FULL",
  ) {
    this.q = statements(raw);
    this.owners = sqliteOwnerStore(raw);
  }

  /**
   * Through `exec`: `pragma()` builds a statement object each time (40 times the cost, twice per stored
   * batch of edits). Not a prepared statement either: SQLite applies this pragma when it compiles it.
   */
  private setSync(level: "NORMAL" | "FULL"): void {
    this.raw.exec(`PRAGMA synchronous = ${level}`);
  }

  private tx<T>(fn: () => T): T {
    return this.raw.transaction(fn)();
  }

  async createDocument(doc: NewDocument, state: Uint8Array, owner: NewToken): Promise<void> {
    this.tx(() => {
      this.q.insertDoc.run(doc.id, doc.title, doc.jimuName, doc.createdAt, doc.createdAt);
      this.q.putSnapshot.run(doc.id, Buffer.from(state), state.length, 0);
      this.insertTokenNow(owner);
    });
  }

  async getDocument(id: string): Promise<DocumentRow | undefined> {
    return this.q.getDoc.get(id);
  }

  async setDeleted(id: string, at: number | null): Promise<boolean> {
    return this.q.setDeleted.run(at, id).changes > 0;
  }

  async purgeDeleted(before: number): Promise<string[]> {
    return this.tx(() => {
      const ids = this.q.toPurge.all(before).map((r) => r.id);
      this.q.purge.run(before);
      return ids;
    });
  }

  private contentNow(docId: string, after: number | null): StoredContent {
    const snap = this.q.getSnapshot.get(docId);
    const snapshotSeq = snap?.seq ?? 0;
    // Asked for what came after `after`, but that was folded into the snapshot since: start over.
    const whole = after === null || after < snapshotSeq;
    const updates = this.q.updatesAfter.all(docId, whole ? snapshotSeq : after).map((u) => ({
      seq: u.seq,
      data: new Uint8Array(u.data.buffer, u.data.byteOffset, u.data.byteLength),
    }));
    const last = updates.at(-1)?.seq ?? Math.max(snapshotSeq, whole ? 0 : (after ?? 0));
    return {
      snapshot: whole && snap ? new Uint8Array(snap.state.buffer, snap.state.byteOffset, snap.state.byteLength) : null,
      snapshotSeq,
      updates,
      lastSeq: last,
    };
  }

  async loadContent(docId: string): Promise<StoredContent> {
    return this.tx(() => this.contentNow(docId, null));
  }

  async contentAfter(docId: string, seq: number): Promise<StoredContent> {
    return this.tx(() => this.contentNow(docId, seq));
  }

  /**
   * Edits are the one frequent write. With SQLITE_SYNC=FULL their commit is made durable off the event
   * loop: the transaction commits without its own fsync (synchronous=NORMAL for this one) and the
   * write-ahead log is then flushed with fdatasync in the thread pool; the promise resolves, and the room
   * broadcasts, only once that is done. Meanwhile the server reads and checks the next messages instead
   * of waiting for the disk. Every other write keeps its fsync at commit.
   */
  async appendUpdates(writes: DocumentWrite[]): Promise<AppendResult[]> {
    if (this.sync !== "FULL") return this.appendNow(writes);
    this.setSync("NORMAL");
    let results: AppendResult[];
    try {
      results = this.appendNow(writes);
    } finally {
      this.setSync("FULL");
    }
    await this.flushWal();
    return results;
  }

  /** fdatasync of the write-ahead log (the same file as long as the database is open; checked by inode). */
  private async flushWal(): Promise<void> {
    const file = `${this.location}-wal`;
    const ino = fs.statSync(file).ino;
    if (this.wal?.ino !== ino) {
      if (this.wal) fs.closeSync(this.wal.fd);
      this.wal = { fd: fs.openSync(file, "r"), ino };
    }
    const fd = this.wal.fd;
    await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));
  }

  private appendNow(writes: DocumentWrite[]): AppendResult[] {
    return this.tx(() =>
      writes.map((w) => {
        const previousSeq = this.q.lastUpdate.get(w.docId)?.seq ?? this.q.snapshotSeq.get(w.docId)?.seq ?? 0;
        const minute = Math.floor(w.at / 60_000);
        const seqs = w.updates.map((u) => Number(this.q.addUpdate.run(w.docId, Buffer.from(u)).lastInsertRowid));
        for (const a of sumByActor(w.activity))
          this.q.addActivity.run(w.docId, minute, a.actor, a.nodes, a.flows, a.other);
        this.q.touchDoc.run(w.title, w.jimuName, w.at, w.docId);
        return { docId: w.docId, seqs, previousSeq };
      }),
    );
  }

  /**
   * Committed without an fsync of its own: a compaction lost to a power cut only brings back the updates it
   * folded (WAL keeps the file consistent), and the next flushed commit makes it durable too.
   */
  async compact(
    docId: string,
    fold: (content: StoredContent) => Uint8Array,
    known?: KnownState,
  ): Promise<{ bytes: number } | null> {
    if (this.sync !== "FULL") return this.compactNow(docId, fold, known);
    this.setSync("NORMAL");
    try {
      return this.compactNow(docId, fold, known);
    } finally {
      this.setSync("FULL");
    }
  }

  private compactNow(
    docId: string,
    fold: (content: StoredContent) => Uint8Array,
    known?: KnownState,
  ): { bytes: number } | null {
    return this.tx(() => {
      // The caller's state is the fold when the last stored update is the one it holds: the updates need not
      // be read (this runs on the event loop, hundreds of rows under many writers).
      const last = this.q.lastUpdate.get(docId)?.seq ?? null;
      if (known && last !== null && last === known.seq) {
        this.q.putSnapshot.run(docId, Buffer.from(known.state), known.state.length, known.seq);
        this.q.dropUpdates.run(docId, known.seq);
        return { bytes: known.state.length };
      }
      const content = this.contentNow(docId, null);
      if (content.updates.length === 0) return { bytes: content.snapshot?.length ?? 0 };
      const state = fold(content);
      this.q.putSnapshot.run(docId, Buffer.from(state), state.length, content.lastSeq);
      this.q.dropUpdates.run(docId, content.lastSeq);
      return { bytes: state.length };
    });
  }

  async lastSeqs(docIds: string[]): Promise<Map<string, number>> {
    return new Map(docIds.map((id) => [id, this.q.lastUpdate.get(id)?.seq ?? this.q.snapshotSeq.get(id)?.seq ?? 0]));
  }

  async setTitle(docId: string, title: string, jimuName: string, at: number): Promise<void> {
    this.q.touchDoc.run(title, jimuName, at, docId);
  }

  private insertTokenNow(t: NewToken): void {
    this.q.insertToken.run(t.id, t.docId, t.hash, t.role, t.label, t.createdAt);
  }

  async insertToken(token: NewToken): Promise<void> {
    this.insertTokenNow(token);
  }

  async tokenByHash(hash: string): Promise<TokenRow | undefined> {
    return this.q.tokenByHash.get(hash);
  }

  async tokensOf(docId: string): Promise<TokenRow[]> {
    return this.q.tokensOf.all(docId);
  }

  async revokeToken(docId: string, tokenId: string, at: number): Promise<boolean> {
    return this.q.revokeToken.run(at, tokenId, docId).changes > 0;
  }

  async accessEnded(docIds: string[], tokenIds: string[]): Promise<{ docs: Set<string>; tokens: Set<string> }> {
    return {
      docs: new Set(docIds.filter((id) => !this.q.docLive.get(id))),
      tokens: new Set(tokenIds.filter((id) => !this.q.tokenLive.get(id))),
    };
  }

  async insertVersion(v: VersionRow, state: Uint8Array): Promise<void> {
    this.q.insertVersion.run(v.id, v.doc_id, v.name, Buffer.from(state), v.created_at, v.created_by, v.nodes, v.flows);
  }

  async versionsOf(docId: string): Promise<VersionRow[]> {
    return this.q.versionsOf.all(docId);
  }

  async versionState(docId: string, versionId: string): Promise<{ state: Uint8Array; name: string } | undefined> {
    const row = this.q.versionState.get(docId, versionId);
    return row ? { state: new Uint8Array(row.state), name: row.name } : undefined;
  }

  async activityOf(docId: string, limit: number): Promise<ActivityRow[]> {
    return this.q.activityOf.all(docId, limit);
  }

  async ping(): Promise<void> {
    this.raw.prepare("SELECT 1").get();
  }

  async close(): Promise<void> {
    if (this.wal) fs.closeSync(this.wal.fd);
    this.wal = null;
    if (this.raw.open) this.raw.close();
  }
}
