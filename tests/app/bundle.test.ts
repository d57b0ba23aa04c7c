import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";

// Reads the production build that `npm test` makes before running vitest (vite build → dist/).
// Budgets are about 1.3× the sizes measured when the panels, the version page and the export code paths
// were split off (entry 157 KiB, first load 234 KiB gzip), so a regression that pulls a heavy library
// back into the first load fails here.
const ENTRY_BUDGET_KIB = 205;
const FIRST_LOAD_BUDGET_KIB = 305;

const dist = path.resolve(import.meta.dirname, "../../dist");
const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");

function gzipKiB(rel: string): number {
  const bytes = fs.readFileSync(path.join(dist, rel.replace(/^\//, "")));
  return zlib.gzipSync(bytes, { level: 9 }).length / 1024;
}

/** The module script of index.html and the chunks it preloads: what the browser fetches before painting. */
function firstLoad(): { entry: string; preloads: string[] } {
  const entry = /<script type="module"[^>]*src="([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error("dist/index.html has no module script");
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1] as string);
  return { entry, preloads };
}

describe("production bundle", () => {
  it("keeps the entry chunk under its budget", () => {
    const { entry } = firstLoad();
    expect(gzipKiB(entry)).toBeLessThan(ENTRY_BUDGET_KIB);
  });

  it("keeps everything loaded before the first paint under its budget", () => {
    const { entry, preloads } = firstLoad();
    const total = [entry, ...preloads].reduce((sum, f) => sum + gzipKiB(f), 0);
    expect(total).toBeLessThan(FIRST_LOAD_BUDGET_KIB);
  });

  it("loads the Word export code only on demand", () => {
    const { entry, preloads } = firstLoad();
    for (const f of [entry, ...preloads]) {
      const code = fs.readFileSync(path.join(dist, f.replace(/^\//, "")), "utf8");
      // The OOXML namespace is written only by the docx library and the 評価書 Word renderer.
      expect(code, f).not.toContain("schemas.openxmlformats.org/wordprocessingml");
    }
  });
});
