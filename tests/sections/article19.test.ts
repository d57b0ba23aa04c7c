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
});
