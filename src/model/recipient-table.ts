import { LIMITS } from "./limits";
import type { RecipientRow } from "./schema";

/**
 * Reads a list of 提供先 / 移転先 pasted from Excel (tab-separated) or written as CSV, into the rows behind a
 * provision record. Columns in order: 提供先（移転先）, 法令上の根拠, 提供する情報, 提供方法, 時期・頻度; a first
 * row naming these columns is taken as a header, in any order. All or nothing: every problem is listed with
 * its row and column, in Japanese and English, and no row is taken from a table with a problem.
 */

export const RECIPIENT_COLUMNS = ["name", "basis", "information", "method", "timing"] as const;
type Column = (typeof RECIPIENT_COLUMNS)[number];

const COLUMN_NAMES: Record<Column, { ja: string; en: string; header: RegExp }> = {
  name: {
    ja: "提供先・移転先",
    en: "recipient",
    header: /^(提供先|移転先|提供先・移転先|名称|機関|事務|recipient|name)/i,
  },
  basis: { ja: "法令上の根拠", en: "legal basis", header: /(根拠|basis)/i },
  information: { ja: "提供・移転する情報", en: "information", header: /(情報|information)/i },
  method: { ja: "提供・移転方法", en: "method", header: /(方法|method)/i },
  timing: { ja: "時期・頻度", en: "timing", header: /(時期|頻度|timing)/i },
};

export interface TableProblem {
  /** 1-based row and column of the pasted text (0 when the problem is the whole text). */
  row: number;
  column: number;
  ja: string;
  en: string;
}

export type RecipientTableResult = { ok: true; rows: RecipientRow[] } | { ok: false; problems: TableProblem[] };

/** Splits CSV or TSV text into cells; quoted cells may hold separators, quotes ("") and line breaks. */
export function splitTable(text: string): { cells: string[][]; problem: TableProblem | null } {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const sep = firstLine.includes("\t") ? "\t" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    } else if (ch === sep) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      line++;
    } else cell += ch;
  }
  if (quoted)
    return {
      cells: [],
      problem: {
        row: quoteLine,
        column: 0,
        ja: `${quoteLine}行目：引用符（"）が閉じられていません`,
        en: `row ${quoteLine}: a quote (") is not closed`,
      },
    };
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return { cells: rows, problem: null };
}

function headerColumns(first: readonly string[]): Column[] | null {
  const found: Column[] = [];
  for (const cell of first) {
    const c = cell.trim();
    const col = RECIPIENT_COLUMNS.find((k) => COLUMN_NAMES[k].header.test(c) && !found.includes(k));
    if (!col) return null;
    found.push(col);
  }
  return found.includes("name") ? found : null;
}

export function parseRecipientTable(text: string): RecipientTableResult {
  const { cells, problem } = splitTable(text);
  if (problem) return { ok: false, problems: [problem] };
  const lines = cells.map((r, i) => ({ n: i + 1, r })).filter(({ r }) => r.some((c) => c.trim()));
  if (!lines.length)
    return {
      ok: false,
      problems: [{ row: 0, column: 0, ja: "貼り付けた表に行がありません", en: "the pasted table has no rows" }],
    };
  const header = headerColumns(lines[0]?.r ?? []);
  const columns = header ?? [...RECIPIENT_COLUMNS];
  const data = header ? lines.slice(1) : lines;
  const problems: TableProblem[] = [];
  if (data.length > LIMITS.recipientRows)
    problems.push({
      row: 0,
      column: 0,
      ja: `行が多すぎます（${data.length} 行、最大 ${LIMITS.recipientRows} 行）`,
      en: `too many rows (${data.length}, at most ${LIMITS.recipientRows})`,
    });
  const rows: RecipientRow[] = [];
  for (const { n, r } of data) {
    const out: Partial<Record<Column, string>> = {};
    r.forEach((raw, i) => {
      const value = raw.trim();
      const col = columns[i];
      if (!col) {
        if (value)
          problems.push({
            row: n,
            column: i + 1,
            ja: `${n}行目 ${i + 1}列目：列が多すぎます（最大 ${columns.length} 列：${columns.map((c) => COLUMN_NAMES[c].ja).join("、")}）`,
            en: `row ${n}, column ${i + 1}: too many columns (at most ${columns.length}: ${columns.map((c) => COLUMN_NAMES[c].en).join(", ")})`,
          });
        return;
      }
      if (value.length > LIMITS.labelChars)
        problems.push({
          row: n,
          column: i + 1,
          ja: `${n}行目 ${i + 1}列目（${COLUMN_NAMES[col].ja}）：長すぎます（${value.length} 字、最大 ${LIMITS.labelChars} 字）`,
          en: `row ${n}, column ${i + 1} (${COLUMN_NAMES[col].en}): too long (${value.length} characters, at most ${LIMITS.labelChars})`,
        });
      if (value) out[col] = value;
    });
    if (!out.name) {
      const at = columns.indexOf("name") + 1;
      problems.push({
        row: n,
        column: at,
        ja: `${n}行目 ${at}列目：${COLUMN_NAMES.name.ja}が空です`,
        en: `row ${n}, column ${at}: the ${COLUMN_NAMES.name.en} is empty`,
      });
      continue;
    }
    rows.push({ name: out.name, ...Object.fromEntries(Object.entries(out).filter(([k]) => k !== "name")) });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/** The rows as tab-separated text with a header (to copy back into Excel). */
export function recipientTableText(rows: readonly RecipientRow[], kind: "provision" | "transfer"): string {
  const w = kind === "transfer" ? "移転" : "提供";
  const head = [`${w}先`, "法令上の根拠", `${w}する情報`, `${w}方法`, "時期・頻度"];
  const clean = (s: string | undefined) => (s ?? "").replace(/[\t\r\n]+/g, " ");
  return [head, ...rows.map((r) => RECIPIENT_COLUMNS.map((c) => clean(r[c])))].map((r) => r.join("\t")).join("\n");
}
