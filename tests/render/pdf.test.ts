import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CURRENT_SCHEMA_VERSION, circled, documentSchema, FORMAT_ID } from "../../src/model";
import { planDiagramPages, renderDiagramPdf, stepEntries } from "../../src/render/pdf";
import { richFixture } from "./fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-pdf-"));

function inspect(bytes: Uint8Array, name: string) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const text = (first: number, last = first) =>
    execFileSync("pdftotext", ["-f", String(first), "-l", String(last), "-layout", file, "-"], { encoding: "utf8" });
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]), text };
}

describe("renderDiagramPdf", () => {
  const doc = richFixture();

  it("A4 landscape: the figure with its title on its pages (split where 6 pt needs it), the (備考) after it", async () => {
    const pdf = inspect(await renderDiagramPdf(doc, { paper: "a4", orientation: "landscape" }), "a4.pdf");
    expect(pdf.width).toBeCloseTo(841.89, 0);
    expect(pdf.height).toBeCloseTo(595.28, 0);
    const figurePages = planDiagramPages(doc, { paper: "a4", orientation: "landscape" }).plan.tiles.length;
    expect(pdf.pages).toBeGreaterThan(figurePages);
    const first = pdf.text(1, figurePages);
    expect(first).toContain("東京都知事");
    expect(first).toContain("（別添1）事務の内容");
    for (const label of ["都民（申込者）", "入居者データベース", "東京都住宅供給公社", "法務省", "凡例"])
      expect(first).toContain(label);
    expect(first).not.toContain("（備考）");
    const rest = pdf.text(figurePages + 1, pdf.pages);
    expect(rest).toContain("（備考）");
    expect(rest).toContain("申込者は入居申込書に個人番号を記入し、窓口に提出する。");
    expect(rest).toContain("①-2");
    // A multi-hop step is one entry with the whole path.
    expect(rest.replace(/\s+/g, "")).toContain("→NW機器（特定通信）→情報提供ネットワークシステム");
    // Steps in 備考 order: ① before ①-2 before ② … before ⑬.
    const order = ["①", "①-2", "②", "⑤-2", "⑩", "⑬"].map((s) =>
      rest.indexOf(`\n${s}`) >= 0 ? rest.indexOf(`\n${s}`) : rest.indexOf(s),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(first + rest).not.toMatch(/\uFFFD/); // no mojibake
  }, 60_000);

  it("A3 landscape, without the step list, is one page", async () => {
    const pdf = inspect(await renderDiagramPdf(doc, { paper: "a3", orientation: "landscape", steps: false }), "a3.pdf");
    expect(pdf.width).toBeCloseTo(1190.55, 0);
    expect(pdf.height).toBeCloseTo(841.89, 0);
    expect(pdf.pages).toBe(1);
    expect(pdf.text(1)).toContain("マイナポータル");
  }, 60_000);

  it("breaks a long step list over several pages and keeps every entry", async () => {
    const n = 60;
    const long = documentSchema.parse({
      format: FORMAT_ID,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      title: "長い備考",
      meta: { organization: "堺市長", jimuName: "国民年金に関する事務" },
      nodes: Array.from({ length: n + 1 }, (_, i) => ({
        id: `n${i}`,
        kind: "system_own",
        label: `システム${i}`,
        position: { x: (i % 8) * 220, y: Math.floor(i / 8) * 120 },
      })),
      flows: Array.from({ length: n }, (_, i) => ({
        id: `f${i}`,
        source: `n${i}`,
        target: `n${i + 1}`,
        step: circled(i + 1),
        sentence: `手順${i + 1}の説明。${"届出内容を確認し、必要な事項をシステムに登録する。".repeat(1 + (i % 4))}`,
      })),
    });
    expect(stepEntries(long)).toHaveLength(n);
    const pdf = inspect(await renderDiagramPdf(long, { paper: "a4" }), "long.pdf");
    expect(pdf.pages).toBeGreaterThanOrEqual(4);
    const rest = pdf.text(2, pdf.pages);
    expect(rest).toContain("（備考）（続き）");
    for (let i = 1; i <= n; i++) expect(rest).toContain(`手順${i}の説明`);
    expect(rest.indexOf("手順9の説明")).toBeLessThan(rest.indexOf("手順10の説明"));
    expect(pdf.text(pdf.pages)).toMatch(new RegExp(`${pdf.pages}\\s*/\\s*${pdf.pages}`));
  }, 60_000);
});

describe("stepEntries", () => {
  it("orders by step label and merges the hops of one step", () => {
    const entries = stepEntries(richFixture());
    expect(entries.map((e) => e.step).slice(0, 4)).toEqual(["①", "①-2", "②", "③"]);
    const seven = entries.filter((e) => e.step === "⑦");
    expect(seven).toHaveLength(1);
    expect(seven[0]?.route).toBe(
      "都営住宅管理システム（入居者管理・収納管理サブシステム） → NW機器（特定通信） → 情報提供ネットワークシステム",
    );
    expect(seven[0]?.detail).toContain("特定通信");
  });

  it("chains hops given in any order, names fan-outs once and a step inside one place by its name", () => {
    const doc = richFixture();
    const flows = [
      { ...(doc.flows.find((f) => f.id === "f10") as (typeof doc.flows)[number]), step: "X" },
      { ...(doc.flows.find((f) => f.id === "f9") as (typeof doc.flows)[number]), step: "X" },
      { ...(doc.flows.find((f) => f.id === "f5") as (typeof doc.flows)[number]), step: "Y" },
      { ...(doc.flows.find((f) => f.id === "f6") as (typeof doc.flows)[number]), step: "Y" },
      { ...(doc.flows.find((f) => f.id === "f16") as (typeof doc.flows)[number]), step: "Z" },
    ];
    const byStep = new Map(stepEntries(doc, flows).map((e) => [e.step, e.route]));
    expect(byStep.get("X")).toBe(
      "都営住宅管理システム（入居者管理・収納管理サブシステム） → NW機器（特定通信） → 情報提供ネットワークシステム",
    );
    expect(byStep.get("Y")).toBe(
      "都営住宅管理システム（入居者管理・収納管理サブシステム） → 入居者データベース／東京都住宅供給公社",
    );
    expect(byStep.get("Z")).toBe("入居者データベース");
  });
});
