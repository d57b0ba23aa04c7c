import path from "node:path";
import Database from "better-sqlite3";
import type { RunningServer } from "./server";

/**
 * What a test server has stored, read (and, to stage damaged or old data, written) in its own database:
 * the SQLite file of its data directory, or its PostgreSQL database. Both stores use the same tables and
 * columns, so a test states its check once and runs on either store. Parameters are written `?`.
 */
export interface StoredData {
  readonly kind: "sqlite" | "postgres";
  rows<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  run(sql: string, ...params: unknown[]): Promise<void>;
  /** Every row of every table as text, to check that a secret was never stored. */
  everything(): Promise<string>;
  close(): Promise<void>;
}

export async function openStored(server: Pick<RunningServer, "dataDir" | "databaseUrl">): Promise<StoredData> {
  if (server.databaseUrl) return openPostgres(server.databaseUrl);
  const db = new Database(path.join(server.dataDir, "nagare.sqlite"));
  return {
    kind: "sqlite",
    rows: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
    run: async (sql, ...params) => void db.prepare(sql).run(...params),
    everything: async () => {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      return tables.map((t) => asText(db.prepare(`SELECT * FROM "${t.name}"`).all())).join("\n");
    },
    close: async () => void db.close(),
  };
}

async function openPostgres(url: string): Promise<StoredData> {
  const { default: pg } = await import("pg");
  // BIGINT columns (times, sequence numbers) as numbers, as SQLite gives them.
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === 20 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    kind: "postgres",
    rows: async <T>(sql: string, ...params: unknown[]) => (await client.query(numbered(sql), params)).rows as T[],
    run: async (sql, ...params) => void (await client.query(numbered(sql), params)),
    everything: async () => {
      const tables = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      const parts: string[] = [];
      for (const t of tables.rows) parts.push(asText((await client.query(`SELECT * FROM "${t.name}"`)).rows));
      return parts.join("\n");
    },
    close: () => client.end(),
  };
}

/** Rows as text, binary columns (document states) included as their bytes read as UTF-8. */
function asText(rows: unknown[]): string {
  return JSON.stringify(rows, (_k, v) =>
    v && typeof v === "object" && (v as { type?: unknown }).type === "Buffer"
      ? Buffer.from((v as { data: number[] }).data).toString("utf8")
      : v,
  );
}
