import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { DOCX_FIGURE_AREA } from "../../src/render/docx/figure";
import { planDiagramPages } from "../../src/render/pdf/plan";
import { findCjkFont } from "../../src/render/raster/fonts";
import { hasTextLeft, outlineText } from "../../src/render/raster/outline";
import { MIN_TEXT_PT, pageSize, tileSvg } from "../../src/render/svg/pages";
import { renderReportFile } from "../../src/sections/export-node";
import { templates } from "./helpers";

/**
 * The 別添1 in the Word export is legible: its own landscape section, on A3 when A4 would shrink its text below
 * 6 pt, split into page-sized parts with continuation marks when even A3 would. Checked in the .docx XML.
 */
describe("Word export: the 別添1 figure at a legible size", () => {
  it("the 東京都 template: an A3 landscape section whose images print the text at 6 pt or more", async () => {
    const doc = templates().find((t) => t.name.startsWith("tokyo"))?.doc;
    if (!doc) throw new Error("no 東京都 template");
    const { plan } = planDiagramPages(
      doc,
      { orientation: "landscape", style: "color", legend: true },
      DOCX_FIGURE_AREA,
    );
    expect(plan.orientation).toBe("landscape");
    expect(plan.minTextPt).toBeGreaterThanOrEqual(MIN_TEXT_PT - 1e-9);
    const out = await renderReportFile(doc, "docx");
    const zip = await JSZip.loadAsync(out.body as Uint8Array);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const sizes = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0]);
    // Portrait A4 around one landscape section of the figure's paper.
    const landscape = sizes.filter((s) => s.includes('w:orient="landscape"'));
    expect(landscape).toHaveLength(1);
    const page = pageSize(plan.paper, "landscape");
    expect(landscape[0]).toContain(`w:w="${Math.round(page.width * 20)}"`);
    expect(sizes.filter((s) => s.includes('w:orient="portrait"')).length).toBeGreaterThanOrEqual(2);
    // The figure's images: one per planned page, each within the page's text area, at the plan's scale.
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => ({
      w: Number(m[1]) / 12700,
      h: Number(m[2]) / 12700,
    }));
    expect(extents.length).toBe(plan.tiles.length);
    const area = DOCX_FIGURE_AREA(page);
    for (const e of extents) {
      expect(e.w).toBeLessThanOrEqual(area.width + 1);
      expect(e.h).toBeLessThanOrEqual(area.height + 1);
    }
  }, 120_000);

  it("the fallback image of a split page is the page with its bands painted white, all text outlined", () => {
    const doc = templates().find((t) => t.name.startsWith("tokyo"))?.doc;
    if (!doc) throw new Error("no 東京都 template");
    const { fig, plan } = planDiagramPages(
      doc,
      { orientation: "landscape", style: "color", legend: true },
      DOCX_FIGURE_AREA,
    );
    expect(plan.tiles.length).toBeGreaterThan(1);
    const font = findCjkFont();
    if (!font) throw new Error("no CJK font");
    for (let i = 0; i < plan.tiles.length; i++) {
      const clipped = tileSvg(fig, plan, i).svg;
      const painted = tileSvg(fig, plan, i, { paintBands: true }).svg;
      expect(clipped).toContain("clip-path=");
      expect(painted).not.toContain("clip-path=");
      // Same page size and view, the same marks; only the way the figure is cut differs.
      expect(painted.match(/^<svg[^>]*>/)?.[0]).toBe(clipped.match(/^<svg[^>]*>/)?.[0]);
      expect(painted.split('data-role="continuation"')[1]).toBe(clipped.split('data-role="continuation"')[1]);
      // No text left for the rasteriser's font (loading the CJK font costs more than drawing the page).
      expect(hasTextLeft(clipped)).toBe(true);
      expect(hasTextLeft(outlineText(painted, font))).toBe(false);
    }
  });
});
