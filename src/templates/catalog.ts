import fs from "node:fs";
import path from "node:path";
import { loadDocumentText, type NagareDocument } from "../model";
import { compareSummaries, summarizeTemplate, type TemplateSummary } from "./summary";

/**
 * The templates on disk (node side): `templates/<id>.nagare.json`. The files are read, never written; a new
 * document made from a template is a copy.
 */

export const TEMPLATE_SUFFIX = ".nagare.json";
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const DEFAULT_TEMPLATES_DIR = path.resolve(process.env.TEMPLATES_DIR ?? "templates");

/** Template ids in a directory (file names without the suffix). */
export function templateIds(dir = DEFAULT_TEMPLATES_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(TEMPLATE_SUFFIX))
    .map((f) => f.slice(0, -TEMPLATE_SUFFIX.length))
    .filter((id) => ID.test(id))
    .sort();
}

/** One template as a validated document; null when there is no such template. Throws when the file is broken. */
export function readTemplate(id: string, dir = DEFAULT_TEMPLATES_DIR): NagareDocument | null {
  if (!ID.test(id)) return null;
  const file = path.join(dir, `${id}${TEMPLATE_SUFFIX}`);
  if (!fs.existsSync(file)) return null;
  const result = loadDocumentText(fs.readFileSync(file, "utf8"));
  if (!result.ok)
    throw new Error(
      `テンプレート ${id} が不正です / template ${id} is invalid: ${result.problems.map((p) => `${p.path}: ${p.ja} / ${p.en}`).join("; ")}`,
    );
  return result.doc;
}

/** Metadata of every valid template, for the gallery and `GET /api/templates`. Broken files are skipped. */
export function listTemplates(dir = DEFAULT_TEMPLATES_DIR): TemplateSummary[] {
  const out: TemplateSummary[] = [];
  for (const id of templateIds(dir)) {
    try {
      const doc = readTemplate(id, dir);
      if (doc) out.push(summarizeTemplate(id, doc));
    } catch {
      // A broken template must not take the gallery down; `validate` reports it.
    }
  }
  return out.sort(compareSummaries);
}
