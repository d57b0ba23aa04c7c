import fs from "node:fs";
import path from "node:path";
import { loadDocumentText, type NagareDocument } from "../src/model";
import { renderReportDocx } from "../src/render/docx/report";
import { renderReportHtml } from "../src/render/html/report";
import { renderDiagramSvg } from "../src/render/svg";
import { generateReport, generateSections } from "../src/sections";
import { renderReportFile } from "../src/sections/export-node";
import { rulesModel } from "./rules.bench";
import type { BenchRow } from "./types";

/**
 * 評価書 generation and export: the sections alone, the sections with the findings engine (what the preview
 * recomputes after an edit), and the Word and HTML exports, for a 300-node model and the largest template.
 */

const ROOT = path.resolve(import.meta.dirname, "..");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return median(t);
}

function largestTemplate(): { name: string; doc: NagareDocument } | null {
  const dir = path.join(ROOT, "templates");
  if (!fs.existsSync(dir)) return null;
  let best: { name: string; doc: NagareDocument } | null = null;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".nagare.json"))) {
    const r = loadDocumentText(fs.readFileSync(path.join(dir, f), "utf8"));
    if (r.ok && (!best || r.doc.nodes.length + r.doc.flows.length > best.doc.nodes.length + best.doc.flows.length))
      best = { name: f, doc: r.doc };
  }
  return best;
}

async function measure(label: string, doc: NagareDocument, rows: BenchRow[]) {
  const area = "sections";
  const size = `${doc.nodes.length} nodes / ${doc.flows.length} flows`;
  const g = generateReport(doc);
  rows.push(
    {
      area,
      name: `sections only, ${label} (${size}, ${g.stats.items} items)`,
      value: await time(9, () => generateSections(doc)),
      unit: "ms",
      target: "< 100",
    },
    {
      area,
      name: `sections + findings (preview refresh), ${label}`,
      value: await time(9, () => generateReport(doc)),
      unit: "ms",
      target: "< 250",
    },
    { area, name: `HTML export (no figure), ${label}`, value: await time(9, () => renderReportHtml(g)), unit: "ms" },
    { area, name: `Word export (no figure), ${label}`, value: await time(5, () => renderReportDocx(g)), unit: "ms" },
    {
      area,
      name: `Word export with the 別添1 figure (SVG + PNG), ${label}`,
      value: await time(3, () => renderReportFile(doc, "docx")),
      unit: "ms",
      target: "< 5000",
      note: "includes the figure's SVG rendering (next row) and its PNG fallback",
    },
    {
      area,
      name: `  of which the 別添1 SVG (render/svg), ${label}`,
      value: await time(3, () => renderDiagramSvg(doc, { legend: true })),
      unit: "ms",
    },
  );
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Templates first: the generated model's figure is split into many pages and takes much longer.
  const generated = rulesModel(300, 900);
  const t = largestTemplate();
  if (t) await measure(`template ${t.name}`, t.doc, rows);
  // 東京都: the template whose 別添1 is split into the most pages in Word (A3, 9 pages).
  const tokyo = loadDocumentText(fs.readFileSync(path.join(ROOT, "templates/tokyo-toei-jutaku.nagare.json"), "utf8"));
  if (!tokyo.ok) throw new Error("templates/tokyo-toei-jutaku.nagare.json does not load");
  await measure("template tokyo-toei-jutaku.nagare.json", tokyo.doc, rows);
  await measure("generated model", generated, rows);
  return rows;
}

const isMain = process.argv[1] && /sections\.bench\.ts$/.test(process.argv[1]);
if (isMain) {
  run().then((rows) => {
    for (const r of rows)
      console.log(`${r.name.padEnd(90)} ${r.value.toFixed(1).padStart(9)} ${r.unit} ${r.target ?? ""}`);
  });
}
