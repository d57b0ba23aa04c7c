import type { NagareDocument } from "../../model";
import type { Finding } from "../../rules/types";
import { wrapTitle } from "../../shapes";
import { type DiagramStyle, diagramTitle, renderDiagramSvg, type Selection } from "../svg";
import { type FigureArea, type Orientation, type PagePlan, type Paper, planPages, tileCapacity } from "../svg/pages";

/** Page frame of the PDF (points): margins and the title above the figure (13 pt, as many lines as it takes). */
export const MARGIN = 36;
export const TITLE_PT = 13;
export const TITLE_LINE = 18;
/** The longest page mark a title can carry, so that room for it is kept before the pages are counted. */
const PART_ROOM = "（図 00/00）";

/** The title's lines on a page: the whole title, wrapped to the width between the margins. */
export function titleLines(title: string, pageWidth: number): string[] {
  return wrapTitle(title, pageWidth - 2 * MARGIN, TITLE_PT);
}

/** Where the figure starts under a title of `lines` lines. */
export function figureTop(lines: number): number {
  return MARGIN + 24 + Math.max(0, lines - 1) * TITLE_LINE;
}

/** The area left for the figure on a page under the given title. */
export function pdfFigureArea(title: string): FigureArea {
  return (page) => ({
    width: page.width - 2 * MARGIN,
    height: page.height - figureTop(titleLines(`${title}${PART_ROOM}`, page.width).length) - MARGIN - 10,
  });
}

export interface PlanOptions {
  paper?: Paper | "auto";
  orientation?: Orientation | "auto";
  legend?: boolean;
  style?: DiagramStyle;
  findings?: Finding[];
  selection?: Selection;
}

/** The figure and its page plan: a figure split across pages keeps its legend within one page's width. */
export function planDiagramPages(
  doc: NagareDocument,
  opts: PlanOptions,
  area: FigureArea = pdfFigureArea(diagramTitle(doc)),
) {
  const svgOpts = {
    style: opts.style ?? "mono",
    legend: opts.legend,
    findings: opts.findings,
    selection: opts.selection,
  };
  const req = { paper: opts.paper ?? "auto", orientation: opts.orientation ?? "auto" };
  let fig = renderDiagramSvg(doc, svgOpts);
  let plan: PagePlan = planPages(fig, req, area);
  if (plan.tiles.length > 1 && opts.legend !== false) {
    const cap = tileCapacity(area(plan.page), fig.layout.minFont);
    fig = renderDiagramSvg(doc, { ...svgOpts, legendMaxWidth: cap.w });
    plan = planPages(fig, { paper: plan.paper, orientation: plan.orientation }, area);
  }
  return { fig, plan };
}
