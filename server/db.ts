import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * The embedded database: one SQLite file under DATA_DIR. Document content is a Yjs snapshot plus the
 * updates received since (each written before it is broadcast); tokens are kept only as SHA-256 hashes.
 */
export type Role = "owner" | "edit" | "view";

export interface DocumentRow {
  id: string;
  title: string;
  jimu_name: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface TokenRow {
  id: string;
  doc_id: string;
  hash: string;
  role: Role;
  label: string;
  created_at: number;
  revoked_at: number | null;
}

export interface VersionRow {
  id: string;
  doc_id: string;
  name: string;
  created_at: number;
  created_by: string;
  nodes: number;
  flows: number;
}

export interface ActivityRow {
  minute: number;
  actor: string;
  nodes: number;
  flows: number;
  other: number;
}

export interface TemplateRow {
  id: string;
  title: string;
  organization: string;
  kind: string;
  jimu_name: string;
  nodes: number;
  flows: number;
  created_at: number;
}

/** A start-up failure worth a clear message rather than a stack trace. */
export class StartupError extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
    readonly detail?: string,
  ) {
    super(`${ja} / ${en}${detail ? `: ${detail}` : ""}`);
  }
}

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
  role TEXT NOT NULL CHECK (role IN ('owner','edit','view')),
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

export type Db = ReturnType<typeof openDatabase>;

/** Opens (or creates) the database; a file that is not a healthy SQLite database stops the start. */
export function openDatabase(dataDir: string, sync: "FULL" | "NORMAL" = "FULL") {
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
  } catch (e) {
    throw new StartupError(
      `データベースファイルが壊れているか読めません（${file}）。バックアップから戻してください`,
      `the database file is damaged or unreadable (${file}); restore it from a backup`,
      e instanceof Error ? e.message : String(e),
    );
  }
  return wrap(db);
}

function wrap(db: Database.Database) {
  const q = {
    insertDoc: db.prepare(
      "INSERT INTO documents (id, title, jimu_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    ),
    getDoc: db.prepare<[string], DocumentRow>("SELECT * FROM documents WHERE id = ?"),
    touchDoc: db.prepare("UPDATE documents SET title = ?, jimu_name = ?, updated_at = ? WHERE id = ?"),
    setDeleted: db.prepare("UPDATE documents SET deleted_at = ? WHERE id = ?"),
    purge: db.prepare("DELETE FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?"),
    getSnapshot: db.prepare<[string], { state: Buffer; bytes: number }>(
      "SELECT state, bytes FROM doc_snapshots WHERE doc_id = ?",
    ),
    putSnapshot: db.prepare(
      "INSERT INTO doc_snapshots (doc_id, state, bytes) VALUES (?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET state = excluded.state, bytes = excluded.bytes",
    ),
    getUpdates: db.prepare<[string], { seq: number; data: Buffer }>(
      "SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq",
    ),
    addUpdate: db.prepare("INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)"),
    dropUpdates: db.prepare("DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?"),
    insertToken: db.prepare("INSERT INTO tokens (id, doc_id, hash, role, label, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
    tokenByHash: db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE hash = ?"),
    tokensOf: db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE doc_id = ? ORDER BY created_at"),
    revokeToken: db.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND doc_id = ? AND revoked_at IS NULL"),
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
    insertTemplate: db.prepare(
      "INSERT INTO org_templates (id, title, organization, kind, jimu_name, nodes, flows, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    templates: db.prepare<[], TemplateRow>(
      "SELECT id, title, organization, kind, jimu_name, nodes, flows, created_at FROM org_templates ORDER BY created_at DESC",
    ),
    templateBody: db.prepare<[string], { body: string }>("SELECT body FROM org_templates WHERE id = ?"),
  };
  return { raw: db, q, tx: <T>(fn: () => T): T => db.transaction(fn)() };
}
