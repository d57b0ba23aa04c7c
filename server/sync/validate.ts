import * as Y from "yjs";
import type { z } from "zod";
import {
  answerSchema,
  CURRENT_SCHEMA_VERSION,
  commentThreadSchema,
  decisionSchema,
  delegationSchema,
  flowSchema,
  groupSchema,
  LIMITS,
  metaSchema,
  nodeSchema,
  piiFileSchema,
  provisionSchema,
} from "../../src/model";
import {
  COMMENTS,
  ELEMENT_COLLECTIONS,
  ROOT_KEY,
  readModelTolerant,
  threadFromY,
  VALUE_COLLECTIONS,
} from "../../src/sync/doc-shape";
import { findBadText, hasBadChars } from "../text";
import type { ChangeSet } from "./changes";

/**
 * Schema safety of the shared document. Every element an update adds or changes must be valid on its own
 * (its schema, well-formed text): an invalid one would be stored and then silently left out of every
 * download and export, so the update is refused and nothing of it is stored. Concurrent editing still
 * legitimately leaves references the tolerant read repairs (a flow whose node another person deleted):
 * those updates are accepted, everyone keeps a valid model. Also refused:
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
  comments: LIMITS.commentThreads,
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
  if (title !== undefined && (typeof title !== "string" || title.length > LIMITS.labelChars || hasBadChars(title)))
    return refuse(
      "bad_title",
      "表題が不正です（制御文字を含まない 300 字までの文字列）",
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
  // Review threads: optional (documents made before them get the collection when opened), a map when there.
  const comments = root.get(COMMENTS);
  if (comments !== undefined && !(comments instanceof Y.Map))
    return refuse(
      "bad_structure",
      `共有文書の構造が壊れます（${COMMENTS} が一覧ではありません）`,
      `the update breaks the shared document's structure (${COMMENTS} is not a map)`,
    );
  if (comments instanceof Y.Map && comments.size > LIMITS.commentThreads)
    return refuse(
      "too_many_elements",
      `${COMMENTS} の数が上限（${LIMITS.commentThreads}）を超えます`,
      `${COMMENTS} would exceed the limit of ${LIMITS.commentThreads}`,
      4413,
    );
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
      const json = meta.toJSON();
      const parsed = metaSchema.safeParse(json);
      const badText = findBadText(json, "meta");
      if (!parsed.success || badText !== null) {
        const issue = parsed.success ? undefined : parsed.error.issues[0];
        const where = badText ?? (issue ? `meta.${issue.path.join(".")}` : "meta");
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

const ELEMENT_SCHEMAS: Record<string, z.ZodType> = {
  nodes: nodeSchema,
  groups: groupSchema,
  flows: flowSchema,
  files: piiFileSchema,
  delegations: delegationSchema,
  provisions: provisionSchema,
  decisions: decisionSchema,
  answers: answerSchema,
  comments: commentThreadSchema,
};

/** Why one stored element is not valid on its own (null: valid or absent). */
function elementProblem(root: Y.Map<unknown>, name: string, id: string): { ja: string; en: string } | null {
  const coll = root.get(name);
  if (!(coll instanceof Y.Map) || !coll.has(id)) return null;
  const schema = ELEMENT_SCHEMAS[name] as z.ZodType;
  const el = coll.get(id);
  const isValueColl = name === "decisions" || name === "answers";
  if (!isValueColl && !(el instanceof Y.Map)) return { ja: "要素の形ではありません", en: "not an element" };
  const value = isValueColl
    ? el instanceof Y.AbstractType
      ? el.toJSON()
      : el
    : name === COMMENTS
      ? threadFromY(id, el)
      : { ...(el as Y.Map<unknown>).toJSON(), id };
  if (isValueColl && (id.length > 200 || hasBadChars(id))) return { ja: "キーが不正です", en: "invalid key" };
  const bad = findBadText(value);
  if (bad !== null)
    return {
      ja: `${bad || "値"} に制御文字か壊れた文字があります`,
      en: `${bad || "value"} holds a control or broken character`,
    };
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || "";
  const message = (issue?.message ?? "").slice(0, 120);
  return { ja: `${field || "値"} が不正です（${message}）`, en: `${field || "value"} is invalid (${message})` };
}

/**
 * Plain objects whose schema has no rule across fields: when such an element was valid (not known invalid)
 * and only some of its fields changed, it is valid exactly when those fields are.
 */
const FIELD_SHAPES: Record<string, Record<string, z.ZodType>> = {
  nodes: nodeSchema.shape,
  flows: flowSchema.shape,
};

/**
 * The quick check of a field edit (a node dragged, a flow's sentence typed): only the changed fields, each
 * against its own schema, instead of the whole element (that was most of an edit's check). True: valid;
 * false: undecided here, the whole element is checked.
 */
function fieldsValid(root: Y.Map<unknown>, name: string, id: string, fields: Set<string> | null | undefined): boolean {
  const shape = FIELD_SHAPES[name];
  if (!shape || !fields) return false;
  const coll = root.get(name);
  const el = coll instanceof Y.Map ? coll.get(id) : undefined;
  if (!(el instanceof Y.Map)) return false;
  for (const field of fields) {
    const schema = Object.hasOwn(shape, field) && field !== "id" ? shape[field] : undefined;
    const value = el.get(field);
    if (!schema || value instanceof Y.AbstractType || findBadText(value) !== null) return false;
    if (!schema.safeParse(value).success) return false;
  }
  return true;
}

/** The elements a change set touched, as [collection, id]. */
function touched(changes: ChangeSet): [string, string][] {
  const out: [string, string][] = [];
  for (const id of changes.nodes) out.push(["nodes", id]);
  for (const id of changes.flows) out.push(["flows", id]);
  for (const key of changes.other) {
    const at = key.indexOf(":");
    const name = key.slice(0, at);
    if (name in ELEMENT_SCHEMAS) out.push([name, key.slice(at + 1)]);
  }
  return out;
}

/** Keys (`collection:id`) of the elements that are invalid already, e.g. stored before these checks existed. */
export function invalidElements(doc: Y.Doc): Set<string> {
  const root = doc.getMap<unknown>(ROOT_KEY);
  const out = new Set<string>();
  for (const name of Object.keys(ELEMENT_SCHEMAS)) {
    const coll = root.get(name);
    if (!(coll instanceof Y.Map)) continue;
    for (const id of coll.keys()) if (elementProblem(root, name, id)) out.add(`${name}:${id}`);
  }
  return out;
}

/**
 * Checks every element a change touched. An element that was invalid before (listed in `known`) may be
 * edited without being refused, so that it can be repaired step by step; it leaves the list once valid.
 */
export function checkChangedElements(doc: Y.Doc, changes: ChangeSet, known: Set<string>): Verdict {
  const root = doc.getMap<unknown>(ROOT_KEY);
  for (const [name, id] of touched(changes)) {
    const key = `${name}:${id}`;
    if (!known.has(key) && fieldsValid(root, name, id, changes.fields.get(key))) continue;
    const problem = elementProblem(root, name, id);
    if (!problem) {
      known.delete(key);
      continue;
    }
    if (known.has(key)) continue;
    const shownId = id.length > 64 || hasBadChars(id) ? `${id.slice(0, 64).replace(/[^\x20-\x7e]/g, "?")}…` : id;
    return refuse(
      "invalid_element",
      `不正な要素は保存できません（${name} ${shownId}: ${problem.ja}）`,
      `an invalid element cannot be stored (${name} ${shownId}: ${problem.en})`,
    );
  }
  return { ok: true };
}
