import type { NagareDocument } from "../../model";
import { planDiagramPages } from "../pdf/plan";
import { type FigureArea, tileSvg } from "../svg/pages";

/**
 * The 別添1 figure for Word: its own landscape section, on the smallest paper (A4, else A3) on which its text
 * stays at 6 pt or more, split into several pages with continuation marks where even A3 would shrink it more.
 */
export interface DocxFigure {
  paper: "a4" | "a3";
  /** Points per SVG unit. */
  scale: number;
  pages: { svg: string; png: Uint8Array; width: number; height: number }[];
}

/** Word page margin (20 mm) in points, and what the heading, footer and cell padding take. */
const MARGIN_PT = 56.7;
export const DOCX_FIGURE_AREA: FigureArea = (page) => ({
  width: page.width - 2 * MARGIN_PT - 15,
  height: page.height - 2 * MARGIN_PT - 90,
});

export async function docxFigure(
  doc: NagareDocument,
  toPng: (svg: string, width: number) => Promise<Uint8Array>,
): Promise<DocxFigure> {
  const { fig, plan } = planDiagramPages(
    doc,
    { orientation: "landscape", style: "color", legend: true },
    DOCX_FIGURE_AREA,
  );
  const pages: DocxFigure["pages"] = [];
  for (let i = 0; i < plan.tiles.length; i++) {
    const t = tileSvg(fig, plan, i);
    // Word draws the SVG; the PNG is only the fallback for older readers: 120 dpi at the printed size, drawn
    // from the same page with its bands painted over instead of clipped (the same picture, faster to raster).
    const width = Math.min(2000, Math.round(((t.width * plan.scale) / 72) * 120));
    const flat = plan.tiles.length > 1 ? tileSvg(fig, plan, i, { paintBands: true }).svg : t.svg;
    pages.push({ svg: t.svg, png: await toPng(flat, width), width: t.width, height: t.height });
  }
  return { paper: plan.paper, scale: plan.scale, pages };
}
