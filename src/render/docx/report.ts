import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import {
  choiceList,
  type FilledItem,
  type GeneratedSections,
  isDiagramItem,
  statusMark,
  valueLines,
} from "../../sections";
import type { DocxFigure } from "./figure";

/**
 * The 評価書 as a Word file in the look of published 評価書: A4, a Mincho font for Japanese, every item in a
 * bordered two-column table (item | entry), check marks as ☑/☐, the 別添1 figure and its numbered (備考) list.
 * Works in Node and in the browser (returns bytes).
 */

export interface DocxReportOptions {
  /** The 別添1 figure: SVG text and/or PNG bytes with the figure's size in SVG units. */
  diagram?: { svg?: string; png?: Uint8Array; width: number; height: number };
  /** The figure planned for print (src/render/docx/figure.ts): pages at a legible scale; used instead of `diagram`. */
  figure?: DocxFigure;
  font?: string;
}

const FONT = "MS 明朝";
const FALLBACK_FONT = "Noto Serif CJK JP";
/** A4 in twentieths of a point, 20 mm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
/** Text widths of a portrait page and of the landscape pages that hold the 事務の内容 figure. */
interface Layout {
  content: number;
  /** Text height of the page (twips). */
  height: number;
  label: number;
  value: number;
}
const layoutFor = (pageWidth: number, pageHeight: number): Layout => {
  const content = pageWidth - 2 * PAGE.margin;
  const label = Math.round(content * 0.36);
  return { content, height: pageHeight - 2 * PAGE.margin, label, value: content - label };
};
const PORTRAIT = layoutFor(PAGE.width, PAGE.height);
const LANDSCAPE = layoutFor(PAGE.height, PAGE.width);
/** A3 in twentieths of a point, for a figure that needs it. */
const A3 = { width: 16838, height: 23811 };
const LANDSCAPE_A3 = layoutFor(A3.height, A3.width);
const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
/** Borders and cell padding are set once per table: per-cell settings multiply the XML (and the time). */
const BORDERS = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };
const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };

const run = (text: string, extra: { bold?: boolean; color?: string; size?: number } = {}) =>
  new TextRun({ text, ...extra });

function valueParagraphs(it: FilledItem): Paragraph[] {
  const paras = valueLines(it).map((l) => new Paragraph({ children: [run(l)] }));
  const mark = statusMark(it);
  if (mark)
    paras.push(
      new Paragraph({
        children: [run(`【${mark}】`, { bold: true, color: it.state === "missing" ? "B00000" : "A06000" })],
      }),
    );
  const choices = choiceList(it);
  if (choices) paras.push(new Paragraph({ children: [run(choices, { size: 16, color: "333333" })] }));
  return paras.length ? paras : [new Paragraph("")];
}

function labelText(it: FilledItem): string {
  const no = it.number ? `${it.number.split("-").at(-1)} ` : "";
  return `${no}${it.title}${it.mark ? " ※" : ""}`;
}

const cell = (children: (Paragraph | Table)[], width: number, opts: { span?: number; shade?: boolean } = {}) =>
  new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.shade ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E6E6E6" } } : {}),
  });

function figureParagraph(d: NonNullable<DocxReportOptions["diagram"]>, L: Layout): Paragraph | null {
  const px = (twips: number) => Math.round((twips / 1440) * 96);
  // Fit the width of the text and the page height left under the heading, the footer and the cell padding.
  const scale = Math.min(1, px(L.content - 300) / d.width, px(L.height - 1800) / d.height);
  const transformation = { width: Math.round(d.width * scale), height: Math.round(d.height * scale) };
  let image: ImageRun;
  if (d.svg && d.png)
    image = new ImageRun({
      type: "svg",
      data: new TextEncoder().encode(d.svg),
      transformation,
      fallback: { type: "png", data: d.png },
    });
  else if (d.png) image = new ImageRun({ type: "png", data: d.png, transformation });
  else return null;
  return new Paragraph({ children: [image], alignment: AlignmentType.CENTER });
}

/** The planned figure: each page an image at the plan's scale, the pages after the first on their own page. */
function figurePages(f: DocxFigure): Paragraph[] {
  const px = (units: number) => Math.round(((units * f.scale) / 72) * 96);
  return f.pages.map(
    (p, i) =>
      new Paragraph({
        pageBreakBefore: i > 0,
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: "svg",
            data: new TextEncoder().encode(p.svg),
            transformation: { width: px(p.width), height: px(p.height) },
            fallback: { type: "png", data: p.png },
          }),
        ],
      }),
  );
}

function tableRows(items: readonly FilledItem[], opts: DocxReportOptions, L: Layout): TableRow[] {
  const out: TableRow[] = [];
  for (const it of items) {
    if (it.kind === "heading") {
      out.push(
        new TableRow({
          children: [
            cell([new Paragraph({ children: [run(labelText(it), { bold: true })] })], L.content, {
              span: 2,
              shade: true,
            }),
          ],
        }),
      );
      out.push(...tableRows(it.children, opts, L));
    } else if (it.kind === "table") {
      if (isDiagramItem(it)) {
        const fig = opts.figure
          ? figurePages(opts.figure)
          : opts.diagram
            ? [figureParagraph(opts.diagram, L)].filter((p) => p !== null)
            : [];
        if (fig.length) out.push(new TableRow({ children: [cell(fig, L.content, { span: 2 })] }));
        continue;
      }
      out.push(
        new TableRow({
          children: [
            cell([new Paragraph({ children: [run(labelText(it), { bold: true })] })], L.content, {
              span: 2,
              shade: true,
            }),
          ],
        }),
      );
      const rows = it.rows ?? [];
      // A list of more than two columns (変更箇所, 別紙 提供先一覧) keeps its columns: a table of its own.
      if (it.header && it.header.length > 2 && rows.length) {
        const status = statusMark(it) ? valueParagraphs({ ...it, kind: "text", value: "", choices: [] }) : [];
        out.push(
          new TableRow({ children: [cell([columnsTable(it.header, rows, L), ...status], L.content, { span: 2 })] }),
        );
        continue;
      }
      // One spanning cell, one paragraph per step with a hanging indent: the step numbers line up and the
      // table keeps its two-column grid.
      const paras = rows.length
        ? rows.map(
            (r) =>
              new Paragraph({
                indent: { left: 851, hanging: 851 },
                spacing: { after: 40 },
                children: [
                  run(
                    `${r.cells[0] ?? ""}\t${r.cells
                      .slice(1)
                      .filter((c) => c.trim())
                      .join("／")
                      .replace(/\n/g, " ")}`,
                  ),
                ],
              }),
          )
        : valueParagraphs(it);
      out.push(new TableRow({ children: [cell(paras, L.content, { span: 2 })] }));
    } else if (it.kind === "none_box") {
      out.push(new TableRow({ children: [cell(valueParagraphs(it), L.content, { span: 2 })] }));
    } else {
      out.push(
        new TableRow({
          children: [
            cell([new Paragraph({ children: [run(labelText(it))] })], L.label),
            cell(valueParagraphs(it), L.value),
          ],
        }),
      );
    }
  }
  return out;
}

/** A table with a header row and one column per field, spread over the text width in equal shares. */
function columnsTable(header: readonly string[], rows: readonly { cells: string[] }[], L: Layout): Table {
  const width = L.content - 2 * CELL_MARGINS.left;
  const col = Math.floor(width / header.length);
  const paras = (text: string, bold = false) =>
    text.split("\n").map((l) => new Paragraph({ children: [run(l, { size: 16, bold })] }));
  const line = (cells: readonly string[], head: boolean) =>
    new TableRow({
      tableHeader: head,
      children: header.map(
        (_, i) =>
          new TableCell({
            children: paras(cells[i] ?? "", head),
            width: { size: col, type: WidthType.DXA },
            ...(head ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "F2F2F2" } } : {}),
          }),
      ),
    });
  return new Table({
    rows: [line(header, true), ...rows.map((r) => line(r.cells, false))],
    width: { size: col * header.length, type: WidthType.DXA },
    columnWidths: header.map(() => col),
    borders: BORDERS,
    margins: CELL_MARGINS,
  });
}

const table = (rows: TableRow[], L: Layout) =>
  new Table({
    rows,
    width: { size: L.content, type: WidthType.DXA },
    columnWidths: [L.label, L.value],
    borders: BORDERS,
    margins: CELL_MARGINS,
  });

function sectionBlocks(it: FilledItem, opts: DocxReportOptions, L: Layout): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [
    new Paragraph({
      children: [run(`${it.number ? `${it.number} ` : ""}${it.title}${it.mark ? " ※" : ""}`, { bold: true, size: 26 })],
      spacing: { before: 240, after: 120 },
    }),
  ];
  let loose: FilledItem[] = [];
  const flush = () => {
    if (loose.length) blocks.push(table(tableRows(loose, opts, L), L));
    loose = [];
  };
  for (const c of it.children) {
    if (c.kind === "heading" && !c.number && c.id.includes("file:")) {
      flush();
      blocks.push(
        new Paragraph({ children: [run(c.title, { bold: true, size: 23 })], spacing: { before: 160, after: 80 } }),
      );
      if (c.children.length) blocks.push(table(tableRows(c.children, opts, L), L));
    } else loose.push(c);
  }
  flush();
  return blocks;
}

const hasFigure = (it: FilledItem) => it.children.some(isDiagramItem);

/** 項目一覧: the top-level parts in order. */
function contents(g: GeneratedSections): Paragraph[] {
  return [
    new Paragraph({ children: [run("項目一覧", { bold: true, size: 24 })], spacing: { before: 360, after: 120 } }),
    ...g.items
      .filter((it) => it.id !== "cover")
      .map(
        (it) =>
          new Paragraph({ children: [run(`${it.number ? `${it.number} ` : ""}${it.title}`)], indent: { left: 400 } }),
      ),
  ];
}

const footer = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["- ", PageNumber.CURRENT, " -"], size: 18 })],
      }),
    ],
  });

/**
 * Word sections: portrait A4 for the items, landscape A4 for the part that holds the 事務の内容 figure (a
 * drawing is wider than tall), then portrait again.
 */
export function buildReportDocument(g: GeneratedSections, opts: DocxReportOptions = {}): Document {
  const font = opts.font ?? FONT;
  type Part = { landscape: boolean; a3?: boolean; children: (Paragraph | Table)[] };
  const parts: Part[] = [
    {
      landscape: false,
      children: [
        new Paragraph({
          children: [run(g.title, { bold: true, size: 32 })],
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
        }),
      ],
    },
  ];
  for (const it of g.items) {
    // The cover comes first, then the 項目一覧 as published 評価書 print it.
    if (it.id === "cover") {
      (parts[0] as Part).children.push(...sectionBlocks(it, opts, PORTRAIT), ...contents(g));
      continue;
    }
    const landscape = !!(opts.diagram || opts.figure) && hasFigure(it);
    let part = parts[parts.length - 1] as Part;
    if (part.landscape !== landscape) parts.push((part = { landscape, children: [] }));
    const a3 = landscape && opts.figure?.paper === "a3";
    part.a3 = a3;
    part.children.push(...sectionBlocks(it, opts, a3 ? LANDSCAPE_A3 : landscape ? LANDSCAPE : PORTRAIT));
  }
  return new Document({
    creator: "Nagare",
    title: g.title,
    styles: {
      default: {
        document: {
          run: { font: { ascii: font, eastAsia: font, hAnsi: font, cs: FALLBACK_FONT }, size: 20 },
        },
      },
    },
    sections: parts.map((p) => ({
      properties: {
        page: {
          size: {
            width: p.a3 ? A3.width : PAGE.width,
            height: p.a3 ? A3.height : PAGE.height,
            ...(p.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}),
          },
          margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
        },
      },
      footers: { default: footer() },
      children: p.children,
    })),
  });
}

/** The .docx bytes. */
export async function renderReportDocx(g: GeneratedSections, opts: DocxReportOptions = {}): Promise<Uint8Array> {
  const buf = await Packer.toArrayBuffer(buildReportDocument(g, opts));
  return new Uint8Array(buf);
}
