import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reportCommand } from "../../src/cli/commands/report";
import { diffModels } from "../../src/derive/model-diff";
import { type NagareDocument, serializeDocument } from "../../src/model";
import { renderReportMarkdown } from "../../src/render/markdown/report";
import { changeSet, findItem, generateReport, japaneseDate } from "../../src/sections";
import { f, n } from "./build";
import { jimu } from "./changes-fixture";

const rowsOf = (before: NagareDocument, after: NagareDocument, kind?: "focused" | "full") =>
  changeSet(before, after, { changedOn: "2025-04-01", ...(kind ? { kind } : {}) }).rows;

describe("変更箇所 generated from two versions", () => {
  it("the same document, or one with its lists and elements reordered, has no change", () => {
    const before = jimu();
    expect(rowsOf(before, jimu())).toEqual([]);
    const reordered = jimu("full", (d) => {
      d.nodes.reverse();
      d.flows.reverse();
      d.delegations.reverse();
      d.provisions.reverse();
      for (const node of d.nodes) node.position = { x: node.position.x + 40, y: node.position.y };
    });
    expect(rowsOf(before, reordered)).toEqual([]);
  });

  it("a 委託先 and a transport: exactly the items that print them, before and after, with 事前/事後 as the 様式 marks them", () => {
    const before = jimu();
    const after = jimu("full", (d) => {
      const flow = d.flows.find((x) => x.id === "a");
      if (flow) flow.transport = "online_application";
      const del = d.delegations[0];
      if (del) del.contractorName = "株式会社B";
    });
    const rows = rowsOf(before, after);
    expect(rows.map((r) => r.item)).toEqual(["(別添1) 事務の内容（図）", "Ⅱ-3-② 入手方法", "Ⅱ-4-委託事項1-⑥ 委託先名"]);
    const [figure, method, contractor] = rows;
    expect(contractor).toMatchObject({ before: "株式会社A", after: "株式会社B", timing: "事後", important: false });
    expect(contractor?.confirm).toBeUndefined();
    // Only the boxes that changed, as published 変更箇所 print a check-box item.
    expect(method).toMatchObject({ before: "☑ 紙　☐ その他", timing: "事後", important: false });
    expect(method?.after).toBe("☐ 紙　☑ その他 (オンライン申請・API（暗号化通信）)");
    // The figure details Ⅰ1② 事務の内容 ※: 事前, but a person confirms whether the 事務 changed.
    expect(figure).toMatchObject({ timing: "事前", important: true });
    expect(figure?.before).toContain("① 申請者 → 窓口職員：手段 紙");
    expect(figure?.after).toContain("① 申請者 → 窓口職員：手段 オンライン申請・API（暗号化通信）");
    expect(figure?.confirm?.ja).toContain("確認");
    expect(rows.every((r) => r.changedOn === "令和7年4月1日")).toBe(true);
  });

  it("a ※ item is 事前 and 要確認 (a formal or risk-reducing change is not a 重要な変更)", () => {
    const before = jimu();
    const after = jimu("full", (d) => {
      const del = d.delegations[0];
      if (del) del.subcontract = true;
    });
    const rows = rowsOf(before, after);
    const sub = rows.find((r) => r.item === "Ⅱ-4-委託事項1-⑦ 再委託の有無");
    expect(sub).toMatchObject({ before: "再委託しない", after: "再委託する", timing: "事前", important: true });
    expect(sub?.timingNote).toBe("重要な変更の対象項目（※）の変更");
    expect(sub?.confirm?.ja).toContain("リスクを明らかに軽減");
  });

  it("a new 委託事項 is one row with its items, the count changes with the ※ of 委託の有無, a removed one says 削除", () => {
    const before = jimu();
    const after = jimu("full", undefined, {
      nodes: [n("c2", "contractor", "株式会社C", { delegationId: "d2" })],
      flows: [
        f("c2f", "sys", "c2", {
          step: "⑤",
          sentence: "保守を委託する。",
          transport: "dedicated_line",
          delegationId: "d2",
        }),
      ],
      delegations: [{ id: "d2", name: "保守業務", contractorName: "株式会社C", content: "システム保守" }],
    });
    const rows = rowsOf(before, after);
    const count = rows.find((r) => r.item === "Ⅱ-4 委託件数");
    expect(count).toMatchObject({ before: "1件", after: "2件", timing: "事前", important: true });
    const added = rows.find((r) => r.item.startsWith("Ⅱ-4-委託事項2"));
    expect(added?.item).toBe("Ⅱ-4-委託事項2（保守業務）");
    expect(added?.before).toBe("－");
    expect(added?.after).toContain("⑥委託先名：株式会社C");
    expect(added?.important).toBe(true);
    const back = rowsOf(after, before).find((r) => r.item.startsWith("Ⅱ-4-委託事項2"));
    expect(back?.after).toBe("削除");
    expect(back?.before).toContain("株式会社C");
  });

  it("Ⅲ is ※ except the 重大事故 question (全項目 Ⅲ7リスク1⑨, 重点 Ⅲ7②)", () => {
    for (const kind of ["full", "focused"] as const) {
      const g = generateReport(jimu(kind));
      const incident = [
        ...JSON.stringify(g.items).matchAll(/"id":"(III\.[^"]*?)","number":"[^"]*","title":"過去3年以内/g),
      ];
      const id = incident[0]?.[1] as string;
      expect(id, kind).toBeTruthy();
      const before = jimu(kind, (d) => {
        d.answers[id] = { value: "発生なし" };
        d.answers[`${id}a`] = { value: "なし" };
        d.answers["III.file:F.3.other"] = { value: "端末の画面ロックを徹底する。" };
      });
      const after = jimu(kind, (d) => {
        d.answers[id] = { value: "発生あり" };
        d.answers[`${id}a`] = { value: "職員が書類を紛失した。" };
        d.answers["III.file:F.3.other"] = { value: "端末の画面ロックと離席時のログオフを徹底する。" };
      });
      const rows = rowsOf(before, after, kind);
      const q = rows.find((r) => r.itemId === id);
      expect(q, kind).toMatchObject({ before: "発生なし", after: "発生あり", timing: "事後", important: false });
      expect(q?.timingNote).toContain("重大事故");
      expect(rows.find((r) => r.itemId === `${id}a`)).toMatchObject({ timing: "事後", important: false });
      expect(
        rows.find((r) => r.itemId === "III.file:F.3.other"),
        kind,
      ).toMatchObject({ timing: "事前", important: true });
    }
  });

  it("the report prints the table where it printed 「－」, with 【要確認】 and the reason", () => {
    const before = jimu();
    const after = jimu("full", (d) => {
      const del = d.delegations[0];
      if (del) del.subcontract = true;
    });
    const changes = changeSet(before, after, { changedOn: "2025-04-01", since: "公表版 2024" });
    const g = generateReport(after, { changes });
    const item = findItem(g.items, "A3.1");
    expect(item?.header).toEqual(["変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明"]);
    expect(item?.state).toBe("suggested");
    const md = renderReportMarkdown(g);
    expect(md).toContain(
      "| 令和7年4月1日 | Ⅱ-4-委託事項1-⑦ 再委託の有無 | 再委託しない | 再委託する | 事前【要確認】 |",
    );
    const plain = findItem(generateReport(after).items, "A3.1");
    expect(plain?.value).toBe("－");
    // Compared and unchanged: 「－」, decided.
    const none = findItem(generateReport(after, { changes: changeSet(after, after) }).items, "A3.1");
    expect(none).toMatchObject({ value: "－", state: "graph" });
  });

  it("dates in the 和暦 of published 評価書", () => {
    expect(japaneseDate("2019-05-01")).toBe("令和元年5月1日");
    expect(japaneseDate("2019-04-30")).toBe("平成31年4月30日");
    expect(japaneseDate("2025-12-04")).toBe("令和7年12月4日");
  });

  it("the model diff tells added, removed, changed and moved elements apart", () => {
    const before = jimu();
    const after = jimu("full", (d) => {
      d.nodes = d.nodes.filter((x) => x.id !== "k");
      d.flows = d.flows.filter((x) => x.id !== "p");
      d.nodes.push({
        ...(jimu("full", undefined, { nodes: [n("new", "department", "税務課")] }).nodes.at(
          -1,
        ) as NagareDocument["nodes"][number]),
      });
      const staff = d.nodes.find((x) => x.id === "staff");
      if (staff) staff.position = { x: 500, y: 500 };
      const flow = d.flows.find((x) => x.id === "a");
      if (flow) flow.transport = "post";
    });
    const diff = diffModels(before, after);
    const by = (id: string) => diff.elements.find((e) => e.id === id);
    expect(by("new")?.change).toBe("added");
    expect(by("k")?.change).toBe("removed");
    expect(by("p")?.change).toBe("removed");
    expect(by("staff")?.change).toBe("moved");
    expect(by("a")).toMatchObject({ change: "changed", fields: ["transport"] });
    expect(by("sys")).toBeUndefined();
  });
});

describe("npm run cli -- report --since", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-since-"));
  const oldFile = path.join(dir, "公表版.nagare.json");
  const newFile = path.join(dir, "new.nagare.json");
  fs.writeFileSync(oldFile, serializeDocument(jimu()));
  fs.writeFileSync(
    newFile,
    serializeDocument(
      jimu("full", (d) => {
        const del = d.delegations[0];
        if (del) del.contractorName = "株式会社B";
      }),
    ),
  );
  const run = async (...args: string[]) => {
    let out = "";
    let err = "";
    const code = await reportCommand.run(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };

  it("writes the 変更箇所 against the older file (in process)", async () => {
    const r = await run(newFile, "--format", "md", "--since", oldFile, "--date", "2025-04-01");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("| 令和7年4月1日 | Ⅱ-4-委託事項1-⑥ 委託先名 | 株式会社A | 株式会社B | 事後 |");
    const json = JSON.parse((await run(newFile, "--format", "json", "--since", oldFile)).out);
    expect(JSON.stringify(json)).toContain("株式会社B");
  });

  it("refuses a bad date, a date without --since and an invalid older file, saying why", async () => {
    expect((await run(newFile, "--format", "md", "--since", oldFile, "--date", "2025/04/01")).err).toContain(
      "YYYY-MM-DD",
    );
    expect((await run(newFile, "--format", "md", "--date", "2025-04-01")).err).toContain("--since");
    const bad = path.join(dir, "bad.nagare.json");
    fs.writeFileSync(bad, "{");
    const r = await run(newFile, "--format", "md", "--since", bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain("bad.nagare.json");
  });

  it("spawned: writes a Word file with the table", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const out = path.join(dir, "changes.docx");
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(root, "src/cli/main.ts"), "report", newFile, "--since", oldFile, "--out", out],
      { cwd: root, encoding: "utf8", timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(5000);
  });
});
