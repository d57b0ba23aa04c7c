import { describe, expect, it } from "vitest";
import { parseRecipientTable, recipientTableText } from "../../src/model";

describe("recipient lists pasted from Excel or CSV", () => {
  it("reads tab-separated rows in the column order of the 別紙, without a header", () => {
    const r = parseRecipientTable(
      "A市長\t番号法第19条第8号\t住民票関係情報\t情報提供ネットワークシステム\t照会の都度\nB県知事\t\t住民票関係情報\n",
    );
    expect(r).toEqual({
      ok: true,
      rows: [
        {
          name: "A市長",
          basis: "番号法第19条第8号",
          information: "住民票関係情報",
          method: "情報提供ネットワークシステム",
          timing: "照会の都度",
        },
        { name: "B県知事", information: "住民票関係情報" },
      ],
    });
  });

  it("takes a header row in any order, and quoted CSV cells with commas, quotes and line breaks", () => {
    const r = parseRecipientTable('時期・頻度,提供先\r\n"随時, 月1回",A市長\r\n"""毎年""",B町長\r\n');
    expect(r).toEqual({
      ok: true,
      rows: [
        { name: "A市長", timing: "随時, 月1回" },
        { name: "B町長", timing: '"毎年"' },
      ],
    });
    expect(parseRecipientTable('提供先\n"C村長\n（教育委員会）"')).toEqual({
      ok: true,
      rows: [{ name: "C村長\n（教育委員会）" }],
    });
  });

  it("refuses the whole table with every problem by row and column, in Japanese and English", () => {
    const r = parseRecipientTable(`A市長\tx\ty\tz\tw\textra\n\t根拠だけ\n${"長".repeat(301)}`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [1, 6],
      [2, 1],
      [3, 1],
    ]);
    expect(r.problems[0]?.ja).toMatch(/1行目 6列目：列が多すぎます/);
    expect(r.problems[0]?.en).toMatch(/row 1, column 6: too many columns/);
    expect(r.problems[1]?.ja).toMatch(/2行目 1列目：提供先・移転先が空です/);
    expect(r.problems[2]?.en).toMatch(/too long \(301 characters/);
  });

  it("says so for an unclosed quote or an empty paste", () => {
    expect(parseRecipientTable('A市長\n"B町長')).toMatchObject({ ok: false, problems: [{ row: 2 }] });
    expect(parseRecipientTable(" \n\t\n")).toMatchObject({ ok: false, problems: [{ row: 0 }] });
  });

  it("writes the rows back as a table Excel reads, which reads back the same", () => {
    const rows = [
      { name: "A市長", basis: "番号法第19条第8号" },
      { name: "B町長", timing: "随時" },
    ];
    const text = recipientTableText(rows, "provision");
    expect(text.split("\n")[0]).toBe("提供先\t法令上の根拠\t提供する情報\t提供方法\t時期・頻度");
    expect(parseRecipientTable(text)).toEqual({ ok: true, rows });
  });
});
