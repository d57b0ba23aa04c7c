/**
 * Drops this browser's IndexedDB copy of a shared document and reloads, so the page starts again from what
 * the server holds. Offered only when the server keeps refusing this browser's own edits.
 */
export function discardLocalCopy(docId: string, confirmText: string): void {
  if (!window.confirm(confirmText)) return;
  const req = indexedDB.deleteDatabase(`nagare:${docId}`);
  const reload = () => window.location.reload();
  req.onsuccess = reload;
  req.onerror = reload;
  req.onblocked = reload;
}
