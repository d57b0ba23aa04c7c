import type { ChangeSet } from "./types";

/** The 様式's columns of the 変更箇所 table. */
export const CHANGE_COLUMNS = [
  "変更日",
  "項目",
  "変更前の記載",
  "変更後の記載",
  "提出時期",
  "提出時期に係る説明",
] as const;

/**
 * The 変更箇所 item of the report: 「－」 for a first assessment (要確認: a revision needs its rows); with a
 * previous version, one table row per change, 【要確認】 and the reason in the 説明 where Nagare cannot decide.
 */
export function changesItem(set: ChangeSet | undefined) {
  if (!set)
    return {
      value: "－",
      state: "suggested" as const,
      note: {
        ja: "初回の評価では「－」。再評価・修正では前の版を選ぶと変更箇所を生成します",
        en: "a dash for a first assessment; choose the previous version to generate the rows of a revision",
      },
    };
  const since = set.since ? `「${set.since}」` : "前の版";
  if (!set.rows.length)
    return {
      value: "－",
      state: "graph" as const,
      note: {
        ja: `${since}から記載の変更はありません`,
        en: `no item changed since ${set.since || "the previous version"}`,
      },
    };
  const open = set.rows.filter((r) => r.confirm).length;
  return {
    value: "",
    state: open ? ("suggested" as const) : ("graph" as const),
    header: [...CHANGE_COLUMNS],
    rows: set.rows.map((r) => ({
      cells: [
        r.changedOn,
        r.item,
        r.before,
        r.after,
        r.confirm ? `${r.timing}【要確認】` : r.timing,
        r.confirm ? `${r.timingNote}\n【要確認】${r.confirm.ja}` : r.timingNote,
      ],
    })),
    note: {
      ja: `${since}との比較（${set.rows.length} 件、うち要確認 ${open} 件）`,
      en: `compared with ${set.since || "the previous version"} (${set.rows.length} rows, ${open} to confirm)`,
    },
  };
}
