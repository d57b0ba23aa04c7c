import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderReportMarkdown } from "../../src/render/markdown/report";
import { generateSections } from "../../src/sections";
import { base, build, f, n } from "./build";

/**
 * Golden files: the whole 評価書 of a small 事務 as Markdown, for each kind (stored as .md.txt so that no
 * formatter rewrites them). A change in wording, order or a
 * box shows up as a diff; rewrite with UPDATE_GOLDEN=1 after checking the diff is intended.
 */
const DIR = path.join(import.meta.dirname, "golden");

function jimu(kind: "basic" | "focused" | "full") {
  return build({
    kind,
    title: "子ども医療費",
    meta: {
      organization: "テスト市長",
      jimuName: "子ども医療費の助成に関する事務",
      publishedOn: "2021-04-01",
      targetPopulation: 120_000,
      handlers500OrMore: false,
      seriousIncidentPastYear: false,
      department: "こども未来部 子ども医療課",
      networkLinkage: {
        performed: "yes",
        legalBasis: [{ law: "mynumber_act", article: "19", item: 7, tableRow: "27" }],
      },
    },
    files: [{ id: "F", name: "子ども医療費ファイル", fileType: "system", subjectCount: "1万人以上10万人未満" }],
    nodes: [
      ...base(),
      n("mid", "system_own", "中間サーバー", { systemRole: "middle_server", safeguards: [{ kind: "operation_log" }] }),
      n("nw", "system_external", "情報提供ネットワークシステム", { systemRole: "info_provision_network" }),
      n("vendor", "contractor", "入力業者", { delegationId: "d1" }),
      n("kokuho", "agency", "国保連合会", {
        owner: { party: "external", bodyType: "other", name: "国民健康保険団体連合会" },
      }),
      n("db", "store", "受給者台帳", {
        safeguards: [{ kind: "locked_storage", note: "施錠できる書庫に保管する" }],
        deletionMethod: "保存期間経過後に溶解処理する",
      }),
    ],
    flows: [
      f("a", "person", "staff", {
        step: "①",
        sentence: "保護者が窓口で申請書を提出する。",
        transport: "counter",
        safeguards: [{ kind: "identity_verification", note: "個人番号カード等で本人確認を行う" }],
      }),
      f("b", "staff", "sys", { step: "②", sentence: "職員が申請内容を入力する。" }),
      f("c", "mid", "nw", { step: "③", sentence: "所得情報を照会する。", phase: "network_inquiry" }),
      f("d", "sys", "vendor", { step: "④", sentence: "入力業務を委託する。", transport: "removable_media" }),
      f("e", "sys", "kokuho", {
        step: "⑤",
        sentence: "受給者情報を提供する。",
        transport: "removable_media",
        data: "受給者情報",
        frequency: "毎月",
      }),
      f("g", "sys", "db", { step: "⑥", sentence: "台帳に記録する。" }),
    ],
    delegations: [{ id: "d1", name: "データ入力業務", contractorName: "株式会社入力", subcontract: false }],
    provisions: [
      {
        id: "p1",
        kind: "provision",
        recipient: "国民健康保険団体連合会",
        recipientNodeId: "kokuho",
        legalBasis: [{ law: "mynumber_act", article: "19", item: 6 }],
        purpose: "医療費の審査支払",
      },
    ],
    answers: { "III.9.1": { value: "十分に行っている", confirmed: true } },
  });
}

describe("golden 評価書", () => {
  for (const kind of ["full", "focused", "basic"] as const) {
    it(kind, () => {
      const md = renderReportMarkdown(generateSections(jimu(kind)));
      const file = path.join(DIR, `small-${kind}.md.txt`);
      // Written only on request: a missing golden file fails instead of being taken from the output under test.
      if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, md);
      if (!fs.existsSync(file)) throw new Error(`${file} is missing: write it with UPDATE_GOLDEN=1 and review it`);
      expect(md).toBe(fs.readFileSync(file, "utf8"));
    });
  }
});
