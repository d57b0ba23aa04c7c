import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { NagareDocument } from "../../src/model";
import { renderReportMarkdown } from "../../src/render/markdown/report";
import { generateReport } from "../../src/sections";
import { renderReportFile } from "../../src/sections/export-node";
import { base, build, f, n } from "./build";

const NASTY = `<script>alert("x")</script> & 'quotes' "double"`;

function sample(): NagareDocument {
  return build({
    title: "テスト & 事務",
    meta: {
      jimuName: `事務${NASTY}`,
      publishedOn: "2024-06-01",
      targetPopulation: 150_000,
      handlers500OrMore: false,
      seriousIncidentPastYear: false,
    },
    nodes: [
      ...base(),
      n("vendor", "contractor", `業者${NASTY}`),
      n("mid", "system_own", "中間サーバー", { safeguards: [{ kind: "operation_log", note: `ログ${NASTY}` }] }),
    ],
    flows: [
      f("a", "person", "staff", { step: "①", sentence: "申請者が窓口で申請書を提出する。", transport: "counter" }),
      f("b", "staff", "sys", { step: "②", sentence: "職員が業務システムに入力する。", transport: "in_system" }),
      f("c", "sys", "vendor", { step: "③", sentence: `委託先へ${NASTY}を渡す。`, transport: "removable_media" }),
      f("d", "sys", "mid", { step: "④" }),
    ],
  });
}

let docx: Uint8Array;
let xml: string;
let zip: JSZip;

beforeAll(async () => {
  const out = await renderReportFile(sample(), "docx");
  docx = out.body as Uint8Array;
  zip = await JSZip.loadAsync(docx);
  xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
});

const textOf = (x: string) => {
  const parsed = new XMLParser({ ignoreAttributes: true, preserveOrder: true, processEntities: true }).parse(x);
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object")
      for (const [k, c] of Object.entries(v)) {
        if (k === "#text") out.push(String(c));
        else visit(c);
      }
  };
  visit(parsed);
  return out.join("");
};

describe("Word export", () => {
  it("is a zip with a well-formed document.xml", () => {
    expect(docx[0]).toBe(0x50);
    expect(docx[1]).toBe(0x4b);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("is A4 with a Japanese font set for East Asian text", async () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/);
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    expect(styles).toContain('w:eastAsia="MS 明朝"');
  });

  it("contains the headings, the bordered tables and the (備考) step list in order", () => {
    const text = textOf(xml);
    expect(text).toContain("特定個人情報保護評価書（全項目評価書）");
    expect(text).toContain("特定個人情報ファイルの取扱いプロセスにおけるリスク対策");
    expect(xml).toMatch(/<w:tblBorders><w:top w:val="single"/);
    expect(xml).toMatch(/<w:insideH w:val="single"/);
    const i1 = text.indexOf("申請者が窓口で申請書を提出する。");
    const i2 = text.indexOf("職員が業務システムに入力する。");
    expect(i1).toBeGreaterThan(0);
    expect(i2).toBeGreaterThan(i1);
    expect(text).toContain("☐ 委託しない");
    expect(text).toContain("要記入");
  });

  it("puts the 別添1 figure on a landscape A4 section between portrait ones", () => {
    const sizes = [...xml.matchAll(/<w:pgSz [^>]*>/g)].map((m) => m[0]);
    expect(sizes).toEqual([
      '<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>',
      '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>',
      '<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>',
    ]);
  });

  it("embeds the 別添1 figure as SVG with a PNG fallback", () => {
    const media = Object.keys(zip.files).filter((p) => p.startsWith("word/media/"));
    expect(media.some((p) => p.endsWith(".png"))).toBe(true);
    expect(media.some((p) => p.endsWith(".svg"))).toBe(true);
    expect(xml).toContain("<w:drawing>");
  });

  it("writes document text with markup characters as text", () => {
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;");
    expect(textOf(xml)).toContain(`業者${NASTY}`);
  });

  it("converts with LibreOffice and the PDF holds the key headings", () => {
    const soffice = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim();
    // A dependency of the test suite like Chromium (.ci/run installs it): its absence fails, it is not skipped.
    if (!soffice) throw new Error("soffice not found: apt-get install -y libreoffice-writer-nogui (see .ci/run)");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-docx-"));
    const file = path.join(dir, "report.docx");
    fs.writeFileSync(file, docx);
    execFileSync(
      soffice,
      ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, file],
      {
        timeout: 120_000,
        stdio: "ignore",
      },
    );
    const text = execFileSync("pdftotext", [path.join(dir, "report.pdf"), "-"], { encoding: "utf8" });
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain("特定個人情報保護評価書（全項目評価書）");
    expect(flat).toContain("基本情報");
    expect(flat).toContain("特定個人情報ファイルの概要");
    expect(flat).toContain("リスクへの対策は十分か");
    expect(flat).toContain("申請者が窓口で申請書を提出する。");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("HTML export", () => {
  it("is self-contained, scriptless, A4 and escapes document text", async () => {
    const html = (await renderReportFile(sample(), "html")).body as string;
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("@page { size: A4");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)="https?:/);
    expect(html).toContain(
      "業者&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; &quot;double&quot;",
    );
    expect(html).toContain('src="data:image/svg+xml;base64,');
    expect(html).toContain("@page wide { size: A4 landscape");
    expect(html).toContain('<section class="wide"><h2>(別添1) 事務の内容</h2>');
    expect(html).toContain('<span class="need">要記入</span>');
  });
});

describe("Markdown and JSON exports", () => {
  it("Markdown escapes markup and keeps the structure", () => {
    const md = renderReportMarkdown(generateReport(sample()));
    expect(md).toContain("# 特定個人情報保護評価書（全項目評価書）");
    expect(md).toContain("## Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策");
    expect(md).not.toContain("<script>");
    expect(md).toContain("\\<script\\>");
    expect(md).toContain("| ① | 申請者が窓口で申請書を提出する。 |");
  });

  it("JSON is the filled structure", async () => {
    const json = JSON.parse((await renderReportFile(sample(), "json")).body as string);
    expect(json.format).toBe("nagare-report");
    expect(json.kind).toBe("full");
    expect(json.threshold.code).toBe(1);
    expect(json.items[0].id).toBe("cover");
    expect(json.stats.items).toBeGreaterThan(150);
  });
});

describe("Word page furniture", () => {
  it("numbers the pages in the footer", async () => {
    const footers = Object.keys(zip.files).filter((p) => /^word\/footer\d*\.xml$/.test(p));
    expect(footers.length).toBeGreaterThan(0);
    const footer = (await zip.file(footers[0] as string)?.async("string")) ?? "";
    expect(footer).toContain("PAGE");
  });
});

describe("Word with control characters in the model", () => {
  it("stays well-formed XML 1.0 (control characters never reach document.xml)", async () => {
    const { renderReportDocx } = await import("../../src/render/docx/report");
    const { generateSections } = await import("../../src/sections");
    const d = build({ meta: { jimuName: "事務\u0007\u001b名" }, files: [{ id: "F", name: "ファイル\u0001名" }] });
    const z = await JSZip.loadAsync(await renderReportDocx(generateSections(d)));
    const x = (await z.file("word/document.xml")?.async("string")) ?? "";
    expect(XMLValidator.validate(x)).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
    expect(x).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(x).toContain("事務名");
  });
});

describe("項目一覧", () => {
  it("follows the cover in Word and HTML, listing the parts in order", async () => {
    const text = textOf(xml);
    const at = text.indexOf("項目一覧");
    expect(at).toBeGreaterThan(text.indexOf("評価実施機関名"));
    const order = ["Ⅰ 基本情報", "(別添1) 事務の内容", "Ⅱ 特定個人情報ファイルの概要", "Ⅵ 評価実施手続"].map((s) =>
      text.indexOf(s, at),
    );
    expect(order.every((i, k) => i > at && (k === 0 || i > (order[k - 1] as number)))).toBe(true);
    const html = (await renderReportFile(sample(), "html")).body as string;
    expect(html).toContain("<h2>項目一覧</h2><ul><li>Ⅰ 基本情報</li><li>(別添1) 事務の内容</li>");
  });
});
