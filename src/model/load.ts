import { integrityProblems } from "./integrity";
import { LIMITS } from "./limits";
import { migrate } from "./migrations";
import { type Problem, problemsFromZod } from "./problems";
import { CURRENT_SCHEMA_VERSION, documentSchema, FORMAT_ID, type NagareDocument } from "./schema";

export type LoadResult =
  | { ok: true; doc: NagareDocument; migratedFrom?: number; applied: string[] }
  | { ok: false; problems: Problem[] };

const fail = (problems: Problem[]): LoadResult => ({ ok: false, problems });

/**
 * Reads a `*.nagare.json` text. All or nothing: either a fully valid document of the current version comes
 * back, or every problem found, and nothing else is touched.
 */
export function loadDocumentText(text: string): LoadResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > LIMITS.fileBytes)
    return fail([
      {
        path: "",
        code: "file_too_large",
        ja: `ファイルが大きすぎます（${bytes} バイト、最大 ${LIMITS.fileBytes} バイト）`,
        en: `file too large (${bytes} bytes, at most ${LIMITS.fileBytes})`,
      },
    ]);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return fail([
      { path: "", code: "invalid_json", ja: `JSON として読めません（${msg}）`, en: `not valid JSON (${msg})` },
    ]);
  }
  return loadDocumentValue(raw);
}

/** Validates (and migrates) an already parsed value. */
export function loadDocumentValue(raw: unknown): LoadResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return fail([
      {
        path: "",
        code: "not_object",
        ja: "文書はオブジェクトである必要があります",
        en: "document must be a JSON object",
      },
    ]);
  const obj = raw as Record<string, unknown>;
  if (obj.format !== FORMAT_ID)
    return fail([
      {
        path: "format",
        code: "not_nagare",
        ja: `Nagare の文書ではありません（format は "${FORMAT_ID}" が必要）`,
        en: `not a Nagare document (format must be "${FORMAT_ID}")`,
      },
    ]);
  const migrated = migrate(obj);
  if (!migrated.ok) {
    return fail([
      migrated.code === "newer_version"
        ? {
            path: "schemaVersion",
            code: "newer_version",
            ja: `このファイルは新しい版（スキーマ ${String(migrated.version)}）の Nagare で作られています。この版が読めるのは ${CURRENT_SCHEMA_VERSION} までです`,
            en: `this file was written by a newer Nagare (schema ${String(migrated.version)}); this version reads up to ${CURRENT_SCHEMA_VERSION}`,
          }
        : {
            path: "schemaVersion",
            code: "bad_version",
            ja: `スキーマバージョンが正しくありません（${JSON.stringify(migrated.version)}）`,
            en: `invalid schema version (${JSON.stringify(migrated.version)})`,
          },
    ]);
  }
  const parsed = documentSchema.safeParse(migrated.doc);
  if (!parsed.success) {
    // Report broken references too, so that one run lists every problem, not only the first kind.
    const shape = problemsFromZod(parsed.error, migrated.doc);
    const refs = integrityProblems(looseView(migrated.doc)).filter((p) => !shape.some((s) => s.path === p.path));
    return fail([...shape, ...refs]);
  }
  const integrity = integrityProblems(parsed.data);
  if (integrity.length) return fail(integrity);
  return {
    ok: true,
    doc: parsed.data,
    migratedFrom: migrated.from === CURRENT_SCHEMA_VERSION ? undefined : migrated.from,
    applied: migrated.applied,
  };
}

/** The canonical text of a document: stable key order as in the schema, two-space indent. */
export function serializeDocument(doc: NagareDocument): string {
  return `${JSON.stringify(documentSchema.parse(doc), null, 2)}\n`;
}

/** A new empty document. */
export function emptyDocument(title = ""): NagareDocument {
  return documentSchema.parse({
    format: FORMAT_ID,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title,
    meta: {},
  });
}

/** A best-effort view of an invalid document, enough to check its references. */
function looseView(raw: Record<string, unknown>): NagareDocument {
  const arr = (v: unknown) =>
    (Array.isArray(v) ? v : []).map((x) => (typeof x === "object" && x !== null ? (x as Record<string, unknown>) : {}));
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const withId = <T>(items: Record<string, unknown>[], f: (o: Record<string, unknown>) => T) =>
    items.map((o) => ({ id: str(o.id) ?? "", ...f(o) }));
  return {
    files: withId(arr(raw.files), () => ({})),
    delegations: withId(arr(raw.delegations), () => ({})),
    provisions: withId(arr(raw.provisions), (o) => ({ recipientNodeId: str(o.recipientNodeId) })),
    nodes: withId(arr(raw.nodes), (o) => ({
      groupId: str(o.groupId),
      delegationId: str(o.delegationId),
      fileIds: strs(o.fileIds),
    })),
    groups: withId(arr(raw.groups), (o) => ({
      parentId: str(o.parentId),
      type: o.type,
      laneKind: o.laneKind ?? "other",
    })),
    flows: withId(arr(raw.flows), (o) => ({
      source: str(o.source) ?? "",
      target: str(o.target) ?? "",
      delegationId: str(o.delegationId),
      provisionId: str(o.provisionId),
      fileIds: strs(o.fileIds),
    })),
  } as unknown as NagareDocument;
}
