import fs from "node:fs";
import path from "node:path";
import { renderDiagramSvg } from "../../render/svg";
import { evaluateDetailed } from "../../rules";
import type { CliCommand, CliIo } from "../command";
import { loadModelFile } from "../load-file";

const USAGE =
  "diagram FILE --format svg|png|pdf --out PATH [--paper auto|a4|a3] [--orientation auto|landscape|portrait] [--mono] [--no-legend] [--no-steps] [--scale N] [--title] [--findings]";

type Format = "svg" | "png" | "pdf";

interface DiagramArgs {
  file: string;
  format: Format;
  out: string;
  paper: "auto" | "a4" | "a3";
  orientation: "auto" | "landscape" | "portrait";
  mono: boolean;
  legend: boolean;
  steps: boolean;
  title: boolean;
  findings: boolean;
  scale: number;
}

function usageError(io: CliIo, ja: string, en: string): number {
  io.err(`${ja} / ${en}\n使い方 / usage: ${USAGE}\n`);
  return 2;
}

/** Parses the arguments; returns an exit status when they are unusable. */
function parse(args: string[], io: CliIo): DiagramArgs | number {
  const files: string[] = [];
  let format: string | undefined;
  let out: string | undefined;
  let paper = "auto";
  let orientation = "auto";
  let scale = 2;
  const flags = { mono: false, legend: true, steps: true, title: false, findings: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(a);
      return v;
    };
    try {
      if (a === "--format" || a === "-f") format = value();
      else if (a === "--out" || a === "-o") out = value();
      else if (a === "--paper") paper = value();
      else if (a === "--orientation") orientation = value();
      else if (a === "--scale") scale = Number(value());
      else if (a === "--mono") flags.mono = true;
      else if (a === "--no-legend") flags.legend = false;
      else if (a === "--no-steps") flags.steps = false;
      else if (a === "--title") flags.title = true;
      else if (a === "--findings") flags.findings = true;
      else if (a.startsWith("-") && a !== "-") return usageError(io, `不明なオプション: ${a}`, `unknown option: ${a}`);
      else files.push(a);
    } catch {
      return usageError(io, `${a} に値がありません`, `${a} needs a value`);
    }
  }
  if (files.length !== 1) return usageError(io, "ファイルを1つ指定してください", "give exactly one FILE");
  if (!out) return usageError(io, "--out で出力先を指定してください", "--out PATH is required");
  format ??= path.extname(out).slice(1).toLowerCase() || undefined;
  if (format !== "svg" && format !== "png" && format !== "pdf")
    return usageError(
      io,
      `形式は svg・png・pdf のいずれかです（${format ?? "未指定"}）`,
      `format must be svg, png or pdf (got ${format ?? "nothing"})`,
    );
  if (paper !== "auto" && paper !== "a4" && paper !== "a3")
    return usageError(
      io,
      `用紙は auto・a4・a3 のいずれかです（${paper}）`,
      `paper must be auto, a4 or a3 (got ${paper})`,
    );
  if (orientation !== "auto" && orientation !== "landscape" && orientation !== "portrait")
    return usageError(
      io,
      `向きは auto・landscape（横）・portrait（縦）のいずれかです（${orientation}）`,
      `orientation must be auto, landscape or portrait (got ${orientation})`,
    );
  if (!Number.isFinite(scale) || scale <= 0 || scale > 16)
    return usageError(io, "--scale は 0 より大きく 16 以下の数です", "--scale must be a number in (0, 16]");
  return { file: files[0] as string, format, out, paper, orientation, scale, ...flags };
}

export const diagramCommand: CliCommand = {
  name: "diagram",
  summary: {
    ja: "（別添1）の図を SVG・PNG・PDF に書き出す",
    en: "export the 別添1 diagram as SVG, PNG or PDF",
  },
  usage: "diagram FILE --format svg|png|pdf --out PATH",
  run: async (args, io) => {
    const parsed = parse(args, io);
    if (typeof parsed === "number") return parsed;
    const doc = loadModelFile(
      parsed.file,
      io,
      (n) => `${n} 件の問題があるため書き出せません / cannot export: ${n} problem(s)`,
    );
    if (!doc) return 2;
    const style = parsed.mono ? "mono" : "color";
    const findings = parsed.findings ? evaluateDetailed(doc).findings : undefined;
    let bytes: Uint8Array | string;
    if (parsed.format === "svg") {
      bytes = renderDiagramSvg(doc, { style, legend: parsed.legend, title: parsed.title, findings }).svg;
    } else if (parsed.format === "png") {
      const { svg } = renderDiagramSvg(doc, { style, legend: parsed.legend, title: parsed.title, findings });
      // The rasteriser and the PDF writer load only for the command that needs them (faster start-up).
      const { svgToPng } = await import("../../render/raster");
      bytes = await svgToPng(svg, { scale: parsed.scale });
    } else {
      const { renderDiagramPdf } = await import("../../render/pdf");
      bytes = await renderDiagramPdf(doc, {
        paper: parsed.paper,
        orientation: parsed.orientation,
        legend: parsed.legend,
        steps: parsed.steps,
        style,
        findings,
      });
    }
    try {
      if (parsed.out === "-") {
        process.stdout.write(bytes);
      } else {
        fs.writeFileSync(parsed.out, bytes);
        const size = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length;
        io.out(`${parsed.out}: ${parsed.format.toUpperCase()} ${size} バイト / bytes\n`);
      }
    } catch (e) {
      io.err(`${parsed.out}: 書き込めません / cannot write (${e instanceof Error ? e.message : e})\n`);
      return 1;
    }
    return 0;
  },
};
