import { describe, expect, it } from "vitest";
import { pinsOf } from "../../src/app/review/pins";
import type { NagareDocument } from "../../src/model";
import { itemThreadCounts, threadKey } from "../../src/review/list";
import { generateReport, itemLabels } from "../../src/sections";
import { jimu } from "../sections/changes-fixture";

/** What a remark is on, keyed alike for the canvas pins, the 評価書 lines and the panel's filter; the 項目 labels. */
const thread = (
  id: string,
  target: NonNullable<NagareDocument["comments"]>[number]["target"],
  status: "open" | "resolved" = "open",
) => ({ id, target, author: "委員A", at: `2026-12-0${id.length}T00:00:00.000Z`, text: "確認", status, replies: [] });

describe("review targets", () => {
  it("keys an element by its id, a point by its rounded place and a 評価書 item apart from both", () => {
    expect(threadKey({ kind: "flow", id: "a" })).toBe("a");
    expect(threadKey({ kind: "point", x: 10.4, y: 19.6 })).toBe("point:10,20");
    expect(threadKey({ kind: "item", id: "a", label: "Ⅱ-3-②" })).toBe("item:a");
  });

  it("counts the threads of each item, open apart, and gives items no pin on the canvas", () => {
    const doc = jimu();
    doc.comments = [
      thread("c1", { kind: "item", id: "II.file:F.3.2", label: "Ⅱ-3-② 入手方法" }),
      thread("c22", { kind: "item", id: "II.file:F.3.2", label: "Ⅱ-3-② 入手方法" }, "resolved"),
      thread("c333", { kind: "item", id: "III.x", label: "Ⅲ" }, "resolved"),
      thread("c4444", { kind: "flow", id: "a" }),
    ];
    expect([...itemThreadCounts(doc)]).toEqual([
      ["II.file:F.3.2", { total: 2, open: 1 }],
      ["III.x", { total: 1, open: 0 }],
    ]);
    expect(pinsOf(doc).map((p) => p.key)).toEqual(["a"]);
  });

  it("labels items as the 様式 numbers them, with the file's name when a document has several", () => {
    const one = jimu();
    expect(itemLabels(generateReport(one), one.files.length).get("II.file:F.3.2")).toBe("Ⅱ-3-② 入手方法");
    const two = jimu();
    two.files.push({ ...structuredClone(two.files[0]), id: "G", name: "第二ファイル" } as never);
    const labels = itemLabels(generateReport(two), two.files.length);
    expect(labels.get("II.file:F.3.2")).toBe("Ⅱ（テストファイル）-3-② 入手方法");
    expect(labels.get("II.file:G.3.2")).toBe("Ⅱ（第二ファイル）-3-② 入手方法");
  });
});
