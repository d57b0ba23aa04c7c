import fs from "node:fs";
import path from "node:path";
import type { CliCommand, CliIo } from "../command";
import { loadModelFile } from "../load-file";

const FORMATS = ["csv", "docx"] as const;
const USAGE = "review FILE --format csv|docx [--out PATH]";

function usageError(io: CliIo, ja: string, en: string): number {
  io.err(`${ja} / ${en}\n使い方 / usage: ${USAGE}\n`);
  return 2;
}

/**
 * `review`: the record of the review, 「第三者点検 指摘事項一覧」 (No., 対象, 指摘, 回答, 状態, 日付), from the
 * file's review threads, as a Word table or CSV (UTF-8 with BOM). CSV without --out goes to stdout.
 * Exit status: 0 written; 1 cannot write; 2 usage error or an invalid file.
 */
export const reviewCommand: CliCommand = {
  name: "review",
  summary: {
    ja: "第三者点検 指摘事項一覧を Word・CSV に書き出す",
    en: "write the review record (指摘事項一覧) as Word or CSV",
  },
  usage: USAGE,
  run: async (args, io) => {
    const files: string[] = [];
    let format: string | undefined;
    let out: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === "--format" || a === "-f" || a === "--out" || a === "-o") {
        const v = args[++i];
        if (v === undefined) return usageError(io, `${a} に値がありません`, `${a} needs a value`);
        if (a === "--format" || a === "-f") format = v;
        else out = v;
      } else if (a.startsWith("-") && a !== "-")
        return usageError(io, `不明なオプション: ${a}`, `unknown option: ${a}`);
      else files.push(a);
    }
    if (files.length !== 1) return usageError(io, "ファイルを1つ指定してください", "give exactly one FILE");
    format ??= out && out !== "-" ? path.extname(out).slice(1).toLowerCase() : undefined;
    if (!format || !(FORMATS as readonly string[]).includes(format))
      return usageError(
        io,
        `形式は csv・docx のいずれかです（${format || "未指定"}）`,
        `format must be csv or docx (got ${format || "nothing"})`,
      );
    if (format === "csv") out ??= "-";
    if (!out) return usageError(io, "--out で出力先を指定してください", "--out PATH is required for docx");
    if (format === "docx" && out === "-")
      return usageError(io, "Word 形式は標準出力に書けません", "docx cannot be written to stdout");
    const doc = loadModelFile(
      files[0] as string,
      io,
      (n) => `${n} 件の問題があるため出力しません / ${n} problem(s), nothing written`,
    );
    if (!doc) return 2;
    let body: string | Uint8Array;
    if (format === "csv") {
      const { reviewCsv } = await import("../../review/csv");
      body = reviewCsv(doc);
    } else {
      // The Word writer loads only for this format (faster start-up of the others).
      const { renderReviewDocx } = await import("../../render/docx/review");
      body = await renderReviewDocx(doc);
    }
    if (out === "-") {
      io.out(body as string);
      return 0;
    }
    try {
      fs.writeFileSync(out, body);
    } catch (e) {
      io.err(`${out}: 書き込めません / cannot write (${e instanceof Error ? e.message : e})\n`);
      return 1;
    }
    const threads = doc.comments?.length ?? 0;
    io.err(`${out}: 書き出しました / written (${format}, 指摘 ${threads} 件 / ${threads} thread(s))\n`);
    return 0;
  },
};
