import * as Y from "yjs";
import { CURRENT_SCHEMA_VERSION, LIMITS, metaSchema } from "../../src/model";
import { ELEMENT_COLLECTIONS, ROOT_KEY, readModelTolerant, VALUE_COLLECTIONS } from "../../src/sync/doc-shape";

/**
 * Schema safety of the shared document. Concurrent editing legitimately leaves elements the tolerant read
 * leaves out (a flow whose node another person deleted, an element with a bad value): those updates are
 * accepted, everyone keeps a valid model. What the tolerant read cannot repair without losing the whole
 * document's data is refused:
 *   - the root structure is broken (a collection or meta removed or not a map, an unknown schema version, a
 *     bad title);
 *   - the 文書情報 (meta) is invalid, which the tolerant read would reset to defaults for everyone;
 *   - a collection exceeds the model's limits, or the tolerant read falls back to an empty document;
 *   - the stored state would exceed the document size limit.
 */
export interface Refusal {
  ok: false;
  code: string;
  ja: string;
  en: string;
  /** WebSocket close code (4400-4499: the client must not retry the same update). */
  closeCode: number;
}
export type Verdict = { ok: true } | Refusal;

const refuse = (code: string, ja: string, en: string, closeCode = 4422): Refusal => ({
  ok: false,
  code,
  ja,
  en,
  closeCode,
});

const COLLECTION_LIMITS: Record<string, number> = {
  nodes: LIMITS.nodes,
  flows: LIMITS.flows,
  groups: LIMITS.groups,
  files: LIMITS.listItems,
  delegations: LIMITS.listItems,
  provisions: LIMITS.listItems * 5,
  decisions: LIMITS.flows,
  answers: LIMITS.flows,
};

export interface ValidationScope {
  /** The 文書情報 changed: check it against its schema. */
  meta: boolean;
  /** The root map changed: also run the full tolerant read (costs a pass over the whole document). */
  deep: boolean;
  /** Estimated stored size (snapshot plus updates since); the exact size is computed only near the limit. */
  approxBytes: number;
  maxBytes: number;
}

export function validateDocument(doc: Y.Doc, scope: ValidationScope): Verdict {
  const root = doc.getMap<unknown>(ROOT_KEY);
  const version = root.get("schemaVersion");
  if (version !== undefined && version !== CURRENT_SCHEMA_VERSION)
    return refuse(
      "schema_version",
      `スキーマのバージョンを ${String(version)} に変える更新は受け付けません`,
      `an update may not change the schema version to ${String(version)}`,
    );
  const title = root.get("title");
  if (title !== undefined && (typeof title !== "string" || title.length > LIMITS.labelChars))
    return refuse(
      "bad_title",
      "表題が不正です（文字列、300 字まで）",
      "invalid title (a string of at most 300 characters)",
    );
  for (const name of [...ELEMENT_COLLECTIONS, ...VALUE_COLLECTIONS, "meta"]) {
    const coll = root.get(name);
    if (coll === undefined)
      return refuse(
        "bad_structure",
        `共有文書の構造が壊れます（${name} がなくなります）`,
        `the update breaks the shared document's structure (${name} would be removed)`,
      );
    if (!(coll instanceof Y.Map))
      return refuse(
        "bad_structure",
        `共有文書の構造が壊れます（${name} が一覧ではありません）`,
        `the update breaks the shared document's structure (${name} is not a map)`,
      );
    const limit = COLLECTION_LIMITS[name];
    if (limit !== undefined && coll.size > limit)
      return refuse(
        "too_many_elements",
        `${name} の数が上限（${limit}）を超えます`,
        `${name} would exceed the limit of ${limit}`,
        4413,
      );
  }
  if (scope.approxBytes > scope.maxBytes) {
    const exact = Y.encodeStateAsUpdate(doc).length;
    if (exact > scope.maxBytes)
      return refuse(
        "document_too_large",
        `文書が大きすぎます（${exact} バイト、上限 ${scope.maxBytes} バイト）`,
        `the document would be too large (${exact} bytes, limit ${scope.maxBytes})`,
        4413,
      );
  }
  if (scope.meta) {
    const meta = root.get("meta");
    if (meta instanceof Y.Map) {
      const parsed = metaSchema.safeParse(meta.toJSON());
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? `meta.${issue.path.join(".")}` : "meta";
        return refuse(
          "bad_meta",
          `文書情報が不正になります（${where}）`,
          `the document information becomes invalid (${where})`,
        );
      }
    }
  }
  if (scope.deep) {
    const read = readModelTolerant(doc);
    const fatal = read.dropped.find((d) => d.collection === "document" || d.collection === "meta");
    if (fatal)
      return refuse(
        "unrepairable",
        `この更新では文書を読めなくなります（${fatal.id}: ${fatal.ja}）`,
        `after this update the document could not be read (${fatal.id}: ${fatal.en})`,
      );
  }
  return { ok: true };
}
