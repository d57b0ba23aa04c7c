import type { Store } from "./store/store";

/** Deletes documents that have been in the trash longer than `days` (with their links, versions, log). */
export function purgeTrash(store: Store, days: number, now = Date.now()): Promise<number> {
  return store.purgeDeleted(now - days * 86_400_000);
}
