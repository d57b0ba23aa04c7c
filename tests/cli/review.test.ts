import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { type NagareDocument, serializeDocument } from "../../src/model";
import { reviewCsv } from "../../src/review/csv";
import { reviewRows, reviewSummary } from "../../src/review/list";
import { base, build, f } from "../sections/build";

const ROOT = path.resolve(import.meta.dirname, "../..");

const doc: NagareDocument = build({
  meta: { jimuName: "子ども医療費の助成に関する事務" },
  nodes: base(),
  flows: [f("a", "person", "staff", { step: "①", sentence: "申請書を提出する。" })],
  comments: [
    {
      id: "c-2",
      target: { kind: "node", id: "gone" },
      author: "委員B",
      at: "2026-12-02T00:30:00.000Z",
      text: '=HYPERLINK("http://x")',
      status: "not_needed",
      reason: "-削除済みの要素",
      replies: [],
    },
    {
      id: "c-1",
      target: { kind: "flow", id: "a" },
      author: "委員A",
      // 2026-12-01 23:30 in Japan: the record prints the Japanese date.
      at: "2026-12-01T14:30:00.000Z",
      text: "本人確認の方法を書いてください",
      status: "in_progress",
      replies: [
        { id: "r-1", author: "担当課", at: "2026-12-02T01:00:00.000Z", text: "窓口で番号カードを確認,\n記録します" },
      ],
    },
    {
      id: "c-3",
      target: { kind: "item", id: "III.2.risk1", label: "Ⅲ-2 リスク1" },
      author: "委員A",
      at: "2026-12-03T00:00:00.000Z",
      text: "十分か の判断根拠",
      status: "open",
      replies: [],
    },
  ],
});

function memoryIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe("第三者点検 指摘事項一覧", () => {
  it("rows: numbered in the order opened, the target in words, replies as the answer, status with reason, Japan date", () => {
    const rows = reviewRows(doc);
    expect(rows.map((r) => r.threadId)).toEqual(["c-1", "c-2", "c-3"]);
    expect(rows[0]).toMatchObject({
      no: 1,
      target: "流れ ①「申請者 → 窓口職員」",
      remark: "本人確認の方法を書いてください（委員A）",
      answer: "担当課（2026-12-02）: 窓口で番号カードを確認,\n記録します",
      status: "対応中",
      date: "2026-12-01",
    });
    expect(rows[1]?.target).toBe("削除された要素（gone）");
    expect(rows[1]?.status).toBe("対応不要（-削除済みの要素）");
    expect(rows[2]?.target).toBe("評価書 Ⅲ-2 リスク1");
    expect(reviewSummary(doc)).toMatchObject({ total: 3, open: 2 });
  });

  it("CSV: BOM, the record's columns, formulas neutralised like the findings CSV, quoted line breaks", () => {
    const csv = reviewCsv(doc);
    expect(csv.startsWith("\uFEFFNo.,対象,指摘,回答,状態,日付\r\n")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")（委員B）"`);
    expect(csv).toContain(`"担当課（2026-12-02）: 窓口で番号カードを確認,\n記録します"`);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(4);
  });

  it("CLI in-process: csv to stdout, docx to a file listing every thread; bad input exits 2", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-review-"));
    const file = path.join(dir, "doc.nagare.json");
    fs.writeFileSync(file, serializeDocument(doc));
    const csv = memoryIo();
    expect(await runCli(["review", file, "--format", "csv"], csv.io)).toBe(0);
    expect(csv.out.join("")).toBe(reviewCsv(doc));
    const out = path.join(dir, "指摘事項一覧.docx");
    const w = memoryIo();
    expect(await runCli(["review", file, "--format", "docx", "--out", out], w.io)).toBe(0);
    expect(w.err.join("")).toContain("指摘 3 件");
    const xml = (await (await JSZip.loadAsync(fs.readFileSync(out))).file("word/document.xml")?.async("string")) ?? "";
    for (const s of [
      "第三者点検 指摘事項一覧",
      "子ども医療費の助成に関する事務",
      "本人確認の方法を書いてください",
      "記録します",
      "対応不要（-削除済みの要素）",
      'w:orient="landscape"',
    ])
      expect(xml).toContain(s);
    expect(xml).toContain("<w:tblHeader/>");
    const bad = memoryIo();
    expect(await runCli(["review", file, "--format", "pdf"], bad.io)).toBe(2);
    expect(bad.err.join("")).toContain("csv・docx");
    expect(await runCli(["review", file, "--format", "docx"], memoryIo().io)).toBe(2);
    fs.writeFileSync(path.join(dir, "broken.json"), "{");
    expect(await runCli(["review", path.join(dir, "broken.json"), "--format", "csv"], memoryIo().io)).toBe(2);
  });

  it("CLI spawned (smoke): npm run -s cli -- review FILE --format csv --out PATH", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-review-spawn-"));
    const file = path.join(dir, "doc.nagare.json");
    fs.writeFileSync(file, serializeDocument(doc));
    const out = path.join(dir, "list.csv");
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "review", file, "--format", "csv", "--out", out],
      { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toBe(reviewCsv(doc));
  });
});
