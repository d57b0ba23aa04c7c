import type { LaneKind, NodeKind } from "../../model";

export type DiagramStyle = "color" | "mono";

export interface KindColors {
  fill: string;
  stroke: string;
  /** Fill of the icon drawn inside (figures, monitors, discs). */
  accent: string;
}

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

const k = (fill: string, stroke: string, accent: string): KindColors => ({ fill, stroke, accent });

const COLOR: Palette = {
  background: "#ffffff",
  text: "#1a1a1a",
  mutedText: "#555555",
  kinds: {
    person: k("#ffffff", "#8a5a00", "#f6c879"),
    staff: k("#ffffff", "#2f6fa8", "#9cc3e6"),
    terminal: k("#ffffff", "#37474f", "#d7e6f3"),
    system_own: k("#e3f0fb", "#2f6fa8", "#2f6fa8"),
    system_external: k("#ece6f6", "#6a4fa3", "#6a4fa3"),
    contractor: k("#fff3e0", "#c06f00", "#c06f00"),
    subcontractor: k("#fffaf2", "#c06f00", "#c06f00"),
    agency: k("#f3f3f3", "#555555", "#555555"),
    department: k("#e8f5e9", "#3b7d3f", "#3b7d3f"),
    media: k("#ffffff", "#37474f", "#cfd8dc"),
    paper: k("#ffffff", "#555555", "#555555"),
    store: k("#e3f0fb", "#2f6fa8", "#c7dff3"),
    network_device: k("#e0f2f1", "#00796b", "#00796b"),
    disposal: k("#ffffff", "#8d3b2e", "#8d3b2e"),
  },
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
  tabFill: "#c06f00",
  tabText: "#ffffff",
};

const allKinds = (c: KindColors) =>
  Object.fromEntries(Object.keys(COLOR.kinds).map((kind) => [kind, c])) as Record<NodeKind, KindColors>;
const allLanes = (c: string) =>
  Object.fromEntries(Object.keys(COLOR.laneFill).map((l) => [l, c])) as Record<LaneKind, string>;

/** The black-and-white look of published 評価書: outlines, grey only where the legend needs a difference. */
const MONO: Palette = {
  background: "#ffffff",
  text: "#000000",
  mutedText: "#333333",
  kinds: {
    ...allKinds(k("#ffffff", "#000000", "#ffffff")),
    system_external: k("#d9d9d9", "#000000", "#000000"),
    agency: k("#f0f0f0", "#000000", "#000000"),
    store: k("#ffffff", "#000000", "#ffffff"),
    media: k("#ffffff", "#000000", "#d9d9d9"),
    terminal: k("#ffffff", "#000000", "#ffffff"),
  },
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
  tabFill: "#000000",
  tabText: "#ffffff",
};

export function paletteFor(style: DiagramStyle): Palette {
  return style === "mono" ? MONO : COLOR;
}

/** Colours of the worst open finding on an element. */
export const FINDING_COLORS = { red: "#d32f2f", amber: "#e69500", grey: "#9e9e9e" } as const;
export type FindingTone = keyof typeof FINDING_COLORS;
