import type { Db } from "./db";

/** Deletes documents that have been in the trash longer than `days` (with their links, versions, log). */
export function purgeTrash(db: Db, days: number, now = Date.now()): number {
  return db.q.purge.run(now - days * 86_400_000).changes;
}
