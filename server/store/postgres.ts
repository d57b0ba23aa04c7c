import pg from "pg";
import { type ActivityRow, type DocumentRow, StartupError, type TokenRow, type VersionRow } from "../db";
import type { OwnerStore } from "./owners";
import { OWNERS_MIGRATION, PROFILES_MIGRATION, postgresOwnerStore } from "./postgres-owners";
import {
  type AppendResult,
  type DocumentWrite,
  type NewDocument,
  type NewToken,
  type Store,
  type StoredContent,
  sumByActor,
} from "./store";

/**
 * The store for several server processes: PostgreSQL through `pg`. The schema is created and migrated at
 * start (under an advisory lock, so that instances starting together do not race). Sequence numbers are
 * per document and without gaps: a write takes the document's row lock to count them up, so they are
 * committed in order — an instance that sees number n+2 after n knows it missed n+1.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    jimu_name TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT,
    last_seq BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE doc_snapshots (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    state BYTEA NOT NULL,
    bytes INTEGER NOT NULL,
    seq BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE doc_updates (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (doc_id, seq)
  );
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('owner','edit','view')),
    label TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    ord BIGSERIAL
  );
  CREATE INDEX tokens_doc ON tokens(doc_id);
  CREATE TABLE versions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    state BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    nodes INTEGER NOT NULL DEFAULT 0,
    flows INTEGER NOT NULL DEFAULT 0,
    ord BIGSERIAL
  );
  CREATE INDEX versions_doc ON versions(doc_id, created_at);
  CREATE TABLE activity (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    minute BIGINT NOT NULL,
    actor TEXT NOT NULL,
    nodes INTEGER NOT NULL DEFAULT 0,
    flows INTEGER NOT NULL DEFAULT 0,
    other INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, minute, actor)
  );
  CREATE TABLE org_templates (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    organization TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    jimu_name TEXT NOT NULL DEFAULT '',
    nodes INTEGER NOT NULL DEFAULT 0,
    flows INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    ord BIGSERIAL
  );`,
  // 2: owner keys, the audit log, who published an organisation template.
  OWNERS_MIGRATION,
  // 3: organisation profiles.
  PROFILES_MIGRATION,
  // 4: review links (role `review`).
  `ALTER TABLE tokens DROP CONSTRAINT IF EXISTS tokens_role_check;
   ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('owner','edit','review','view'));`,
];

/** Advisory lock keys (first half): schema migration, compaction of one document. */
const LOCK_MIGRATE = 0x6e6167; // "nag"
const LOCK_COMPACT = 0x6e6163; // "nac"

/** BIGINT columns hold milliseconds and sequence numbers, well inside JavaScript's safe integers. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** The connection string without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ""}${u.host}${u.pathname}`;
  } catch {
    return "(DATABASE_URL)";
  }
}

export async function openPostgresStore(url: string, log: (line: string) => void = () => {}): Promise<PostgresStore> {
  const location = describeUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types,
    application_name: "nagare",
  });
  // An idle connection that breaks (database restarted) must not end the process; the next query reconnects.
  pool.on("error", (e) => log(`PostgreSQL connection lost: ${e.message}`));
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => {});
    throw new StartupError(
      `PostgreSQL に接続できないか、スキーマを準備できません（${location}）。DATABASE_URL とデータベースの稼働を確認してください`,
      `cannot connect to PostgreSQL or prepare its schema (${location}); check DATABASE_URL and that the database is running`,
      e instanceof Error ? e.message : String(e),
    );
  }
  return new PostgresStore(pool, location);
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1, 0)", [LOCK_MIGRATE]);
    await client.query("CREATE TABLE IF NOT EXISTS nagare_schema (version INTEGER NOT NULL)");
    const r = await client.query<{ version: number }>("SELECT version FROM nagare_schema");
    let version = r.rows[0]?.version ?? 0;
    if (r.rows.length === 0) await client.query("INSERT INTO nagare_schema (version) VALUES (0)");
    for (; version < MIGRATIONS.length; version++) {
      await client.query("BEGIN");
      try {
        await client.query(MIGRATIONS[version] as string);
        await client.query("UPDATE nagare_schema SET version = $1", [version + 1]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1, 0)", [LOCK_MIGRATE]).catch(() => {});
    client.release();
  }
}

const DOC_COLUMNS = "id, title, jimu_name, created_at, updated_at, deleted_at";
const TOKEN_COLUMNS = "id, doc_id, hash, role, label, created_at, revoked_at";

export class PostgresStore implements Store {
  readonly kind = "postgres";
  readonly owners: OwnerStore;

  constructor(
    readonly pool: pg.Pool,
    readonly location: string,
  ) {
    this.owners = postgresOwnerStore(pool);
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async createDocument(doc: NewDocument, state: Uint8Array, owner: NewToken): Promise<void> {
    await this.tx(async (c) => {
      await c.query(
        "INSERT INTO documents (id, title, jimu_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        [doc.id, doc.title, doc.jimuName, doc.createdAt],
      );
      await c.query("INSERT INTO doc_snapshots (doc_id, state, bytes, seq) VALUES ($1, $2, $3, 0)", [
        doc.id,
        Buffer.from(state),
        state.length,
      ]);
      await insertToken(c, owner);
    });
  }

  async getDocument(id: string): Promise<DocumentRow | undefined> {
    const r = await this.pool.query<DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = $1`, [id]);
    return r.rows[0];
  }

  async setDeleted(id: string, at: number | null): Promise<boolean> {
    const r = await this.pool.query("UPDATE documents SET deleted_at = $1 WHERE id = $2", [at, id]);
    return (r.rowCount ?? 0) > 0;
  }

  async purgeDeleted(before: number): Promise<string[]> {
    const r = await this.pool.query<{ id: string }>(
      "DELETE FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < $1 RETURNING id",
      [before],
    );
    return r.rows.map((x) => x.id);
  }

  /** One statement, so one consistent view even while another instance compacts. */
  private async content(q: pg.Pool | pg.PoolClient, docId: string, after: number | null): Promise<StoredContent> {
    const r = await q.query<{ kind: number; seq: number; data: Buffer | null }>(
      `SELECT 0 AS kind, seq, CASE WHEN $2::bigint IS NULL OR seq > $2::bigint THEN state END AS data
         FROM doc_snapshots WHERE doc_id = $1
       UNION ALL
       SELECT 1 AS kind, seq, data FROM doc_updates WHERE doc_id = $1 AND seq > COALESCE($2::bigint, -1)
       ORDER BY kind, seq`,
      [docId, after],
    );
    const snap = r.rows[0]?.kind === 0 ? r.rows[0] : undefined;
    const snapshotSeq = snap?.seq ?? 0;
    const updates = r.rows
      .filter((row) => row.kind === 1 && row.data)
      .map((row) => ({ seq: row.seq, data: bytes(row.data as Buffer) }));
    return {
      snapshot: snap?.data ? bytes(snap.data) : null,
      snapshotSeq,
      updates,
      lastSeq: updates.at(-1)?.seq ?? Math.max(snapshotSeq, after ?? 0),
    };
  }

  loadContent(docId: string): Promise<StoredContent> {
    return this.content(this.pool, docId, null);
  }

  contentAfter(docId: string, seq: number): Promise<StoredContent> {
    return this.content(this.pool, docId, seq);
  }

  async appendUpdates(writes: DocumentWrite[]): Promise<AppendResult[]> {
    if (writes.length === 0) return [];
    // Row locks are always taken in the same order, so two instances' writes cannot deadlock.
    const order = writes.map((w, i) => ({ w, i })).sort((a, b) => (a.w.docId < b.w.docId ? -1 : 1));
    return this.tx(async (c) => {
      const results: AppendResult[] = new Array(writes.length);
      for (const { w, i } of order) {
        const n = w.updates.length;
        const r = await c.query<{ last_seq: number }>(
          "UPDATE documents SET last_seq = last_seq + $2, title = $3, jimu_name = $4, updated_at = $5 WHERE id = $1 RETURNING last_seq",
          [w.docId, n, w.title, w.jimuName, w.at],
        );
        const last = r.rows[0]?.last_seq;
        if (last === undefined) throw new Error(`document ${w.docId} no longer exists`);
        const first = last - n + 1;
        const seqs = w.updates.map((_, k) => first + k);
        if (n)
          await c.query(
            "INSERT INTO doc_updates (doc_id, seq, data) SELECT $1, s, d FROM unnest($2::bigint[], $3::bytea[]) AS t(s, d)",
            [w.docId, seqs, w.updates.map((u) => Buffer.from(u))],
          );
        const counts = sumByActor(w.activity);
        if (counts.length)
          await c.query(
            `INSERT INTO activity (doc_id, minute, actor, nodes, flows, other)
               SELECT $1, $2, a, n, f, o FROM unnest($3::text[], $4::int[], $5::int[], $6::int[]) AS t(a, n, f, o)
             ON CONFLICT (doc_id, minute, actor) DO UPDATE SET nodes = activity.nodes + excluded.nodes,
               flows = activity.flows + excluded.flows, other = activity.other + excluded.other`,
            [
              w.docId,
              Math.floor(w.at / 60_000),
              counts.map((a) => a.actor),
              counts.map((a) => a.nodes),
              counts.map((a) => a.flows),
              counts.map((a) => a.other),
            ],
          );
        results[i] = { docId: w.docId, seqs, previousSeq: first - 1 };
      }
      return results;
    });
  }

  async compact(docId: string, fold: (content: StoredContent) => Uint8Array): Promise<{ bytes: number } | null> {
    return this.tx(async (c) => {
      const lock = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok", [
        LOCK_COMPACT,
        docId,
      ]);
      if (!lock.rows[0]?.ok) return null;
      const content = await this.content(c, docId, null);
      if (content.updates.length === 0) return { bytes: content.snapshot?.length ?? 0 };
      const state = fold(content);
      await c.query(
        `INSERT INTO doc_snapshots (doc_id, state, bytes, seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, bytes = excluded.bytes, seq = excluded.seq`,
        [docId, Buffer.from(state), state.length, content.lastSeq],
      );
      // Updates stored meanwhile have higher numbers (numbers are committed in order) and stay.
      await c.query("DELETE FROM doc_updates WHERE doc_id = $1 AND seq <= $2", [docId, content.lastSeq]);
      return { bytes: state.length };
    });
  }

  async lastSeqs(docIds: string[]): Promise<Map<string, number>> {
    if (docIds.length === 0) return new Map();
    const r = await this.pool.query<{ id: string; last_seq: number }>(
      "SELECT id, last_seq FROM documents WHERE id = ANY($1::text[])",
      [docIds],
    );
    return new Map(r.rows.map((x) => [x.id, x.last_seq]));
  }

  async setTitle(docId: string, title: string, jimuName: string, at: number): Promise<void> {
    await this.pool.query("UPDATE documents SET title = $2, jimu_name = $3, updated_at = $4 WHERE id = $1", [
      docId,
      title,
      jimuName,
      at,
    ]);
  }

  async insertToken(token: NewToken): Promise<void> {
    await insertToken(this.pool, token);
  }

  async tokenByHash(hash: string): Promise<TokenRow | undefined> {
    const r = await this.pool.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = $1`, [hash]);
    return r.rows[0];
  }

  async tokensOf(docId: string): Promise<TokenRow[]> {
    const r = await this.pool.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE doc_id = $1 ORDER BY created_at, ord`,
      [docId],
    );
    return r.rows;
  }

  async revokeToken(docId: string, tokenId: string, at: number): Promise<boolean> {
    const r = await this.pool.query(
      "UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND doc_id = $3 AND revoked_at IS NULL",
      [at, tokenId, docId],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async accessEnded(docIds: string[], tokenIds: string[]): Promise<{ docs: Set<string>; tokens: Set<string> }> {
    const [docs, tokens] = await Promise.all([
      this.pool.query<{ id: string }>(
        `SELECT id FROM unnest($1::text[]) AS ask(id)
          WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = ask.id AND d.deleted_at IS NULL)`,
        [docIds],
      ),
      this.pool.query<{ id: string }>(
        `SELECT id FROM unnest($1::text[]) AS ask(id)
          WHERE NOT EXISTS (SELECT 1 FROM tokens t WHERE t.id = ask.id AND t.revoked_at IS NULL)`,
        [tokenIds],
      ),
    ]);
    return { docs: new Set(docs.rows.map((r) => r.id)), tokens: new Set(tokens.rows.map((r) => r.id)) };
  }

  async insertVersion(v: VersionRow, state: Uint8Array): Promise<void> {
    await this.pool.query(
      "INSERT INTO versions (id, doc_id, name, state, created_at, created_by, nodes, flows) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [v.id, v.doc_id, v.name, Buffer.from(state), v.created_at, v.created_by, v.nodes, v.flows],
    );
  }

  async versionsOf(docId: string): Promise<VersionRow[]> {
    const r = await this.pool.query<VersionRow>(
      "SELECT id, doc_id, name, created_at, created_by, nodes, flows FROM versions WHERE doc_id = $1 ORDER BY created_at DESC, ord DESC",
      [docId],
    );
    return r.rows;
  }

  async versionState(docId: string, versionId: string): Promise<{ state: Uint8Array; name: string } | undefined> {
    const r = await this.pool.query<{ state: Buffer; name: string }>(
      "SELECT state, name FROM versions WHERE doc_id = $1 AND id = $2",
      [docId, versionId],
    );
    const row = r.rows[0];
    return row ? { state: bytes(row.state), name: row.name } : undefined;
  }

  async activityOf(docId: string, limit: number): Promise<ActivityRow[]> {
    const r = await this.pool.query<ActivityRow>(
      "SELECT minute, actor, nodes, flows, other FROM activity WHERE doc_id = $1 ORDER BY minute DESC, actor LIMIT $2",
      [docId, limit],
    );
    return r.rows;
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function insertToken(q: pg.Pool | pg.PoolClient, t: NewToken) {
  return q.query("INSERT INTO tokens (id, doc_id, hash, role, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)", [
    t.id,
    t.docId,
    t.hash,
    t.role,
    t.label,
    t.createdAt,
  ]);
}

function bytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
