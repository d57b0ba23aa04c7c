import { CURRENT_SCHEMA_VERSION } from "./schema";

/**
 * Migrations of `*.nagare.json` files, one per version step. Each takes the raw object of version N and
 * returns version N+1; they run before validation, so they must cope with any input shape and only move
 * what they recognise.
 */
type Raw = Record<string, unknown>;
type Migration = { from: number; describe: string; up: (doc: Raw) => Raw };

const isObj = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

export const MIGRATIONS: Migration[] = [
  {
    from: 1,
    describe: "flows: stepLabel → step, legalBasisText → legalBasis[{ law: 'other', text }]",
    up: (doc) => {
      const flows = Array.isArray(doc.flows) ? doc.flows : doc.flows;
      const next = Array.isArray(flows)
        ? flows.map((f) => {
            if (!isObj(f)) return f;
            const { stepLabel, legalBasisText, ...rest } = f;
            const out: Raw = { ...rest };
            if (stepLabel !== undefined && out.step === undefined) out.step = stepLabel;
            if (typeof legalBasisText === "string" && legalBasisText.trim() && out.legalBasis === undefined)
              out.legalBasis = [{ law: "other", text: legalBasisText }];
            return out;
          })
        : flows;
      return { ...doc, flows: next, schemaVersion: 2 };
    },
  },
  {
    from: 2,
    describe:
      "files: note (printed as Ⅱ7 備考) → remarks; note is now an internal remark. provisions gain recipients and recipientCount",
    up: (doc) => {
      const files = Array.isArray(doc.files)
        ? doc.files.map((f) => {
            if (!isObj(f) || typeof f.note !== "string" || f.remarks !== undefined) return f;
            const { note, ...rest } = f;
            return { ...rest, remarks: note };
          })
        : doc.files;
      return { ...doc, files, schemaVersion: 3 };
    },
  },
];

export type MigrationResult =
  | { ok: true; doc: Raw; from: number; applied: string[] }
  | { ok: false; code: "newer_version" | "bad_version"; version: unknown };

/** Brings a raw document to the current version, or says why it cannot. */
export function migrate(raw: Raw): MigrationResult {
  const version = raw.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1)
    return { ok: false, code: "bad_version", version };
  if (version > CURRENT_SCHEMA_VERSION) return { ok: false, code: "newer_version", version };
  let doc = raw;
  const applied: string[] = [];
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const m = MIGRATIONS.find((x) => x.from === v);
    if (!m) return { ok: false, code: "bad_version", version };
    doc = m.up(doc);
    applied.push(`${v} → ${v + 1}: ${m.describe}`);
  }
  return { ok: true, doc, from: version, applied };
}
