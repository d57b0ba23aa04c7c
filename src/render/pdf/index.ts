import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import type { NagareDocument } from "../../model";
import type { Finding } from "../../rules/types";
import { findCjkFont, MISSING_FONT_MESSAGE } from "../raster/fonts";
import { buildScene, type DiagramStyle, diagramTitle, type Selection } from "../svg";
import { type Orientation, type Paper, tileLayers } from "../svg/pages";
import { figureTop, MARGIN, planDiagramPages, TITLE_LINE, TITLE_PT, titleLines } from "./plan";
import { type StepEntry, stepEntries } from "./steps";

export { planDiagramPages } from "./plan";
export type { Orientation, Paper };

export interface DiagramPdfOptions {
  /** "auto" (the default): the smallest paper on which the figure is legible whole, else the fewest pages. */
  paper?: Paper | "auto";
  orientation?: Orientation | "auto";
  legend?: boolean;
  /** Append the numbered (備考) step list on the following pages (default true). */
  steps?: boolean;
  style?: DiagramStyle;
  findings?: Finding[];
  selection?: Selection;
}

const FONT = "NotoJP";
const FONT_BOLD = "NotoJP-Bold";

/**
 * The 別添1 as a published 評価書 lays it out: the figure under a title line — on one page where its text stays
 * legible (at least 6 pt), else split across pages with continuation marks — then the (備考) list of numbered
 * steps on the pages that follow. Vector throughout.
 */
export async function renderDiagramPdf(doc: NagareDocument, opts: DiagramPdfOptions = {}): Promise<Uint8Array> {
  const font = findCjkFont();
  if (!font) throw new Error(MISSING_FONT_MESSAGE);
  const { fig, plan } = planDiagramPages(doc, opts);
  const pageW = plan.page.width;
  const pageH = plan.page.height;
  const title = diagramTitle(doc);
  const pdf = new PDFDocument({
    size: [pageW, pageH],
    margin: MARGIN,
    bufferPages: true,
    info: { Title: title, Creator: "Nagare", Producer: "Nagare" },
  });
  // A face of a collection (.ttc) is registered by its PostScript name.
  pdf.registerFont(FONT, font.regular, font.regularFace);
  // Without a bold file the bold text uses the regular face under its own name: pdfkit caches a font by its
  // PostScript name, so a second name for the same face would make it re-read the whole file at every switch.
  const bold = font.bold ? FONT_BOLD : FONT;
  if (font.bold) pdf.registerFont(FONT_BOLD, font.bold, font.boldFace);

  const chunks: Uint8Array[] = [];
  pdf.on("data", (c: Uint8Array) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on("end", () => resolve());
    pdf.on("error", reject);
  });

  // The figure: one page per tile, each under the title line.
  const areaW = pageW - 2 * MARGIN;
  plan.tiles.forEach((_, i) => {
    if (i > 0) pdf.addPage({ size: [pageW, pageH], margin: MARGIN });
    const part = plan.tiles.length > 1 ? `（図 ${i + 1}/${plan.tiles.length}）` : "";
    // The title whole, on as many lines as it takes (room for them was kept when planning the pages).
    pdf.font(bold).fontSize(TITLE_PT).fillColor("#000000");
    const lines = titleLines(`${title}${part}`, pageW);
    lines.forEach((line, l) => {
      pdf.text(line, MARGIN, MARGIN + l * TITLE_LINE, { lineBreak: false });
    });
    const top = figureTop(lines.length);
    const t = tileLayers(fig, plan, i);
    const s = plan.scale;
    const drawW = t.width * s;
    const drawH = t.height * s;
    // A single page is centred; the parts of a split figure start at the left, each at the same scale.
    const x = plan.tiles.length > 1 ? MARGIN : MARGIN + (areaW - drawW) / 2;
    const place = {
      width: drawW,
      height: drawH,
      preserveAspectRatio: "xMinYMin meet",
      fontCallback: (_family: string, isBold: boolean) => (isBold ? bold : FONT),
    };
    // The figure clipped to its tile by the PDF itself (see tileLayers), then the marks in the bands.
    pdf.save();
    pdf.rect(x + t.clip.x * s, top + t.clip.y * s, t.clip.w * s, t.clip.h * s).clip();
    SVGtoPDF(pdf, t.figure, x, top, place);
    pdf.restore();
    if (t.marks) SVGtoPDF(pdf, t.marks, x, top, place);
  });

  if (opts.steps !== false) {
    const scene = buildScene(doc, opts.selection);
    const entries = stepEntries(doc, scene.flows);
    if (entries.length) writeSteps(pdf, entries, pageW, pageH, bold);
  }

  // Page numbers once the page count is known.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would otherwise open a new page.
    pdf.page.margins.bottom = 0;
    pdf.font(FONT).fontSize(8).fillColor("#555555");
    pdf.text(`${i + 1} / ${range.count}`, MARGIN, pageH - MARGIN + 12, {
      width: pageW - 2 * MARGIN,
      align: "right",
      lineBreak: false,
    });
  }
  pdf.end();
  await done;
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The (備考) as a three-column list: step, route (with transport and data), sentence. */
function writeSteps(pdf: PDFKit.PDFDocument, entries: StepEntry[], pageW: number, pageH: number, bold: string): void {
  const colStep = 52;
  const colRoute = Math.min(260, (pageW - 2 * MARGIN) * 0.3);
  const colText = pageW - 2 * MARGIN - colStep - colRoute - 16;
  const bottom = pageH - MARGIN - 8;
  const size = 9.5;
  const gap = 2;

  const newPage = (continued: boolean) => {
    pdf.addPage({ size: [pageW, pageH], margin: MARGIN });
    pdf.font(bold).fontSize(12).fillColor("#000000");
    pdf.text(continued ? "（備考）（続き）" : "（備考）", MARGIN, MARGIN, { lineBreak: false });
    const y = MARGIN + 22;
    pdf.font(bold).fontSize(9).fillColor("#333333");
    pdf.text("番号", MARGIN, y, { width: colStep, lineBreak: false });
    pdf.text("流れ（経路・媒体・情報）", MARGIN + colStep, y, { width: colRoute, lineBreak: false });
    pdf.text("内容", MARGIN + colStep + colRoute + 16, y, { width: colText, lineBreak: false });
    pdf
      .moveTo(MARGIN, y + 14)
      .lineTo(pageW - MARGIN, y + 14)
      .lineWidth(0.6)
      .strokeColor("#000000")
      .stroke();
    return y + 20;
  };

  let y = newPage(false);
  for (const e of entries) {
    pdf.font(FONT).fontSize(size);
    const hStep = pdf.heightOfString(e.step || "—", { width: colStep - 4 });
    const hRoute = pdf.heightOfString(e.route, { width: colRoute });
    pdf.fontSize(size - 1.5);
    const hDetail = e.detail ? pdf.heightOfString(e.detail, { width: colRoute }) : 0;
    pdf.fontSize(size);
    const hText = e.sentence ? pdf.heightOfString(e.sentence, { width: colText }) : 0;
    const rowH = Math.max(hStep, hRoute + hDetail + gap, hText) + 6;
    if (y + rowH > bottom && rowH < bottom - MARGIN - 60) y = newPage(true);
    // A single entry taller than a page flows on with the text's own page breaks.
    pdf.fillColor("#000000").font(bold).fontSize(size);
    pdf.text(e.step || "—", MARGIN, y, { width: colStep - 4 });
    pdf.font(FONT).fontSize(size);
    pdf.text(e.route, MARGIN + colStep, y, { width: colRoute });
    if (e.detail) {
      pdf.fillColor("#444444").fontSize(size - 1.5);
      pdf.text(e.detail, MARGIN + colStep, y + hRoute + gap, { width: colRoute });
      pdf.fillColor("#000000").fontSize(size);
    }
    if (e.sentence) pdf.text(e.sentence, MARGIN + colStep + colRoute + 16, y, { width: colText });
    y = Math.max(y + rowH, pdf.y + 4);
    if (y > bottom) y = newPage(true);
    pdf
      .moveTo(MARGIN, y - 3)
      .lineTo(pageW - MARGIN, y - 3)
      .lineWidth(0.3)
      .strokeColor("#999999")
      .stroke();
  }
}

export { type StepEntry, stepEntries } from "./steps";
