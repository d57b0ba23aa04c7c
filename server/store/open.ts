import type { ServerConfig } from "../config";
import { openPostgresStore } from "./postgres";
import { openSqliteStore } from "./sqlite";
import type { Store } from "./store";

/** The store the settings ask for: PostgreSQL with DATABASE_URL, else the embedded SQLite file. */
export async function openStore(config: ServerConfig, log: (line: string) => void = () => {}): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl, log);
  return openSqliteStore(config.dataDir, config.sqliteSync);
}
