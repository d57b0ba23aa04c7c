import type { NagareDocument } from "../model";
import { csvCell } from "../rules/csv";
import { REVIEW_COLUMNS, reviewRows } from "./list";

/**
 * 「第三者点検 指摘事項一覧」 as CSV for Excel: UTF-8 with a BOM, one row per thread, the columns of the record.
 * Cells go through the same formula neutralisation as the findings CSV (a remark may begin with = or -).
 */
export function reviewCsv(doc: NagareDocument, opts: { bom?: boolean } = {}): string {
  const rows = reviewRows(doc).map((r) => [r.no, r.target, r.remark, r.answer, r.status, r.date]);
  const body = [[...REVIEW_COLUMNS], ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");
  return `${opts.bom === false ? "" : "\uFEFF"}${body}\r\n`;
}
