import { type PiiFile, RECORD_ITEM_BANDS, RECORD_ITEM_CATEGORY_GROUPS } from "../model";
import type { FillResult } from "./fill";

/**
 * 別添 特定個人情報ファイル記録項目: each file's full list of record items (`files[].allRecordItems`), printed under
 * the 様式's categories; Ⅱ2④ 記録される項目 (the band) and 主な記録項目 follow from the list when the file does not
 * state them.
 */

/** The list printed for every file: 【file】, then ＜heading＞ and category: the items, in the 様式's order. */
export function recordItemsAppendix(files: readonly PiiFile[]): FillResult {
  const listed = files.filter((f) => f.allRecordItems?.length);
  const blocks: string[] = [];
  for (const f of files) {
    const items = f.allRecordItems ?? [];
    if (items.length) {
      const lines = [`【${f.name}】（${items.length}項目）`];
      let n = 0;
      for (const g of RECORD_ITEM_CATEGORY_GROUPS) {
        const inGroup = g.categories.filter((cat) => items.some((i) => i.category === cat));
        if (!inGroup.length) continue;
        lines.push(`＜${g.heading}＞`);
        for (const cat of inGroup)
          for (const it of items.filter((i) => i.category === cat)) lines.push(`${++n}. ${it.name}（${cat}）`);
      }
      blocks.push(lines.join("\n"));
    } else if (f.mainRecordItems.length)
      blocks.push(`【${f.name}】\n${f.mainRecordItems.map((i) => `・${i}`).join("\n")}`);
  }
  if (!blocks.length) return { value: "", state: "missing" };
  if (listed.length === files.length) return { value: blocks.join("\n"), state: "meta" };
  const without = files.filter((f) => !f.allRecordItems?.length).map((f) => f.name);
  return {
    value: blocks.join("\n"),
    state: "suggested",
    note: {
      ja: `全ての記録項目の一覧がないファイルがあります（${without.join("、")}）。主な記録項目は提案です`,
      en: `some files have no full list of record items (${without.join(", ")}); their main items are a suggestion`,
    },
  };
}

/** Ⅱ2④: the band the file states, else the band of its listed items. */
export function recordItemsBand(file: PiiFile | null | undefined): FillResult {
  if (file?.recordItems) return { value: file.recordItems, state: "meta" };
  const n = file?.allRecordItems?.length ?? 0;
  if (!n) return { value: "", state: "missing" };
  const band =
    n < 10
      ? RECORD_ITEM_BANDS[0]
      : n < 50
        ? RECORD_ITEM_BANDS[1]
        : n < 100
          ? RECORD_ITEM_BANDS[2]
          : RECORD_ITEM_BANDS[3];
  return { value: band, state: "meta" };
}

/** The categories a file's listed items fall under (for 主な記録項目). */
export function recordItemsCategories(file: PiiFile | null | undefined): string[] {
  return [...new Set((file?.allRecordItems ?? []).map((i) => i.category))];
}
