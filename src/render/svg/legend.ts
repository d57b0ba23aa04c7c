import { NODE_KINDS, type NodeKind, TRANSPORTS, type TransportId } from "../../model";
import type { Box } from "./scene";
import { drawNode, textBlock } from "./shapes";
import { FINDING_COLORS, type FindingTone, type Palette } from "./style";
import { measureText } from "./text";
import { el } from "./xml";

export interface LegendInput {
  kinds: NodeKind[];
  lines: ("solid" | "dashed" | "unknown")[];
  transports: TransportId[];
  boundaries: boolean;
  steps: boolean;
  tones: FindingTone[];
  /** Short name of the 評価実施機関 for 「○○所管」. */
  organization: string;
}

const ROW = 30;
const SAMPLE_W = 52;
const FONT = 11;

/** Legend wording for a node kind, as published 別添1 legends name them. */
export function kindLegendLabel(kind: NodeKind, organization: string): string {
  if (kind === "system_own") return organization ? `システム（${organization}所管）` : "システム（自組織所管）";
  if (kind === "system_external")
    return organization ? `システム（${organization}以外所管）` : "システム（他組織所管）";
  if (kind === "contractor") return "委託先（委託事項）";
  if (kind === "person") return "本人・代理人";
  return NODE_KINDS[kind].ja;
}

const LINE_LABEL = {
  solid: "特定個人情報の流れ",
  dashed: "特定個人情報以外の流れ",
  unknown: "特定個人情報を含むか未確認の流れ",
} as const;

const TONE_LABEL: Record<FindingTone, string> = {
  red: "指摘あり（重大・高）",
  amber: "指摘あり（中・低）",
  grey: "記載が不足",
};

/** The 凡例 box: only what the figure uses. Returns null when there is nothing to explain. */
export function drawLegend(
  input: LegendInput,
  pal: Palette,
  limits: { maxWidth?: number; maxHeight?: number },
  place: (size: { w: number; h: number }) => { x: number; y: number },
): { svg: string; box: Box } | null {
  type Row = { label: string; sample: (x: number, y: number) => string };
  const rows: Row[] = [];
  for (const kind of input.kinds) {
    rows.push({
      label: kindLegendLabel(kind, input.organization),
      sample: (x, y) => {
        const icon =
          kind === "person" ||
          kind === "staff" ||
          kind === "terminal" ||
          kind === "media" ||
          kind === "disposal" ||
          kind === "network_device";
        const delegated = kind === "contractor" || kind === "subcontractor";
        const box = icon
          ? { x: x + 6, y: y + 1, w: 40, h: 28 }
          : delegated
            ? { x: x + 4, y: y + 16, w: 44, h: 12 }
            : { x: x + 4, y: y + 5, w: 44, h: 20 };
        const tab = delegated ? (kind === "contractor" ? "委託" : "再委託") : undefined;
        // Icons without a label: the drawing at legend size.
        return drawNode(kind, box, "", {
          colors: pal.kinds[kind],
          tab,
          tabColors: { fill: pal.tabFill, text: pal.tabText },
          textColor: pal.text,
        }).svg;
      },
    });
  }
  const lineColor = { solid: pal.edge, dashed: pal.edgeOther, unknown: pal.edgeUnknown };
  const dash = { solid: undefined, dashed: "7 4", unknown: "2 3" };
  for (const line of input.lines)
    rows.push({
      label: LINE_LABEL[line],
      sample: (x, y) =>
        el("path", {
          d: `M${x + 2} ${y + 15} H${x + 42}`,
          stroke: lineColor[line],
          "stroke-width": line === "solid" ? 1.6 : 1.3,
          "stroke-dasharray": dash[line],
          fill: "none",
        }) +
        el("polygon", { points: `${x + 50},${y + 15} ${x + 41},${y + 11} ${x + 41},${y + 19}`, fill: lineColor[line] }),
    });
  if (input.steps)
    rows.push({
      label: "手順番号（備考に対応）",
      sample: (x, y) =>
        el("rect", {
          x: x + 14,
          y: y + 6,
          width: 20,
          height: 17,
          rx: 8.5,
          fill: pal.stepFill,
          stroke: pal.stepStroke,
        }) + textBlock(["①"], x + 24, y + 6, { size: 11, line: 17, fill: pal.stepText }),
    });
  for (const t of input.transports) {
    const def = TRANSPORTS[t];
    // 「郵送」「窓口」 explain themselves; only abbreviations get a row.
    if (def.badge === def.ja) continue;
    const w = measureText(def.badge, 10) + 10;
    rows.push({
      label: def.ja,
      sample: (x, y) =>
        el("rect", {
          x: x + 26 - w / 2,
          y: y + 7,
          width: w,
          height: 15,
          rx: 3,
          fill: pal.badgeFill,
          stroke: pal.badgeStroke,
        }) + textBlock([def.badge], x + 26, y + 7, { size: 10, line: 15, fill: pal.badgeText, weight: "bold" }),
    });
  }
  if (input.boundaries)
    rows.push({
      label: "ネットワーク・基盤の範囲",
      sample: (x, y) =>
        el("rect", {
          x: x + 4,
          y: y + 5,
          width: 44,
          height: 20,
          rx: 5,
          fill: "none",
          stroke: pal.boundaryStroke,
          "stroke-dasharray": "9 4 2 4",
        }),
    });
  for (const tone of input.tones)
    rows.push({
      label: TONE_LABEL[tone],
      sample: (x, y) =>
        el("rect", {
          x: x + 8,
          y: y + 6,
          width: 36,
          height: 18,
          rx: 4,
          fill: "#ffffff",
          stroke: FINDING_COLORS[tone],
          "stroke-width": 2.6,
        }),
    });
  if (!rows.length) return null;

  const colW = SAMPLE_W + 14 + Math.max(...rows.map((r) => measureText(r.label, FONT))) + 16;
  let cols = 1;
  if (limits.maxWidth) cols = Math.max(1, Math.min(Math.floor(limits.maxWidth / colW), Math.ceil(rows.length / 4)));
  else if (limits.maxHeight) cols = Math.max(1, Math.ceil((rows.length * ROW + 36) / Math.max(limits.maxHeight, 240)));
  const perCol = Math.ceil(rows.length / cols);
  cols = Math.ceil(rows.length / perCol);
  const size = { w: cols * colW + 6, h: 30 + perCol * ROW + 6 };
  const at = place(size);
  const parts: string[] = [
    el("rect", {
      x: at.x,
      y: at.y,
      width: size.w,
      height: size.h,
      fill: pal.background,
      stroke: pal.text,
      "stroke-width": 1,
    }),
    textBlock(["凡例"], at.x + 10, at.y + 6, { size: 12, line: 18, fill: pal.text, anchor: "start", weight: "bold" }),
  ];
  rows.forEach((r, i) => {
    const x = at.x + 8 + Math.floor(i / perCol) * colW;
    const y = at.y + 28 + (i % perCol) * ROW;
    parts.push(r.sample(x, y));
    parts.push(
      textBlock([r.label], x + SAMPLE_W + 8, y + 6, { size: FONT, line: 18, fill: pal.text, anchor: "start" }),
    );
  });
  return { svg: parts.join(""), box: { x: at.x, y: at.y, ...size } };
}
