import type { ServerConfig } from "../config";
import { openSqliteStore } from "./sqlite";
import type { Store } from "./store";

/** The store the settings ask for: the embedded SQLite file by default. */
export async function openStore(config: ServerConfig): Promise<Store> {
  return openSqliteStore(config.dataDir, config.sqliteSync);
}
