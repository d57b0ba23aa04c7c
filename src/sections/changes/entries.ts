import type { FilledItem, GeneratedSections } from "../types";

/**
 * The generated 評価書 flattened into comparable entries: every item with its 項目 label as the 様式 numbers it,
 * whether the 様式 marks it ※ (inherited from the heading that carries the mark) and whether it is a repeated
 * part (委託事項N, 提供先N, システムN, a 特定個人情報ファイル, 別紙N) that can appear or disappear as a whole.
 */

export interface Entry {
  id: string;
  item: FilledItem;
  /** 項目: 「Ⅱ-4-委託事項1-⑥ 委託先名」. */
  label: string;
  important: boolean;
  /** Ⅲ7 重大事故 (「※(7.リスク1⑨を除く。)」): inside a ※ section but not a 重要な変更 item. */
  exempt: boolean;
  instance: boolean;
  parent: string | null;
}

/** Keys that the generator gives a repeated part (see generate.ts `instances`). */
const INSTANCE_KEY = /^(file|sys|del|prov|tr|annex):/;

/** Parts that are not compared: the 変更箇所 itself, the 公表日 (new with every revision), the （参考） figure. */
const isChangesSection = (it: FilledItem) => it.title === "変更箇所";
const SKIPPED_IDS = new Set(["cover.publishedOn"]);
const REFERENCE_SECTION = "R";

/** 委託件数 is printed inside 委託の有無 ※ 「(2) 件」, so it shares its mark. */
const sharesMarkWithSibling = (id: string) => /\.4\.count$/.test(id);

export function flatten(g: GeneratedSections, fileCount: number): Entry[] {
  const out: Entry[] = [];
  const visit = (
    items: readonly FilledItem[],
    parent: FilledItem | null,
    ctx: { marked: boolean; number: string; file: string | null },
  ) => {
    for (const it of items) {
      if (!parent && (isChangesSection(it) || it.id === REFERENCE_SECTION)) continue;
      if (SKIPPED_IDS.has(it.id)) continue;
      const key = parent ? it.id.slice(parent.id.length + 1) : it.id;
      const instance = it.kind === "heading" && INSTANCE_KEY.test(key);
      const file = key.startsWith("file:") ? it.title : ctx.file;
      const marked = ctx.marked || !!it.mark || (sharesMarkWithSibling(it.id) && siblingMarked(parent, "has"));
      const number = it.number || ctx.number;
      const label = itemLabel(it, ctx.number, fileCount > 1 ? file : null);
      const exempt = marked && isIncidentItem(it, parent);
      out.push({
        id: it.id,
        item: it,
        label,
        important: marked && !exempt,
        exempt,
        instance,
        parent: parent?.id ?? null,
      });
      visit(it.children, it, { marked, number, file });
    }
  };
  visit(g.items, null, { marked: false, number: "", file: null });
  return out;
}

/** The 項目 label of every item (「Ⅱ-3-② 入手方法」), as the 変更箇所 and the review record name it. */
export function itemLabels(g: GeneratedSections, fileCount: number): Map<string, string> {
  return new Map(flatten(g, fileCount).map((e) => [e.id, e.label]));
}

function siblingMarked(parent: FilledItem | null, key: string): boolean {
  return !!parent?.children.find((c) => c.id === `${parent.id}.${key}`)?.mark;
}

/**
 * 「Ⅲ … ※(7.リスク1⑨を除く。)」 / 重点 「※(7.②を除く。)」: the 重大事故 question and the lines that belong to it
 * (その内容, 再発防止策の内容: keys that extend the question's key).
 */
function isIncidentItem(it: FilledItem, parent: FilledItem | null): boolean {
  if (!it.id.startsWith("III.") || !parent) return false;
  const question = parent.children.find((c) => c.title.includes("重大事故"));
  if (!question) return false;
  if (question.id === it.id) return true;
  const qKey = question.id.slice(parent.id.length + 1);
  const key = it.id.slice(parent.id.length + 1);
  return new RegExp(`^${qKey}[a-z]+$`).test(key);
}

function itemLabel(it: FilledItem, inherited: string, file: string | null): string {
  const withFile = (n: string) => {
    if (!file || !n) return n;
    const [first, ...rest] = n.split("-");
    return [`${first}（${file}）`, ...rest].join("-");
  };
  if (it.id.startsWith("cover.")) return `表紙 ${it.title}`;
  if (it.kind === "heading" && it.number) {
    // 委託事項3（電子申込システムの保守）: a repeated part is named by its number and its name.
    const named = it.title && !it.number.endsWith(it.title) ? `（${it.title}）` : "";
    return `${withFile(it.number)}${named}`;
  }
  if (it.number) return `${withFile(it.number)} ${it.title}`;
  return `${withFile(inherited)}${inherited ? " " : ""}${it.title}`;
}
