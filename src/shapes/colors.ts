import type { NodeKind } from "../model";

/** Colours of one legend kind. */
export interface KindColors {
  fill: string;
  stroke: string;
  /** Fill of the icon drawn inside (figures, monitors, discs). */
  accent: string;
}

const k = (fill: string, stroke: string, accent: string): KindColors => ({ fill, stroke, accent });

/** The colour look, on the canvas and in colour exports. */
export const KIND_COLORS: Record<NodeKind, KindColors> = {
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
};

const mono = k("#ffffff", "#000000", "#ffffff");

/** The black-and-white look of published 評価書: outlines, grey only where the legend needs a difference. */
export const KIND_COLORS_MONO: Record<NodeKind, KindColors> = {
  ...(Object.fromEntries(Object.keys(KIND_COLORS).map((kind) => [kind, mono])) as Record<NodeKind, KindColors>),
  system_external: k("#d9d9d9", "#000000", "#000000"),
  agency: k("#f0f0f0", "#000000", "#000000"),
  store: k("#ffffff", "#000000", "#ffffff"),
  media: k("#ffffff", "#000000", "#d9d9d9"),
  terminal: k("#ffffff", "#000000", "#ffffff"),
};

/** The 委託事項 tab: fill and text colour. */
export const TAB_COLORS = { color: { fill: "#9a5800", text: "#ffffff" }, mono: { fill: "#000000", text: "#ffffff" } };
