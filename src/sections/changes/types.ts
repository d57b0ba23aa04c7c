/**
 * The 変更箇所 of a revised 評価書: one row per generated item whose printed text changed between two versions,
 * in the columns of the 様式 (変更日 / 項目 / 変更前の記載 / 変更後の記載 / 提出時期 / 提出時期に係る説明).
 */

export type SubmissionTiming = "事前" | "事後";

export interface ChangeRow {
  /** 変更日 as printed (令和6年4月1日). */
  changedOn: string;
  /** 項目 as the 様式 numbers it: 「Ⅱ-4-委託事項1-⑥ 委託先名」. */
  item: string;
  /** The generated item's id (the key of `answers`); for a whole 委託事項 / 提供先 its heading's id. */
  itemId: string;
  before: string;
  after: string;
  timing: SubmissionTiming;
  /** 提出時期に係る説明 as printed. */
  timingNote: string;
  /** The item is marked ※ in the 様式: a change of it is a 重要な変更 unless a person finds it is not. */
  important: boolean;
  /** Set when Nagare cannot decide the timing on its own: printed as 【要確認】 with this reason. */
  confirm?: { ja: string; en: string };
}

export interface ChangeSet {
  /** What the document is compared against (「公表版 2024」, a file name). */
  since: string;
  /** 変更日 (ISO date). */
  changedOn: string;
  rows: ChangeRow[];
}
