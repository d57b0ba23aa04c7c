import type { LaneKind, NodeKind } from "../../model";
import { KIND_COLORS, KIND_COLORS_MONO, type KindColors, TAB_COLORS } from "../../shapes";

export type DiagramStyle = "color" | "mono";

export type { KindColors };

export interface Palette {
  background: string;
  text: string;
  mutedText: string;
  kinds: Record<NodeKind, KindColors>;
  laneFill: Record<LaneKind, string>;
  laneHeader: Record<LaneKind, string>;
  laneStroke: string;
  boundaryStroke: string;
  boundaryFill: string;
  edge: string;
  edgeOther: string;
  edgeUnknown: string;
  badgeFill: string;
  badgeStroke: string;
  badgeText: string;
  stepFill: string;
  stepStroke: string;
  stepText: string;
  tabFill: string;
  tabText: string;
}

const COLOR: Palette = {
  background: "#ffffff",
  text: "#1a1a1a",
  mutedText: "#555555",
  kinds: KIND_COLORS,

  laneFill: {
    subject: "#fffaf0",
    contractor: "#fff8ee",
    self: "#f2f8fd",
    department: "#f3faf3",
    external: "#f6f3fa",
    other: "#fafafa",
  },
  laneHeader: {
    subject: "#f7e3bd",
    contractor: "#f8dcb4",
    self: "#cfe3f5",
    department: "#d3ead4",
    external: "#ddd3ee",
    other: "#e6e6e6",
  },
  laneStroke: "#9aa5b1",
  boundaryStroke: "#5f6b77",
  boundaryFill: "none",
  edge: "#1f3b57",
  edgeOther: "#5d6d7e",
  edgeUnknown: "#8a8a8a",
  badgeFill: "#ffffff",
  badgeStroke: "#5d6d7e",
  badgeText: "#1f3b57",
  stepFill: "#1f3b57",
  stepStroke: "#1f3b57",
  stepText: "#ffffff",
  tabFill: TAB_COLORS.color.fill,
  tabText: TAB_COLORS.color.text,
};

const allLanes = (c: string) =>
  Object.fromEntries(Object.keys(COLOR.laneFill).map((l) => [l, c])) as Record<LaneKind, string>;

/** The black-and-white look of published 評価書: outlines, grey only where the legend needs a difference. */
const MONO: Palette = {
  background: "#ffffff",
  text: "#000000",
  mutedText: "#333333",
  kinds: KIND_COLORS_MONO,

  laneFill: allLanes("#ffffff"),
  laneHeader: allLanes("#e6e6e6"),
  laneStroke: "#000000",
  boundaryStroke: "#000000",
  boundaryFill: "none",
  edge: "#000000",
  edgeOther: "#000000",
  edgeUnknown: "#666666",
  badgeFill: "#ffffff",
  badgeStroke: "#000000",
  badgeText: "#000000",
  stepFill: "#ffffff",
  stepStroke: "#000000",
  stepText: "#000000",
  tabFill: TAB_COLORS.mono.fill,
  tabText: TAB_COLORS.mono.text,
};

export function paletteFor(style: DiagramStyle): Palette {
  return style === "mono" ? MONO : COLOR;
}

/** Colours of the worst open finding on an element. */
export const FINDING_COLORS = { red: "#d32f2f", amber: "#e69500", grey: "#9e9e9e" } as const;
export type FindingTone = keyof typeof FINDING_COLORS;
