import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocumentText } from "../../src/model";
import { buildFacts, generateReport, sectionFlags } from "../../src/sections";

/**
 * For each template built from a seed, the generated section Ⅲ boxes must match the boxes the published
 * 評価書 ticks (seed-flows/00N.json section3), wherever the seed text is legible (null = unreadable).
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The seeds' boxes, copied from the reference readings so the test runs where the readings are not mounted. */
const FLAGS_FILE = path.join(import.meta.dirname, "seed-flags.json");
const SEEDS = "/work/shared/reference/seed-flows";
type SeedFlags = Record<string, boolean | null | string>;
const SEED_FLAGS = JSON.parse(fs.readFileSync(FLAGS_FILE, "utf8")).templates as Record<
  string,
  { seed: string; files: SeedFlags[] }
>;
const TEMPLATES: Record<string, string> = {
  "osaka-shiei-jutaku": "000",
  "tokyo-toei-jutaku": "001",
  "sakai-kokumin-nenkin": "002",
  "toyonaka-kodomo-iryohi": "003",
  "akishima-juki": "004",
};
const FLAGS = ["delegationNone", "provisionNone", "networkNoAcquire", "networkNoProvide"] as const;

/**
 * Where the template's graph and the seed disagree for a reason in the template's data, not in the
 * generator. Each entry must still disagree: when the template is fixed, the entry has to go.
 *  - 昭島市 (3)送付先情報ファイル: the seed leaves 接続しない（提供） unticked, but the template assigns the network
 *    provision flows (f17–f20) and the network 提供先 only to (1)住民基本台帳ファイル.
 */
const KNOWN_TEMPLATE_GAPS = new Set(["akishima-juki|送付先情報ファイル|networkNoProvide"]);

describe("templates against the seeds' section Ⅲ boxes", () => {
  it("the five templates are present", () => {
    const missing = Object.keys(TEMPLATES).filter(
      (t) => !fs.existsSync(path.join(ROOT, "templates", `${t}.nagare.json`)),
    );
    expect(missing).toEqual([]);
  });

  it("the copied seed flags still match the reference readings", (ctx) => {
    // The readings are not part of the repository: without them this check is reported skipped, not passed.
    if (!fs.existsSync(SEEDS)) ctx.skip(`${SEEDS} is not mounted: the copy in seed-flags.json is used unchecked`);
    for (const [t, n] of Object.entries(TEMPLATES)) {
      const s3 = JSON.parse(fs.readFileSync(path.join(SEEDS, `${n}.json`), "utf8")).section3;
      const perFile: SeedFlags[] = s3.perFile ?? [s3];
      expect(SEED_FLAGS[t]?.files.map((f) => FLAGS.map((k) => f[k]))).toEqual(
        perFile.map((f) => FLAGS.map((k) => f[k])),
      );
    }
  });

  for (const t of Object.keys(TEMPLATES)) {
    it(t, () => {
      const loaded = loadDocumentText(fs.readFileSync(path.join(ROOT, "templates", `${t}.nagare.json`), "utf8"));
      if (!loaded.ok) throw new Error(`${t}: ${JSON.stringify(loaded.problems)}`);
      const facts = buildFacts(loaded.doc);
      const perFile = SEED_FLAGS[t]?.files ?? [];
      expect(facts.files.length).toBe(perFile.length);
      let compared = 0;
      for (const [i, scope] of facts.files.entries()) {
        const seed = perFile[i] as Record<string, boolean | null>;
        const flags = sectionFlags(facts, scope);
        for (const k of FLAGS) {
          if (seed[k] === null || seed[k] === undefined) continue;
          const key = `${t}|${scope.name}|${k}`;
          if (KNOWN_TEMPLATE_GAPS.has(key)) expect(flags[k], key).not.toBe(seed[k]);
          else expect(flags[k], key).toBe(seed[k]);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
      // The whole report generates for the template's own kind.
      const g = generateReport(loaded.doc);
      expect(g.kind).toBe(loaded.doc.meta.assessmentKind);
      expect(g.stats.items).toBeGreaterThan(30);
    });
  }
});
