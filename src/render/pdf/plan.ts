import type { NagareDocument } from "../../model";
import type { Finding } from "../../rules/types";
import { type DiagramStyle, renderDiagramSvg, type Selection } from "../svg";
import { type FigureArea, type Orientation, type PagePlan, type Paper, planPages, tileCapacity } from "../svg/pages";

/** Page frame of the PDF (points): margins and the title line above the figure. */
export const MARGIN = 36;
export const TOP = MARGIN + 24;
export const pdfFigureArea: FigureArea = (page) => ({
  width: page.width - 2 * MARGIN,
  height: page.height - TOP - MARGIN - 10,
});

export interface PlanOptions {
  paper?: Paper | "auto";
  orientation?: Orientation | "auto";
  legend?: boolean;
  style?: DiagramStyle;
  findings?: Finding[];
  selection?: Selection;
}

/** The figure and its page plan: a figure split across pages keeps its legend within one page's width. */
export function planDiagramPages(doc: NagareDocument, opts: PlanOptions, area: FigureArea = pdfFigureArea) {
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
