import type { CommentStatus, CommentTarget, CommentThread, NagareDocument } from "../model";

/**
 * The review (第三者点検) as data: what each thread is about, in words, and the rows of the
 * 「第三者点検 指摘事項一覧」. Shared by the comments panel, the Word and CSV exports and the CLI.
 */

export const COMMENT_STATUS_LABELS: Record<CommentStatus, { ja: string; en: string }> = {
  open: { ja: "未対応", en: "Open" },
  in_progress: { ja: "対応中", en: "In progress" },
  resolved: { ja: "対応済み", en: "Resolved" },
  not_needed: { ja: "対応不要", en: "Not needed" },
};

/** Where a thread belongs: the drawing (別添1), section Ⅱ or Ⅲ of the 評価書, or another item. */
export type ReviewSection = "diagram" | "II" | "III" | "other";
export const REVIEW_SECTIONS: readonly ReviewSection[] = ["diagram", "II", "III", "other"];
export const REVIEW_SECTION_LABELS: Record<ReviewSection, { ja: string; en: string }> = {
  diagram: { ja: "図（別添1）", en: "Diagram (別添1)" },
  II: { ja: "Ⅱ ファイルの概要", en: "Ⅱ File overview" },
  III: { ja: "Ⅲ リスク対策", en: "Ⅲ Risk measures" },
  other: { ja: "その他の項目", en: "Other items" },
};

export function sectionOf(target: CommentTarget): ReviewSection {
  if (target.kind !== "item") return "diagram";
  if (/^III(\.|$)/.test(target.id)) return "III";
  if (/^II(\.|$)/.test(target.id)) return "II";
  return "other";
}

export function isOpenStatus(status: CommentStatus): boolean {
  return status === "open" || status === "in_progress";
}

export interface TargetText {
  ja: string;
  en: string;
  /** The element was deleted after the remark was made. */
  gone: boolean;
}

/** The thread's subject in words, as the record prints it: 流れ ②「受付端末 → 住民記録システム」. */
export function describeTarget(doc: NagareDocument, target: CommentTarget): TargetText {
  const nodeLabel = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  switch (target.kind) {
    case "node": {
      const n = doc.nodes.find((x) => x.id === target.id);
      return n ? { ja: `要素「${n.label}」`, en: `Element “${n.label}”`, gone: false } : gone(target.id);
    }
    case "group": {
      const g = doc.groups.find((x) => x.id === target.id);
      if (!g) return gone(target.id);
      return g.type === "lane"
        ? { ja: `レーン「${g.label}」`, en: `Lane “${g.label}”`, gone: false }
        : { ja: `境界「${g.label}」`, en: `Boundary “${g.label}”`, gone: false };
    }
    case "flow": {
      const f = doc.flows.find((x) => x.id === target.id);
      if (!f) return gone(target.id);
      const ends = `${nodeLabel(f.source)} → ${nodeLabel(f.target)}`;
      const step = f.step ? ` ${f.step}` : "";
      return { ja: `流れ${step}「${ends}」`, en: `Flow${step} “${ends}”`, gone: false };
    }
    case "item": {
      const label = target.label || target.id;
      return { ja: `評価書 ${label}`, en: `評価書 item ${label}`, gone: false };
    }
    case "point": {
      const at = `(${Math.round(target.x)}, ${Math.round(target.y)})`;
      return { ja: `図の位置 ${at}`, en: `Point ${at} of the diagram`, gone: false };
    }
  }
}

function gone(id: string): TargetText {
  return { ja: `削除された要素（${id}）`, en: `Deleted element (${id})`, gone: true };
}

/** The element ids a thread points at on the canvas (none for items and points). */
export function targetElementId(target: CommentTarget): string | null {
  return target.kind === "node" || target.kind === "flow" || target.kind === "group" ? target.id : null;
}

/**
 * What a thread is on, as one key: the element's id, `point:x,y` for a point of the canvas, `item:<id>` for a
 * 評価書 item (the pins, the 評価書 panel's markers and the comments panel's filter share it).
 */
export function threadKey(target: CommentTarget): string {
  if (target.kind === "point") return `point:${Math.round(target.x)},${Math.round(target.y)}`;
  if (target.kind === "item") return `item:${target.id}`;
  return target.id;
}

/** The threads on each 評価書 item: how many, and how many of them are open or in progress. */
export function itemThreadCounts(doc: NagareDocument): Map<string, { total: number; open: number }> {
  const out = new Map<string, { total: number; open: number }>();
  for (const t of doc.comments ?? []) {
    if (t.target.kind !== "item") continue;
    const c = out.get(t.target.id) ?? { total: 0, open: 0 };
    c.total++;
    if (isOpenStatus(t.status)) c.open++;
    out.set(t.target.id, c);
  }
  return out;
}

/** The threads in the order they were opened (the record's numbering). */
export function orderedThreads(doc: NagareDocument): CommentThread[] {
  return [...(doc.comments ?? [])].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
}

/** A date as the record prints it, in Japan time (where the 評価書 is made): 2026-12-04. */
export function recordDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(d);
}

export interface ReviewRow {
  no: number;
  threadId: string;
  target: string;
  remark: string;
  answer: string;
  status: string;
  date: string;
}

export const REVIEW_COLUMNS = ["No.", "対象", "指摘", "回答", "状態", "日付"] as const;

/** One row per thread: the first remark, the replies as the answer (who, when, what), the status and date. */
export function reviewRows(doc: NagareDocument): ReviewRow[] {
  return orderedThreads(doc).map((t, i) => {
    const label = COMMENT_STATUS_LABELS[t.status].ja;
    const status = t.reason ? `${label}（${t.reason}）` : label;
    return {
      no: i + 1,
      threadId: t.id,
      target: describeTarget(doc, t.target).ja,
      remark: `${t.text}（${t.author}）`,
      answer: t.replies.map((r) => `${r.author}（${recordDate(r.at)}）: ${r.text}`).join("\n"),
      status,
      date: recordDate(t.at),
    };
  });
}

export interface ReviewSummary {
  total: number;
  open: number;
  byStatus: Record<CommentStatus, number>;
}

export function reviewSummary(doc: NagareDocument): ReviewSummary {
  const byStatus: Record<CommentStatus, number> = { open: 0, in_progress: 0, resolved: 0, not_needed: 0 };
  for (const t of doc.comments ?? []) byStatus[t.status]++;
  return {
    total: doc.comments?.length ?? 0,
    open: byStatus.open + byStatus.in_progress,
    byStatus,
  };
}
