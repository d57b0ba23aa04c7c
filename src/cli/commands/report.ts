import fs from "node:fs";
import path from "node:path";
import type { CliCommand, CliIo } from "../command";
import { loadModelFile, loadProfileFile } from "../load-file";

const USAGE =
  "report FILE --format docx|html|md|json [--out PATH] [--kind basic|focused|full] [--profile PROFILE.json] [--since OLD_FILE [--date YYYY-MM-DD]]";

function usageError(io: CliIo, ja: string, en: string): number {
  io.err(`${ja} / ${en}\n使い方 / usage: ${USAGE}\n`);
  return 2;
}

/** `report`: the 評価書 sections generated from a file, as Word, HTML, Markdown or JSON. */
export const reportCommand: CliCommand = {
  name: "report",
  summary: {
    ja: "評価書の各項目を生成し Word・HTML・Markdown・JSON に書き出す",
    en: "generate the 評価書 as Word, HTML, Markdown or JSON",
  },
  usage: USAGE,
  run: async (args, io) => {
    // The Word writer and the rasteriser load only for this command (faster start-up of the others).
    const { isReportFormat, isReportKind, REPORT_FORMATS, renderReportFile } = await import(
      "../../sections/export-node"
    );
    const files: string[] = [];
    let format: string | undefined;
    let out: string | undefined;
    let kind: string | undefined;
    let profileFile: string | undefined;
    let since: string | undefined;
    let date: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (["--format", "-f", "--out", "-o", "--kind", "--profile", "--since", "--date"].includes(a)) {
        const v = args[++i];
        if (v === undefined) return usageError(io, `${a} に値がありません`, `${a} needs a value`);
        if (a === "--format" || a === "-f") format = v;
        else if (a === "--kind") kind = v;
        else if (a === "--profile") profileFile = v;
        else if (a === "--since") since = v;
        else if (a === "--date") date = v;
        else out = v;
      } else if (a.startsWith("-") && a !== "-")
        return usageError(io, `不明なオプション: ${a}`, `unknown option: ${a}`);
      else files.push(a);
    }
    if (files.length !== 1) return usageError(io, "ファイルを1つ指定してください", "give exactly one FILE");
    // A text format without --out goes to stdout, as `report FILE --format md` reads.
    if (!out && format !== undefined && format !== "docx") out = "-";
    if (!out)
      return usageError(
        io,
        "--out で出力先を指定してください（- で標準出力）",
        "--out PATH is required (- for stdout)",
      );
    format ??= out === "-" ? undefined : path.extname(out).slice(1).toLowerCase();
    if (format === "markdown") format = "md";
    if (!format || !isReportFormat(format))
      return usageError(
        io,
        `形式は ${REPORT_FORMATS.join("・")} のいずれかです（${format || "未指定"}）`,
        `format must be one of ${REPORT_FORMATS.join(", ")} (got ${format || "nothing"})`,
      );
    if (kind !== undefined && !isReportKind(kind))
      return usageError(
        io,
        `評価書の種類は basic・focused・full のいずれかです（${kind}）`,
        `kind must be basic, focused or full (got ${kind})`,
      );
    if (date !== undefined && (!since || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))))
      return usageError(
        io,
        since ? `--date は YYYY-MM-DD の日付です（${date}）` : "--date は --since と一緒に指定します",
        since ? `--date must be a date YYYY-MM-DD (got ${date})` : "--date goes with --since",
      );
    const file = files[0] as string;
    const refusal = (n: number) => `${n} 件の問題があるため出力しません / ${n} problem(s), nothing written`;
    const doc = loadModelFile(file, io, refusal);
    if (!doc) return 2;
    const profile = profileFile === undefined ? null : loadProfileFile(profileFile, io);
    if (profileFile !== undefined && !profile) return 2;
    // The 変更箇所 against the earlier file (a saved version downloaded from the versions panel, 公表版 …).
    const old = since ? loadModelFile(since, io, refusal) : null;
    if (since && !old) return 2;
    const result = await renderReportFile(doc, format, {
      ...(kind ? { kind } : {}),
      profile,
      ...(old && since
        ? { since: { doc: old, since: path.basename(since), ...(date ? { changedOn: date } : {}) } }
        : {}),
    });
    if (out === "-") {
      if (typeof result.body !== "string")
        return usageError(io, "Word 形式は標準出力に書けません", "docx cannot be written to stdout");
      io.out(result.body);
      return 0;
    }
    try {
      fs.writeFileSync(out, result.body);
    } catch (e) {
      io.err(`${out}: 書き込めません / cannot write (${e instanceof Error ? e.message : e})\n`);
      return 1;
    }
    io.err(`${out}: 書き出しました / written (${format})\n`);
    return 0;
  },
};
