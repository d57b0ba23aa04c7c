import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emptyDocument } from "../../src/model";
import { planDiagramPages, renderDiagramPdf } from "../../src/render/pdf";
import { diagramTitle, renderDiagramSvg } from "../../src/render/svg";
import { BAND, cutAxis, MIN_TEXT_PT, tileLayers, tileSvg } from "../../src/render/svg/pages";
import { paperTabText } from "../../src/shapes";
import { assertWellFormed, templates } from "./helpers";

/**
 * The 別添1 on paper stays legible: text never below 6 pt (a figure too large for that is split across pages
 * with continuation marks, not shrunk) and every text of the figure printed whole — flow labels, node labels,
 * 委託事項 tabs, group titles and the title (wrapped, never cut with 「…」).
 * Checked on the PDFs themselves with poppler's pdftotext.
 */

const all = templates();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-print-"));
const squash = (s: string) => s.replace(/\s+/g, "");

function pdfFile(bytes: Uint8Array, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
const pdftotext = (file: string, first: number, last: number, ...args: string[]) =>
  execFileSync("pdftotext", ["-f", String(first), "-l", String(last), ...args, file, "-"], { encoding: "utf8" });

/** Words with their heights, page by page, from `pdftotext -bbox`. */
function words(file: string, first: number, last: number) {
  const html = pdftotext(file, first, last, "-bbox");
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ h: Number(m[4]) - Number(m[2]), text: m[5] as string }));
}

describe("print legibility", () => {
  it("has the templates to print", () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
  });

  for (const { name, doc } of all) {
    it(`${name}: the A3 PDF prints every flow label, node label, 委託事項 tab and group title whole, at 6 pt or more`, async () => {
      const { plan } = planDiagramPages(doc, { paper: "a3" });
      expect(plan.paper).toBe("a3");
      expect(plan.minTextPt).toBeGreaterThanOrEqual(MIN_TEXT_PT - 1e-9);
      const file = pdfFile(await renderDiagramPdf(doc, { paper: "a3", steps: false }), `${name}-a3.pdf`);
      // Only the figure's pages: the (備考) after them repeats the data carried.
      const text = squash(pdftotext(file, 1, plan.tiles.length, "-raw"));
      const missing: string[] = [];
      for (const f of doc.flows) {
        if (f.step?.trim() && !text.includes(squash(f.step))) missing.push(`${f.id} step ${f.step}`);
        if (f.data?.trim() && !text.includes(squash(f.data))) missing.push(`${f.id} data ${f.data}`);
        const variant = f.variant?.replace(/^【|】$/g, "");
        if (variant && !text.includes(squash(`【${variant}】`))) missing.push(`${f.id} variant ${variant}`);
      }
      const delegations = new Map(doc.delegations.map((d) => [d.id, d.name]));
      for (const n of doc.nodes) {
        if (!text.includes(squash(n.label))) missing.push(`${n.id} label ${n.label}`);
        const tab = paperTabText(n.kind, n.delegationId ? delegations.get(n.delegationId) : undefined);
        if (tab && !text.includes(squash(tab))) missing.push(`${n.id} tab ${tab}`);
      }
      for (const g of doc.groups) if (!text.includes(squash(g.label))) missing.push(`${g.id} title ${g.label}`);
      if (!text.includes(squash(diagramTitle(doc)))) missing.push(`title ${diagramTitle(doc)}`);
      expect(missing).toEqual([]);
    }, 120_000);
  }

  it("the 東京都 figure on A4 is split into pages with continuation marks, no text below 6 pt", async () => {
    const doc = all.find((t) => t.name.startsWith("tokyo"))?.doc;
    expect(doc).toBeDefined();
    if (!doc) return;
    const { plan } = planDiagramPages(doc, { paper: "a4" });
    expect(plan.tiles.length).toBeGreaterThan(1);
    const bytes = await renderDiagramPdf(doc, { paper: "a4", steps: false });
    // Each page is clipped to its part by a clipping path of the PDF, not by a soft mask (slow to make and to view).
    expect(Buffer.from(bytes).toString("latin1")).not.toContain("/SMask");
    const file = pdfFile(bytes, "tokyo-a4.pdf");
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(plan.tiles.length);
    // Heights of word boxes against the 13 pt title line of the same file give each word's size in points.
    const ws = words(file, 1, plan.tiles.length);
    const title = ws.find((w) => w.text.includes("東京都知事"));
    expect(title).toBeDefined();
    const perPt = (title?.h ?? 1) / 13;
    const smallest = Math.min(...ws.map((w) => w.h / perPt));
    expect(smallest).toBeGreaterThanOrEqual(MIN_TEXT_PT - 0.05);
    // Each page names the page it continues on and the one it comes from, and marks the page in the title.
    const text = pdftotext(file, 1, plan.tiles.length, "-raw");
    expect(text).toContain("ページへ続く");
    expect(text).toContain("ページから続く");
    expect(text).toContain(`（図 2/${plan.tiles.length}）`);
    // Nothing of the figure is lost between the pages.
    const flat = squash(text);
    for (const n of doc.nodes) expect(flat).toContain(squash(n.label).slice(0, 6));
  }, 120_000);

  it("automatic paper: a small figure fits one A4 page; the largest template goes to A3, split", () => {
    const small = emptyDocument();
    small.nodes.push({
      id: "a",
      kind: "system_own",
      label: "住民基本台帳システム",
      position: { x: 0, y: 0 },
      functions: [],
      safeguards: [],
      fileIds: [],
    } as unknown as (typeof small.nodes)[number]);
    const one = planDiagramPages(small, {}).plan;
    expect(one.paper).toBe("a4");
    expect(one.tiles).toHaveLength(1);
    const tokyo = all.find((t) => t.name.startsWith("tokyo"))?.doc;
    if (!tokyo) throw new Error("no 東京都 template");
    const big = planDiagramPages(tokyo, {}).plan;
    expect(big.paper).toBe("a3");
    expect(big.tiles.length).toBeGreaterThan(1);
    expect(big.tiles.length).toBeLessThan(planDiagramPages(tokyo, { paper: "a4" }).plan.tiles.length);
  });

  it("cuts never pass through a node or label: each is whole on some page, pages within capacity", () => {
    const solids: [number, number][] = [];
    for (let i = 0; i < 40; i++) solids.push([i * 97, i * 97 + 60 + (i % 5) * 20]);
    const pieces = cutAxis(0, 4000, 700, solids, [1000, 2000, 3000]);
    expect(pieces[0]?.start).toBe(0);
    expect(pieces.at(-1)?.end).toBe(4000);
    for (const p of pieces) expect(p.end - p.start).toBeLessThanOrEqual(700);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]?.start).toBeLessThanOrEqual(pieces[i - 1]?.end ?? 0);
    for (const [a, b] of solids)
      expect(
        pieces.some((p) => p.start <= a && b <= p.end),
        `${a}–${b}`,
      ).toBe(true);
  });

  it("each page of a split figure is a well-formed SVG of its part with the marks", () => {
    const tokyo = all.find((t) => t.name.startsWith("tokyo"))?.doc;
    if (!tokyo) throw new Error("no 東京都 template");
    const { fig, plan } = planDiagramPages(tokyo, { paper: "a4" });
    expect(renderDiagramSvg(tokyo).svg).not.toContain("…」");
    for (let i = 0; i < plan.tiles.length; i++) {
      const t = tileSvg(fig, plan, i);
      assertWellFormed(t.svg);
      expect(t.svg).toContain('data-role="continuation"');
      expect(t.width * plan.scale).toBeLessThanOrEqual(plan.page.width);
    }
  });

  it("the PDF draws a page as its figure part clipped to the tile, then the marks over the bands", () => {
    const tokyo = all.find((t) => t.name.startsWith("tokyo"))?.doc;
    if (!tokyo) throw new Error("no 東京都 template");
    const { fig, plan } = planDiagramPages(tokyo, { paper: "a4" });
    for (let i = 0; i < plan.tiles.length; i++) {
      const one = tileSvg(fig, plan, i);
      const layers = tileLayers(fig, plan, i);
      const head = (svg: string) => svg.match(/^<svg[^>]*>/)?.[0];
      assertWellFormed(layers.figure);
      assertWellFormed(layers.marks);
      expect([layers.width, layers.height]).toEqual([one.width, one.height]);
      expect(head(layers.figure)).toBe(head(one.svg));
      expect(head(layers.marks)).toBe(head(one.svg));
      expect(layers.figure).not.toContain("clip-path");
      expect(layers.figure).not.toContain('data-role="continuation"');
      expect(layers.marks.split('data-role="continuation"')[1]).toBe(one.svg.split('data-role="continuation"')[1]);
      // The clip is the tile, inside the page's bands.
      const t = plan.tiles[i] as (typeof plan.tiles)[number];
      expect([layers.clip.w, layers.clip.h]).toEqual([t.w, t.h]);
      expect([0, BAND]).toContain(layers.clip.x);
      expect([0, BAND]).toContain(layers.clip.y);
      expect(layers.clip.x + layers.clip.w).toBeLessThanOrEqual(layers.width);
      expect(layers.clip.y + layers.clip.h).toBeLessThanOrEqual(layers.height);
    }
    // A figure on one page: the figure itself, nothing to mark.
    const single = { ...plan, tiles: plan.tiles.slice(0, 1), rows: 1, cols: 1 };
    const l = tileLayers(fig, single, 0);
    expect(l.figure).toBe(fig.svg);
    expect(l.marks).toBe("");
    expect(l.clip).toEqual({ x: 0, y: 0, w: fig.width, h: fig.height });
  });

  it("a page of a split figure carries only what it shows, and every node and flow is on some page", () => {
    const tokyo = all.find((t) => t.name.startsWith("tokyo"))?.doc;
    if (!tokyo) throw new Error("no 東京都 template");
    const { fig, plan } = planDiagramPages(tokyo, { paper: "a4" });
    const ids = (svg: string, attr: string) =>
      new Set([...svg.matchAll(new RegExp(`${attr}="([^"]+)"`, "g"))].map((m) => m[1]));
    // Flow labels by their flow, from the labels layer only.
    const labelled = (svg: string) =>
      ids(svg.split('id="flow-labels"')[1]?.split('id="legend"')[0] ?? "", "data-flow-id");
    const whole = {
      nodes: ids(fig.svg, "data-node-id"),
      flows: ids(fig.svg, "data-flow-id"),
      labels: labelled(fig.svg),
      legend: fig.svg.includes('id="legend"'),
    };
    expect(whole.labels.size).toBeGreaterThan(0);
    expect(whole.legend).toBe(true);
    const seen = { nodes: new Set<string>(), flows: new Set<string>(), labels: new Set<string>() };
    let legends = 0;
    for (let i = 0; i < plan.tiles.length; i++) {
      const svg = tileSvg(fig, plan, i).svg;
      const nodes = ids(svg, "data-node-id");
      const flows = ids(svg, "data-flow-id");
      const labels = labelled(svg);
      expect(nodes.size).toBeLessThan(whole.nodes.size);
      expect(labels.size).toBeLessThan(whole.labels.size);
      for (const n of nodes) seen.nodes.add(n as string);
      for (const f of flows) seen.flows.add(f as string);
      for (const l of labels) seen.labels.add(l as string);
      if (/<g id="legend">/.test(svg)) legends++;
    }
    expect(seen.nodes).toEqual(whole.nodes);
    expect(seen.flows).toEqual(whole.flows);
    expect(seen.labels).toEqual(whole.labels);
    // The legend is drawn on the pages it shows on, not on all of them.
    expect(legends).toBeGreaterThan(0);
    expect(legends).toBeLessThan(plan.tiles.length);
  });
});
