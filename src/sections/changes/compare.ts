import type { ModelDiff } from "../../derive/model-diff";
import type { NagareDocument } from "../../model";
import { checkText, valueLines } from "../present";
import type { CheckMark, FilledItem, GeneratedSections } from "../types";
import { type Entry, flatten } from "./entries";
import { figureChanges } from "./figure";
import type { ChangeRow } from "./types";
import { japaneseDate } from "./wareki";

/**
 * Compares two generated 評価書 of the same kind item by item and returns the 変更箇所 rows. Items are matched
 * by their id, which names the element behind a repeated part (委託事項 `del:d1`, 提供先 `prov:p2` …), so a
 * 委託事項 that moves from 3rd to 1st place is the same 委託事項; lists are compared as sets, so reordering alone
 * is no change. 提出時期 follows the ※ marks of 様式3/4; what Nagare cannot decide is 要確認 with the reason.
 */

export interface CompareOptions {
  /** 変更日 (ISO date). */
  changedOn: string;
  /** The drawing's element changes with both models, summarised for 別添1 事務の内容 (全項目). */
  figure?: { diff: ModelDiff; before: NagareDocument; after: NagareDocument };
}

const DASH = "－";
const NEEDS_INPUT = "【要記入】";

const CONFIRM_IMPORTANT = {
  ja: "※の項目の変更は重要な変更として、変更の前に評価を再実施し提出します（事前）。誤字脱字の修正、組織の名称・所在地の変更などの形式的な変更や、リスクを明らかに軽減させる変更であれば重要な変更に当たらず事後の提出となるため、どちらに当たるか確認してください",
  en: "a change of a ※ item is a 重要な変更: the assessment is redone and submitted before the change (事前). Corrections of typos, formal changes (a name or an address) and changes that clearly reduce the risk are not, and are submitted afterwards (事後): confirm which applies",
};
const CONFIRM_SUGGESTED = {
  ja: "変更後の記載は確認待ちの提案です（本文の【要確認】）",
  en: "the new text is a suggestion still to be confirmed (要確認 in the report)",
};
const CONFIRM_MISSING = {
  ja: "変更後の記載が【要記入】のままです",
  en: "the item is still to be filled in (要記入)",
};
const CONFIRM_FIGURE = {
  ja: "別添1 は Ⅰ1②事務の内容（※）の詳細です。図の変更が事務の内容の変更（重要な変更）に当たるか確認してください",
  en: "別添1 details Ⅰ1② 事務の内容 (※): confirm whether the change of the drawing changes the 事務 (a 重要な変更)",
};
const CONFIRM_THRESHOLD = {
  ja: "しきい値判断の結果が変わりました。結果に応じた評価を変更の前に実施する必要があるか確認してください",
  en: "the threshold result changed: confirm whether an assessment of the new level is due before the change",
};

const NOTE_IMPORTANT = "重要な変更の対象項目（※）の変更";
const NOTE_OTHER = "重要な変更の対象項目（※）以外の項目の変更";
const NOTE_FIGURE = "Ⅰ1②事務の内容（※）の詳細（別添1）の変更";
const NOTE_EXEMPT = "重要な変更の対象から除かれる項目（重大事故の発生）の変更";

// ---------------------------------------------------------------- comparison keys

/** Splits a text into its list parts (lines and 、-separated parts), so that a reordered list compares equal. */
const parts = (s: string) =>
  s
    .split(/[\n、，,]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .sort();

const checkKey = (c: CheckMark) => `${c.label}(${parts(c.detail ?? "").join("、")})`;

function rowKey(r: { cells: string[]; sources?: { nodes: string[]; flows: string[] } }): string {
  const src = [...(r.sources?.flows ?? []), ...(r.sources?.nodes ?? [])].sort().join(",");
  return src || (r.cells[0] ?? "");
}
const rowText = (cells: string[]) => cells.filter((c) => c.trim()).join("　");

/** What the printed text of an item amounts to, with list order removed. */
function comparable(it: FilledItem): string {
  switch (it.kind) {
    case "checkbox":
      return (it.checks ?? [])
        .filter((c) => c.checked)
        .map(checkKey)
        .sort()
        .join("\n");
    case "table":
      return (
        (it.rows ?? [])
          .map((r) => `${rowKey(r)}=${parts(rowText(r.cells)).join("、")}`)
          .sort()
          .join("\n") || parts(it.value).join("、")
      );
    default:
      return parts(it.value).join("、");
  }
}

// ---------------------------------------------------------------- printed before / after

function printed(it: FilledItem): string {
  if (it.state === "missing" && !it.value && it.kind !== "checkbox" && it.kind !== "none_box") return "";
  switch (it.kind) {
    case "count":
      return it.value ? `${it.value}件` : "";
    case "single":
    case "sufficiency":
      return it.value;
    case "heading":
      return it.value;
    default:
      return valueLines(it).join("\n");
  }
}

const orDash = (s: string) => s.trim() || DASH;

/** Check-box lists: only the boxes whose mark or parentheses changed, as published 変更箇所 print them. */
function checkDiff(a: FilledItem, b: FilledItem): { before: string; after: string } {
  const labels = [...new Set([...(a.checks ?? []), ...(b.checks ?? [])].map((c) => c.label))];
  const find = (it: FilledItem, l: string): CheckMark =>
    it.checks?.find((c) => c.label === l) ?? { label: l, checked: false };
  const changed = labels.filter((l) => {
    const x = find(a, l);
    const y = find(b, l);
    return x.checked !== y.checked || (x.checked && checkKey(x) !== checkKey(y));
  });
  return {
    before: changed.map((l) => checkText(find(a, l))).join("　"),
    after: changed.map((l) => checkText(find(b, l))).join("　"),
  };
}

/** Tables (別紙 提供先一覧, 別添1 備考): the rows that were removed or changed, and those added or changed. */
function tableDiff(a: FilledItem, b: FilledItem): { before: string; after: string } {
  const map = (it: FilledItem) => new Map((it.rows ?? []).map((r) => [rowKey(r), rowText(r.cells)]));
  const was = map(a);
  const now = map(b);
  const before: string[] = [];
  const after: string[] = [];
  for (const [k, v] of was) {
    const n = now.get(k);
    if (n === undefined || parts(n).join() !== parts(v).join()) before.push(v);
  }
  for (const [k, v] of now) {
    const o = was.get(k);
    if (o === undefined || parts(o).join() !== parts(v).join()) after.push(v);
  }
  if (!a.rows?.length && !b.rows?.length) return { before: a.value, after: b.value };
  return { before: before.join("\n"), after: after.join("\n") };
}

/** A repeated part that appears or disappears: its filled items, one line each (「⑥委託先名：…」). */
function summary(entries: readonly Entry[], root: Entry): string {
  const inside = new Set([root.id]);
  const lines: string[] = [];
  for (const e of entries) {
    if (!e.parent || !inside.has(e.parent)) continue;
    inside.add(e.id);
    if (e.item.kind === "heading") continue;
    const text = e.item.kind === "checkbox" ? checked(e.item) : printed(e.item);
    if (!text.trim()) continue;
    const no = e.item.number ? (e.item.number.split("-").at(-1) ?? "") : "";
    lines.push(`${no}${e.item.title}：${text.replace(/\n/g, " ")}`);
  }
  return lines.join("\n");
}
const checked = (it: FilledItem) =>
  (it.checks ?? [])
    .filter((c) => c.checked)
    .map(checkText)
    .join("　");

// ---------------------------------------------------------------- rows

/** Instances that changed their id but not their name (a derived 委託事項 that was recorded) are one part. */
function aliasInstances(before: Entry[], after: Entry[]): Map<string, string> {
  const alias = new Map<string, string>();
  const afterIds = new Set(after.map((e) => e.id));
  const beforeIds = new Set(before.map((e) => e.id));
  const lonelyAfter = after.filter((e) => e.instance && !beforeIds.has(e.id));
  for (const b of before) {
    if (!b.instance || afterIds.has(b.id)) continue;
    const kind = b.id.slice(b.parent ? b.parent.length + 1 : 0).split(":")[0];
    const twin = lonelyAfter.find(
      (a) =>
        a.parent === b.parent &&
        a.item.title === b.item.title &&
        a.id.slice(a.parent ? a.parent.length + 1 : 0).split(":")[0] === kind &&
        ![...alias.values()].includes(a.id),
    );
    if (twin) alias.set(b.id, twin.id);
  }
  return alias;
}

function renamed(entries: Entry[], alias: Map<string, string>): Entry[] {
  if (!alias.size) return entries;
  const swap = (id: string) => {
    for (const [from, to] of alias) if (id === from || id.startsWith(`${from}.`)) return to + id.slice(from.length);
    return id;
  };
  return entries.map((e) => ({ ...e, id: swap(e.id), parent: e.parent ? swap(e.parent) : null }));
}

function timingOf(e: Entry): Pick<ChangeRow, "timing" | "timingNote" | "important" | "confirm"> {
  if (e.item.id.endsWith(".diagram")) return { timing: "事前", timingNote: NOTE_FIGURE, important: true };
  if (e.important) return { timing: "事前", timingNote: NOTE_IMPORTANT, important: true, confirm: CONFIRM_IMPORTANT };
  return { timing: "事後", timingNote: e.exempt ? NOTE_EXEMPT : NOTE_OTHER, important: false };
}

const joinReasons = (...rs: ({ ja: string; en: string } | undefined)[]) => {
  const list = rs.filter((r): r is { ja: string; en: string } => !!r);
  if (!list.length) return undefined;
  return { ja: list.map((r) => r.ja).join("。"), en: list.map((r) => r.en).join("; ") };
};

export function compareSections(
  before: GeneratedSections,
  after: GeneratedSections,
  opts: CompareOptions,
  fileCount = 1,
): ChangeRow[] {
  const changedOn = japaneseDate(opts.changedOn);
  const b0 = flatten(before, fileCount);
  const a = flatten(after, fileCount);
  const b = renamed(b0, aliasInstances(b0, a));
  const was = new Map(b.map((e) => [e.id, e]));
  const now = new Map(a.map((e) => [e.id, e]));
  const thresholdChanged = before.threshold.code !== after.threshold.code;
  const rows: ChangeRow[] = [];
  const done = new Set<string>();
  const skipSubtree = (entries: readonly Entry[], root: string) => {
    done.add(root);
    for (const e of entries) if (e.parent && done.has(e.parent)) done.add(e.id);
  };

  const push = (e: Entry, beforeText: string, afterText: string, extra?: { ja: string; en: string }) => {
    const t = timingOf(e);
    const confirm = joinReasons(t.confirm, extra);
    rows.push({
      changedOn,
      item: e.label,
      itemId: e.id,
      before: orDash(beforeText),
      after: orDash(afterText),
      ...t,
      ...(confirm ? { confirm } : {}),
    });
  };

  /** Removed parts are listed where they stood: after the last entry before them that still exists. */
  const removedAfter = new Map<string, Entry[]>();
  let anchor = "";
  for (const e of b) {
    if (now.has(e.id)) anchor = e.id;
    else if (e.instance && !(e.parent && !now.has(e.parent))) {
      const list = removedAfter.get(anchor) ?? [];
      list.push(e);
      removedAfter.set(anchor, list);
    }
  }
  const emitRemoved = (key: string) => {
    for (const e of removedAfter.get(key) ?? []) {
      push(e, `${e.label}\n${summary(b, e)}`, "削除");
      skipSubtree(b, e.id);
    }
  };
  emitRemoved("");

  for (const e of a) {
    if (done.has(e.id) || (e.parent && done.has(e.parent))) {
      done.add(e.id);
      emitRemoved(e.id);
      continue;
    }
    const old = was.get(e.id);
    if (!old) {
      if (e.instance) {
        const important = e.important || a.some((x) => x.important && x.id.startsWith(`${e.id}.`));
        push({ ...e, important }, "", `${e.label}\n${summary(a, e)}`);
        skipSubtree(a, e.id);
      }
      emitRemoved(e.id);
      continue;
    }
    if (e.item.id.endsWith(".diagram")) {
      const fig = opts.figure ? figureChanges(opts.figure.diff, opts.figure.before, opts.figure.after) : null;
      if (fig) push({ ...e, important: true }, fig.before, fig.after, CONFIRM_FIGURE);
      emitRemoved(e.id);
      continue;
    }
    if (e.item.kind === "heading" && !e.item.value && !old.item.value) {
      emitRemoved(e.id);
      continue;
    }
    if (comparable(old.item) !== comparable(e.item)) {
      const { before: x, after: y } =
        e.item.kind === "checkbox"
          ? checkDiff(old.item, e.item)
          : e.item.kind === "table"
            ? tableDiff(old.item, e.item)
            : { before: printed(old.item), after: printed(e.item) };
      const reason =
        e.item.title === "しきい値判断結果" && thresholdChanged
          ? CONFIRM_THRESHOLD
          : e.item.state === "missing"
            ? CONFIRM_MISSING
            : e.item.state === "suggested"
              ? CONFIRM_SUGGESTED
              : undefined;
      const shown = e.item.state === "missing" && !y.trim() ? NEEDS_INPUT : y;
      const row = e.item.title === "しきい値判断結果" && thresholdChanged ? { ...e, important: true } : e;
      push(row, x, shown, reason);
    }
    emitRemoved(e.id);
  }
  return rows;
}
