import { describe, expect, it } from "vitest";
import type { LegalBasis } from "../../src/model";
import { citeLegalBasesOnDate, type FilledItem, generateSections, readArticle19 } from "../../src/sections";
import { build, f, n } from "./build";

/**
 * 番号法第19条 is cited by content: the 情報提供ネットワークシステム item is 第7号 in a document dated before
 * 2021-09-01 and 第8号 from that day (pia-format.md §4.2); a stored number of the other numbering is corrected
 * and shown as 要確認.
 */

const item19 = (item: number, extra: Partial<LegalBasis> = {}): LegalBasis => ({
  law: "mynumber_act",
  article: "19",
  item,
  ...extra,
});

function walk(items: readonly FilledItem[], out: FilledItem[] = []): FilledItem[] {
  for (const it of items) {
    out.push(it);
    walk(it.children, out);
  }
  return out;
}

/** A document whose 中間サーバー queries the network with the given 第19条 item, published on `date`. */
function networkDoc(date: string, item: number, where: "meta" | "flow") {
  const basis = item19(item, { tableRow: "31" });
  return build({
    meta: {
      publishedOn: date,
      networkLinkage: { performed: "yes", legalBasis: where === "meta" ? [basis] : [] },
    } as never,
    nodes: [
      n("sys", "system_own", "業務システム", { fileIds: ["F"] }),
      n("mid", "system_own", "中間サーバー", { systemRole: "middle_server" }),
      n("ipn", "system_external", "情報提供ネットワークシステム", { systemRole: "info_provision_network" }),
    ],
    flows: [
      f("q", "mid", "ipn", { phase: "network_inquiry", legalBasis: where === "flow" ? [basis] : [] }),
      f("r", "ipn", "mid", { phase: "network_inquiry" }),
      f("s", "mid", "sys"),
    ],
  });
}

const networkBasisItem = (date: string, item: number, where: "meta" | "flow") => {
  const items = walk(generateSections(networkDoc(date, item, where)).items);
  const found = items.find((i) => i.title === "法令上の根拠" && i.id.startsWith("I.") && /第19条/.test(i.value));
  if (!found) throw new Error(`no Ⅰ 情報連携 法令上の根拠 in ${items.map((i) => i.id).join(" ")}`);
  return found;
};

describe("番号法第19条 cited by content", () => {
  it("a network basis written with the number of the document's date is cited as written", () => {
    for (const [date, item] of [
      ["2018-11-13", 7],
      ["2021-08-31", 7],
      ["2021-09-01", 8],
      ["2023-06-30", 8],
    ] as const) {
      const it = networkBasisItem(date, item, "meta");
      expect(it.value).toMatch(new RegExp(`^番号法第19条第${item}号 別表第二の31の項`));
      expect(it.state).toBe("meta");
      expect(it.note).toBeUndefined();
    }
  });

  it("a pre-2021 第7号 in a document dated after 2021-09-01 is cited as 第8号 and marked 要確認", () => {
    for (const date of ["2021-09-01", "2023-06-30"]) {
      const it = networkBasisItem(date, 7, "meta");
      expect(it.value).toMatch(/^番号法第19条第8号/);
      expect(it.state).toBe("suggested");
      expect(it.note?.ja).toContain("第19条第7号は2021年9月1日より前の号番号");
      expect(it.note?.ja).toContain(date);
    }
  });

  it("a post-2021 第8号 in a document dated before 2021-09-01 is cited as 第7号 and marked 要確認", () => {
    const it = networkBasisItem("2021-08-31", 8, "flow");
    // 第8号 before 2021-09-01 is the 条例事務 item, which is also a network item: the number stands.
    expect(it.value).toMatch(/^番号法第19条第8号/);
    const nine = networkBasisItem("2019-04-01", 9, "flow");
    expect(nine.value).toMatch(/^番号法第19条第8号/);
    expect(nine.state).toBe("suggested");
    expect(nine.note?.ja).toContain("第19条第9号は2021年9月1日以後の号番号");
  });

  it("the content is read from the basis itself when the context does not say", () => {
    const byOrdinance = readArticle19(item19(7, { ministerialOrdinance: "第2条の表53の項" }), "2025-01-01", null);
    expect(byOrdinance.basis.item).toBe(8);
    expect(byOrdinance.mismatch).toEqual({ stored: 7, cited: 8, topic: "network" });
    const byWords = readArticle19(
      item19(7, { text: "番号法第19条第7号（情報提供ネットワークシステム）" }),
      "2023-01-01",
      null,
    );
    expect(byWords.basis.item).toBe(8);
  });

  it("a number whose content cannot be told is cited as written", () => {
    // 第7号 in 2023 is the 住民基本台帳法 item; nothing says it was meant for the network.
    const r = citeLegalBasesOnDate([item19(7)], "2023-01-01", null);
    expect(r.value).toBe("番号法第19条第7号");
    expect(r.note).toBeNull();
    // Other articles are never touched.
    expect(
      citeLegalBasesOnDate([{ law: "mynumber_act", article: "9", paragraph: 1 }], "2018-01-01", "network").value,
    ).toBe("番号法第9条第1項");
  });

  it("a provision through the network gets the same correction in Ⅱ5", () => {
    const doc = build({
      kind: "full",
      meta: { publishedOn: "2023-06-30" } as never,
      nodes: [
        n("sys", "system_own", "業務システム", { fileIds: ["F"] }),
        n("mid", "system_own", "中間サーバー", { systemRole: "middle_server" }),
        n("ipn", "system_external", "情報提供ネットワークシステム", { systemRole: "info_provision_network" }),
        n("other", "agency", "他市町村", { owner: { party: "external", name: "他市町村", bodyType: "local" } }),
      ],
      flows: [f("p", "mid", "ipn", { phase: "network_provision" }), f("s", "sys", "mid")],
      provisions: [
        {
          id: "p1",
          kind: "provision",
          recipient: "他市町村長",
          methods: ["info_provision_network"],
          legalBasis: [item19(7, { tableRow: "1" })],
          fileIds: [],
        },
      ] as never,
    });
    const it = walk(generateSections(doc).items).find((i) => i.id.endsWith("prov:p1.1"));
    expect(it?.value).toMatch(/^番号法第19条第8号/);
    expect(it?.state).toBe("suggested");
  });

  it("「第19条第8号 市番号条例…」 is the 条例事務 linkage: 第9号 from 2021-09-01, 要確認", () => {
    const basis = item19(8, { ordinance: "市番号条例第4条", text: "番号法第19条第8号・市番号条例第4条" });
    const r = citeLegalBasesOnDate([basis], "2023-06-30", null);
    expect(r.value).toMatch(/^番号法第19条第9号/);
    expect(r.value).toContain("市番号条例第4条");
    expect(r.note?.ja).toContain("第19条第8号は2021年9月1日より前の号番号です（条例事務の情報連携）");
    // Written with the number of its date, it stands.
    expect(citeLegalBasesOnDate([item19(9, { ordinance: "市番号条例第4条" })], "2023-06-30", null).note).toBeNull();
    expect(citeLegalBasesOnDate([basis], "2019-01-01", null).note).toBeNull();
  });

  it("the 同一地方公共団体 item moves 10 → 11 with its 条例; an inferred pair says so", () => {
    const r = citeLegalBasesOnDate([item19(10, { ordinance: "市個人番号条例第5条" })], "2022-04-01", null);
    expect(r.value).toMatch(/^番号法第19条第11号/);
    expect(r.note?.ja).toContain("同一地方公共団体の他の機関への提供");
    const presets = readArticle19(item19(5), "2022-04-01", null);
    expect(presets.mismatch).toBeNull();
  });

  it("a 第8号 with no 条例 before 2021-09-01 fits two contents: cited as written and 要確認", () => {
    const r = citeLegalBasesOnDate([item19(8)], "2020-04-01", "network");
    expect(r.value).toBe("番号法第19条第8号");
    expect(r.note?.ja).toContain("条例名を記入");
  });

  it("別表第二 rows and 主務省令 rows are never copied into each other: 要確認 with the reason", () => {
    const after = citeLegalBasesOnDate([item19(8, { tableRow: "31" })], "2025-01-01", "network");
    expect(after.value).toBe("番号法第19条第8号に基づく主務省令 第2条の表（旧別表第二の31の項に対応する項）");
    expect(after.note?.ja).toContain("項の番号は対応しません");
    const before = citeLegalBasesOnDate(
      [item19(8, { ministerialOrdinance: "第2条の表53の項" })],
      "2023-01-01",
      "network",
    );
    expect(before.value).toBe("番号法第19条第8号 別表第二（第2条の表53の項に対応する項）");
    expect(before.note?.ja).toContain("2024年5月27日からのもの");
    const both = citeLegalBasesOnDate(
      [item19(8, { tableRow: "31", ministerialOrdinance: "第2条の表53の項" })],
      "2025-01-01",
      "network",
    );
    expect(both).toEqual({ value: "番号法第19条第8号に基づく主務省令 第2条の表53の項", note: null });
  });
});
