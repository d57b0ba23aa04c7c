import { describe, expect, it } from "vitest";
import { type FilledItem, findItem, generateSections } from "../../src/sections";
import { base, build, f, n } from "./build";

/**
 * The published 重点項目評価書 (大阪市 000, 豊中市 003, 昭島市 004: section Ⅲ) have one risk line under 2. 入手
 * (「リスク：目的外の入手が行われるリスク」) and one under 5. 提供・移転 (「リスク：不正な提供・移転が行われるリスク」);
 * the other 入手 and 提供・移転 risks are written in 「…におけるその他のリスク及びそのリスクに対する措置」, each
 * under its own name (003: 不適切な方法で入手が行われるリスク / 入手した特定個人情報が不正確であるリスク / 入手の際に
 * 特定個人情報が漏えい・紛失するリスク; 004: <不適切な方法で提供・移転が行われるリスク> …).
 */

function item(g: { items: FilledItem[] }, id: string): FilledItem {
  const it = findItem(g.items, id);
  if (!it) throw new Error(`no item ${id}`);
  return it;
}

const focused = () =>
  generateSections(
    build({
      kind: "focused",
      nodes: [
        ...base(),
        n("other", "agency", "他市町村", { owner: { party: "external", name: "他市町村長", bodyType: "local" } }),
      ],
      flows: [
        f("in", "person", "staff", {
          transport: "paper",
          safeguards: [
            { kind: "identity_verification" },
            { kind: "two_person_check", note: "入力内容を二人で確認" },
            { kind: "tracked_mail", note: "簡易書留で受け取る" },
          ],
        }),
        f("out", "sys", "other", {
          phase: "provision",
          transport: "paper",
          safeguards: [{ kind: "address_check", note: "送付先を照合する" }],
        }),
      ],
    }),
  );

describe("重点 Ⅲ as the published 重点 form lays it out", () => {
  it("2. 入手 has one risk line and the other three risks by name in その他のリスク", () => {
    const g = focused();
    const titles = item(g, "III.file:F.2").children.map((c) => c.title);
    expect(titles).toHaveLength(2);
    expect(titles[0]).toBe("リスク：目的外の入手が行われるリスク");
    expect(titles[1]).toMatch(/におけるその他のリスク及びそのリスクに対する措置$/);
    const other = item(g, "III.file:F.2.other").value;
    expect(other).toContain("【リスク】入手した特定個人情報が不正確であるリスク");
    expect(other).toContain("入力内容を二人で確認");
    expect(other).toContain("【リスク】入手の際に特定個人情報が漏えい・紛失するリスク");
    expect(other).toContain("簡易書留で受け取る");
  });

  it("5. 提供・移転 has one risk line and 誤った相手 etc. in その他のリスク", () => {
    const g = focused();
    const titles = item(g, "III.file:F.5").children.map((c) => c.title);
    expect(titles.filter((t) => t.startsWith("リスク"))).toEqual(["リスク：不正な提供・移転が行われるリスク"]);
    const other = titles.find((t) => t.endsWith("におけるその他のリスク及びそのリスクに対する措置"));
    expect(other).toBeDefined();
    const otherItem = item(g, "III.file:F.5").children.find((c) => c.title === other) as FilledItem;
    expect(otherItem.value).toContain(
      "【リスク】誤った情報を提供・移転してしまうリスク、誤った相手に提供・移転してしまうリスク",
    );
    expect(otherItem.value).toContain("送付先を照合する");
  });
});
