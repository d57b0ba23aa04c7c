/** Declares one area's strings; the English table must have exactly the Japanese keys. */
export function defineMessages<const K extends string>(ja: Record<K, string>, en: Record<K, string>) {
  return { ja, en };
}
