import type { Store } from "./store/store";

/**
 * Deletes documents that have been in the trash longer than `days` (with their links, versions, activity);
 * each is recorded in the audit log, which outlives them.
 */
export async function purgeTrash(store: Store, days: number, now = Date.now()): Promise<string[]> {
  const ids = await store.purgeDeleted(now - days * 86_400_000);
  for (const docId of ids)
    await store.owners.appendAudit({
      at: now,
      event: "document.purge",
      docId,
      role: "system",
      linkId: null,
      address: null,
      target: null,
      detail: null,
    });
  return ids;
}
