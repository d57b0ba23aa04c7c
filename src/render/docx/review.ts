import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
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
import type { NagareDocument } from "../../model";
import { COMMENT_STATUS_LABELS, REVIEW_COLUMNS, recordDate, reviewRows, reviewSummary } from "../../review/list";

/**
 * 「第三者点検 指摘事項一覧」 as a Word file: A4 landscape, the document's name and the counts per status,
 * then one table row per thread (No., 対象, 指摘, 回答, 状態, 日付). Works in Node and in the browser.
 */

const FONT = "MS 明朝";
const FALLBACK_FONT = "Noto Serif CJK JP";
/** A4 in twentieths of a point, 15 mm margins; the table spans the landscape text width. */
const PAGE = { width: 11906, height: 16838, margin: 850 };
const CONTENT = PAGE.height - 2 * PAGE.margin;
/** Column shares of the text width: No., 対象, 指摘, 回答, 状態, 日付. */
const SHARES = [0.05, 0.17, 0.3, 0.3, 0.1, 0.08];
const WIDTHS = SHARES.map((s) => Math.round(CONTENT * s));
const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

const run = (text: string, extra: { bold?: boolean; size?: number } = {}) => new TextRun({ text, ...extra });
/** Line breaks in a cell become paragraphs (Word ignores "\n" inside a run). */
const paragraphs = (text: string, bold = false) =>
  (text ? text.split("\n") : [""]).map((l) => new Paragraph({ children: [run(l, { bold })] }));

const cell = (text: string, i: number, header = false) =>
  new TableCell({
    children: paragraphs(text, header),
    width: { size: WIDTHS[i] as number, type: WidthType.DXA },
    ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E6E6E6" } } : {}),
  });

export interface ReviewDocxOptions {
  /** When the record was made (default: now). */
  at?: Date;
  font?: string;
}

export function buildReviewDocument(doc: NagareDocument, opts: ReviewDocxOptions = {}): Document {
  const font = opts.font ?? FONT;
  const rows = reviewRows(doc);
  const summary = reviewSummary(doc);
  const name = doc.meta.jimuName || doc.title || "（事務の名称なし）";
  const counts = (Object.keys(COMMENT_STATUS_LABELS) as (keyof typeof COMMENT_STATUS_LABELS)[])
    .map((s) => `${COMMENT_STATUS_LABELS[s].ja} ${summary.byStatus[s]}`)
    .join("　");
  const header = new TableRow({ tableHeader: true, children: REVIEW_COLUMNS.map((c, i) => cell(c, i, true)) });
  const body = rows.map(
    (r) =>
      new TableRow({
        cantSplit: false,
        children: [String(r.no), r.target, r.remark, r.answer, r.status, r.date].map((v, i) => cell(v, i)),
      }),
  );
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [run("第三者点検 指摘事項一覧", { bold: true, size: 32 })],
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
    }),
    new Paragraph({ children: [run(`事務の名称: ${name}`)] }),
    ...(doc.meta.organization ? [new Paragraph({ children: [run(`評価実施機関: ${doc.meta.organization}`)] })] : []),
    new Paragraph({ children: [run(`作成日: ${recordDate((opts.at ?? new Date()).toISOString())}`)] }),
    new Paragraph({
      children: [run(`指摘 ${summary.total} 件（${counts}）`)],
      spacing: { after: 200 },
    }),
    rows.length
      ? new Table({
          rows: [header, ...body],
          width: { size: CONTENT, type: WidthType.DXA },
          columnWidths: WIDTHS,
          borders: BORDERS,
          margins: { top: 40, bottom: 40, left: 80, right: 80 },
        })
      : new Paragraph({ children: [run("指摘はありません。")] }),
  ];
  return new Document({
    creator: "Nagare",
    title: `第三者点検 指摘事項一覧 ${name}`,
    styles: {
      default: {
        document: { run: { font: { ascii: font, eastAsia: font, hAnsi: font, cs: FALLBACK_FONT }, size: 18 } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["- ", PageNumber.CURRENT, " -"], size: 16 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/** The .docx bytes. */
export async function renderReviewDocx(doc: NagareDocument, opts: ReviewDocxOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(buildReviewDocument(doc, opts)));
}
