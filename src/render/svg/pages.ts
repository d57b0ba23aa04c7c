import { type DiagramSvg, figureContent } from "./render";
import type { Box } from "./scene";
import { escapeXml, FONT_FAMILY } from "./text";
import { el, num } from "./xml";

/**
 * The 別添1 on paper: which paper and orientation, at what scale, and — where the whole figure would print its
 * smallest text below MIN_TEXT_PT — how it is split into pages. Cuts fall preferably on lane edges and never
 * through a node, a flow label or a title (what straddles a cut is shown whole on both pages); each page
 * carries continuation marks: the neighbouring page's number on each cut side, and a mark where a flow
 * crosses the cut, pointing the way it runs. Pure: used by the PDF (server) and the Word export.
 */

export type Paper = "a4" | "a3";
export type Orientation = "landscape" | "portrait";
export interface PaperRequest {
  paper?: Paper | "auto";
  orientation?: Orientation | "auto";
}

/** The least text size on paper, in points. */
export const MIN_TEXT_PT = 6;
/** A small figure is not blown up beyond this (points per SVG unit; 0.75 is 100 % at 96 dpi). */
const MAX_SCALE = 1.5;
/** Room around a page's part of the figure for the continuation marks (SVG units). */
export const BAND = 18;
const MARK_FONT = 10;

/** Portrait sizes in points. */
const SIZES: Record<Paper, [number, number]> = { a4: [595.28, 841.89], a3: [841.89, 1190.55] };

export function pageSize(paper: Paper, orientation: Orientation): { width: number; height: number } {
  const [w, h] = SIZES[paper];
  return orientation === "landscape" ? { width: h, height: w } : { width: w, height: h };
}

export interface Tile extends Box {
  row: number;
  col: number;
}

export interface PagePlan {
  paper: Paper;
  orientation: Orientation;
  page: { width: number; height: number };
  /** Points per SVG unit. */
  scale: number;
  /** One tile per page, row by row; a single tile covering everything when the figure fits one page. */
  tiles: Tile[];
  rows: number;
  cols: number;
  /** The smallest text on paper (pt). */
  minTextPt: number;
}

/** The space a page leaves for the figure (points), from the page size. */
export type FigureArea = (page: { width: number; height: number }) => { width: number; height: number };

/**
 * Chooses paper and orientation (when "auto": the smallest paper on which the whole figure is legible, else
 * the one needing the fewest pages) and plans the pages.
 */
export function planPages(fig: DiagramSvg, req: PaperRequest, area: FigureArea): PagePlan {
  const papers: Paper[] = !req.paper || req.paper === "auto" ? ["a4", "a3"] : [req.paper];
  const orientations: Orientation[] =
    !req.orientation || req.orientation === "auto" ? ["landscape", "portrait"] : [req.orientation];
  const minFont = Math.max(1, fig.layout.minFont);
  // Whole on one page, legible: the smallest paper, then the orientation that prints larger.
  for (const paper of papers) {
    let best: PagePlan | null = null;
    for (const orientation of orientations) {
      const page = pageSize(paper, orientation);
      const a = area(page);
      const scale = Math.min(MAX_SCALE, a.width / fig.width, a.height / fig.height);
      if (scale * minFont < MIN_TEXT_PT - 1e-9) continue;
      if (!best || scale > best.scale) best = singlePage(fig, paper, orientation, page, scale, minFont);
    }
    if (best) return best;
  }
  // Split: the fewest pages (a tie keeps the larger paper, then landscape).
  let best: PagePlan | null = null;
  for (const paper of [...papers].reverse())
    for (const orientation of orientations) {
      const plan = splitPages(fig, paper, orientation, area(pageSize(paper, orientation)), minFont);
      if (!best || plan.tiles.length < best.tiles.length) best = plan;
    }
  return best as PagePlan;
}

function singlePage(
  fig: DiagramSvg,
  paper: Paper,
  orientation: Orientation,
  page: { width: number; height: number },
  scale: number,
  minFont: number,
): PagePlan {
  const tile = { x: fig.layout.x, y: fig.layout.y, w: fig.width, h: fig.height, row: 0, col: 0 };
  return { paper, orientation, page, scale, tiles: [tile], rows: 1, cols: 1, minTextPt: scale * minFont };
}

/** The largest part of the figure one page holds at the least legible scale (SVG units). */
export function tileCapacity(areaPt: { width: number; height: number }, minFont: number) {
  const scale = MIN_TEXT_PT / Math.max(1, minFont);
  return { scale, w: areaPt.width / scale - 2 * BAND, h: areaPt.height / scale - 2 * BAND };
}

function splitPages(
  fig: DiagramSvg,
  paper: Paper,
  orientation: Orientation,
  areaPt: { width: number; height: number },
  minFont: number,
): PagePlan {
  const cap = tileCapacity(areaPt, minFont);
  const { solids, lanes } = fig.layout;
  const x0 = fig.layout.x;
  const y0 = fig.layout.y;
  const laneEdges = lanes.flatMap((l) => [l.x, l.x + l.w]);
  // An axis that needs no cut needs no band for continuation marks either.
  const axis = (lo: number, size: number, capacity: number, band: [number, number][], prefer: number[]) =>
    size <= capacity + 2 * BAND ? [{ start: lo, end: lo + size }] : cutAxis(lo, lo + size, capacity, band, prefer);
  const cols = axis(
    x0,
    fig.width,
    cap.w,
    solids.filter((b) => b.w < cap.w).map((b) => [b.x, b.x + b.w]),
    laneEdges,
  );
  const rows = axis(
    y0,
    fig.height,
    cap.h,
    solids.filter((b) => b.h < cap.h).map((b) => [b.y, b.y + b.h]),
    [],
  );
  const tiles: Tile[] = [];
  rows.forEach((r, row) => {
    cols.forEach((c, col) => {
      tiles.push({ x: c.start, y: r.start, w: c.end - c.start, h: r.end - r.start, row, col });
    });
  });
  return {
    paper,
    orientation,
    page: pageSize(paper, orientation),
    scale: cap.scale,
    tiles,
    rows: rows.length,
    cols: cols.length,
    minTextPt: cap.scale * minFont,
  };
}

/**
 * Cuts [lo, hi] into pieces no longer than cap. A cut through a solid extends the piece before it to the
 * solid's end and starts the next piece at the solid's start, so the solid is whole on both; cuts that cross
 * nothing, fall on a preferred line (a lane edge) and fill the page are chosen first.
 */
export function cutAxis(
  lo: number,
  hi: number,
  cap: number,
  solids: [number, number][],
  prefer: number[],
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = lo;
  for (let guard = 0; hi - start > cap && guard < 500; guard++) {
    const limit = start + cap;
    const least = start + cap * 0.4;
    const cands = new Set<number>([limit]);
    for (const [a, b] of solids) {
      cands.add(a - 2);
      cands.add(b + 2);
    }
    for (const p of prefer) cands.add(p);
    // Only what reaches into the stretch where this cut may fall can be cut through.
    const near = solids.filter(([a, b]) => a < limit && b > least);
    let best: { end: number; next: number; cost: number } | null = null;
    for (const c of cands) {
      if (c <= least || c > limit) continue;
      let end = c;
      let next = c;
      let crossed = 0;
      for (const [a, b] of near)
        if (a < c && b > c) {
          crossed++;
          end = Math.max(end, b);
          next = Math.min(next, a);
        }
      if (end > limit || next <= start + cap * 0.3) continue;
      const onLane = prefer.some((p) => Math.abs(p - c) < 1);
      // Crossing costs, a lane edge is welcome, an unfilled page and a repeated strip cost.
      const cost = crossed * 2 + (onLane ? -1.5 : 0) + ((limit - c) / cap) * 3 + ((end - next) / cap) * 8;
      if (!best || cost < best.cost) best = { end, next, cost };
    }
    const cut = best ?? { end: limit, next: limit };
    out.push({ start, end: cut.end });
    start = cut.next;
  }
  out.push({ start, end: hi });
  return out;
}

/** Page number (1-based) of the tile at row, col, or null. */
function pageAt(plan: PagePlan, row: number, col: number): number | null {
  if (row < 0 || col < 0 || row >= plan.rows || col >= plan.cols) return null;
  return row * plan.cols + col + 1;
}

const FULL_DIGITS = "０１２３４５６７８９";
const fullWidth = (n: number) => [...String(n)].map((d) => FULL_DIGITS[Number(d)]).join("");

/**
 * One page's part of the figure as a standalone SVG: the figure clipped to the tile, a band around it with
 * the continuation marks. A single-tile plan gives the figure unchanged.
 */
export function tileSvg(
  fig: DiagramSvg,
  plan: PagePlan,
  index: number,
  opts: { paintBands?: boolean } = {},
): { svg: string; width: number; height: number } {
  if (plan.tiles.length === 1) return { svg: fig.svg, width: fig.width, height: fig.height };
  const { t, open, inner, marks, vx, vy, width, height } = tileParts(fig, plan, index);
  const svg = [
    open,
    el(
      "defs",
      {},
      el("clipPath", { id: `nagare-tile-${index}` }, el("rect", { x: t.x, y: t.y, width: t.w, height: t.h })),
    ),
    el("rect", { x: vx, y: vy, width, height, fill: "#ffffff" }),
    opts.paintBands
      ? el("g", {}, [inner, ...bandCovers(t, vx, vy, width, height)])
      : el("g", { "clip-path": `url(#nagare-tile-${index})` }, inner),
    el("g", { "data-role": "continuation" }, marks),
    "</svg>",
  ].join("");
  return { svg, width, height };
}

export interface TileLayers {
  /** The page's part of the figure, not clipped (what meets the page and its bands). */
  figure: string;
  /** The continuation marks in the bands, drawn over the figure unclipped; empty for a single page. */
  marks: string;
  width: number;
  height: number;
  /** Where to clip the figure: the tile, in SVG units from the page SVG's top left corner. */
  clip: Box;
}

/**
 * One page's part as two SVGs of the same size, for a drawer that clips natively (the PDF): the figure, to be
 * clipped to `clip`, then the marks. svg-to-pdfkit draws an SVG clip path as a soft mask and first measures
 * everything under it, which took most of a large figure's PDF time; a plain clipping rectangle costs nothing.
 */
export function tileLayers(fig: DiagramSvg, plan: PagePlan, index: number): TileLayers {
  if (plan.tiles.length === 1)
    return {
      figure: fig.svg,
      marks: "",
      width: fig.width,
      height: fig.height,
      clip: { x: 0, y: 0, w: fig.width, h: fig.height },
    };
  const { t, open, inner, marks, vx, vy, width, height } = tileParts(fig, plan, index);
  return {
    figure: `${open}${el("g", {}, inner)}</svg>`,
    marks: `${open}${el("g", { "data-role": "continuation" }, marks)}</svg>`,
    width,
    height,
    clip: { x: t.x - vx, y: t.y - vy, w: t.w, h: t.h },
  };
}

/** What a page of a split figure is made of: its view, the figure's part that meets it, and the marks. */
function tileParts(fig: DiagramSvg, plan: PagePlan, index: number) {
  const t = plan.tiles[index] as Tile;
  // Only what meets the page (cut edges and bands included): a page of a large figure is drawn much faster.
  const inner = figureContent(fig.parts, { x: t.x - BAND, y: t.y - BAND, w: t.w + 2 * BAND, h: t.h + 2 * BAND });
  const sides = [
    { side: "top", page: pageAt(plan, t.row - 1, t.col) },
    { side: "bottom", page: pageAt(plan, t.row + 1, t.col) },
    { side: "left", page: pageAt(plan, t.row, t.col - 1) },
    { side: "right", page: pageAt(plan, t.row, t.col + 1) },
  ] as const;
  // A band for the marks on each side that continues on another page.
  const band = (i: number) => (sides[i]?.page ? BAND : 0);
  const vx = t.x - band(2);
  const vy = t.y - band(0);
  const width = t.w + band(2) + band(3);
  const height = t.h + band(0) + band(1);
  const marks: string[] = [];
  const ink = "#333333";
  for (const { side, page } of sides) {
    if (page === null) continue;
    // The cut edge, dashed.
    const edge =
      side === "top"
        ? [t.x, t.y, t.x + t.w, t.y]
        : side === "bottom"
          ? [t.x, t.y + t.h, t.x + t.w, t.y + t.h]
          : side === "left"
            ? [t.x, t.y, t.x, t.y + t.h]
            : [t.x + t.w, t.y, t.x + t.w, t.y + t.h];
    marks.push(
      el("path", {
        d: `M${num(edge[0] as number)} ${num(edge[1] as number)} L${num(edge[2] as number)} ${num(edge[3] as number)}`,
        stroke: ink,
        "stroke-width": 0.8,
        "stroke-dasharray": "6 3",
        fill: "none",
      }),
    );
    // Flows crossing the cut: a small arrowhead in the band, pointing the way the flow runs.
    const taken: number[] = [];
    for (const f of fig.layout.flows)
      for (let k = 0; k + 1 < f.points.length; k++) {
        const p = f.points[k] as { x: number; y: number };
        const q = f.points[k + 1] as { x: number; y: number };
        const hit = crossing(p, q, side, t);
        if (!hit || taken.some((v) => Math.abs(v - hit.at) < 10)) continue;
        taken.push(hit.at);
        marks.push(arrowMark(side, hit.at, hit.outward, t, ink));
      }
    // The neighbouring page's number, in the middle of the band.
    // Stacked on the sides, where 「ー」 would stand crosswise: 「頁」 there.
    const text =
      side === "top" || side === "bottom" ? `${page}ページ${hitWord(side)}` : `${fullWidth(page)}頁${hitWord(side)}`;
    marks.push(sideText(side, text, t, ink));
  }
  const open = `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(width)}" height="${num(height)}" viewBox="${num(vx)} ${num(vy)} ${num(width)} ${num(height)}" font-family="${escapeXml(FONT_FAMILY)}">`;
  return { t, open, inner, marks, vx, vy, width, height };
}

/**
 * White over the bands around a tile: what a clip path does, for a rasteriser. resvg draws a clipped group
 * into a layer of its own, which takes it about three times as long as drawing the figure plainly.
 */
function bandCovers(t: Box, vx: number, vy: number, width: number, height: number): string[] {
  const right = vx + width;
  const bottom = vy + height;
  const areas = [
    { x: vx, y: vy, width, height: t.y - vy },
    { x: vx, y: t.y + t.h, width, height: bottom - (t.y + t.h) },
    { x: vx, y: t.y, width: t.x - vx, height: t.h },
    { x: t.x + t.w, y: t.y, width: right - (t.x + t.w), height: t.h },
  ];
  return areas.filter((a) => a.width > 0 && a.height > 0).map((a) => el("rect", { ...a, fill: "#ffffff" }));
}

/** 「へ続く」 after the sides that lead on (right, below), 「から続く」 where the figure comes from. */
function hitWord(side: "top" | "bottom" | "left" | "right"): string {
  return side === "right" || side === "bottom" ? "へ続く" : "から続く";
}

function crossing(
  p: { x: number; y: number },
  q: { x: number; y: number },
  side: "top" | "bottom" | "left" | "right",
  t: Box,
): { at: number; outward: boolean } | null {
  const vertical = side === "left" || side === "right";
  const line = side === "left" ? t.x : side === "right" ? t.x + t.w : side === "top" ? t.y : t.y + t.h;
  const a = vertical ? p.x : p.y;
  const b = vertical ? q.x : q.y;
  if ((a - line) * (b - line) >= 0 || a === b) return null;
  const u = (line - a) / (b - a);
  const at = vertical ? p.y + (q.y - p.y) * u : p.x + (q.x - p.x) * u;
  const lo = vertical ? t.y : t.x;
  const hi = vertical ? t.y + t.h : t.x + t.w;
  if (at < lo + 4 || at > hi - 4) return null;
  // Outward: the flow runs from inside the tile across the cut.
  const outward = side === "right" || side === "bottom" ? b > a : b < a;
  return { at, outward };
}

function arrowMark(side: "top" | "bottom" | "left" | "right", at: number, outward: boolean, t: Box, ink: string) {
  const s = 5;
  const dir = side === "right" || side === "bottom" ? 1 : -1;
  const sign = outward ? dir : -dir;
  const vertical = side === "left" || side === "right";
  const line = side === "left" ? t.x : side === "right" ? t.x + t.w : side === "top" ? t.y : t.y + t.h;
  const mid = line + dir * (BAND / 2 - 1);
  const tip = mid + sign * s;
  const base = mid - sign * s;
  const pts = vertical
    ? [
        [tip, at],
        [base, at - s],
        [base, at + s],
      ]
    : [
        [at, tip],
        [at - s, base],
        [at + s, base],
      ];
  return el("polygon", { points: pts.map(([x, y]) => `${num(x as number)},${num(y as number)}`).join(" "), fill: ink });
}

/** The page reference in the band: along top and bottom, stacked (one character a line) on the sides. */
function sideText(side: "top" | "bottom" | "left" | "right", text: string, t: Box, ink: string): string {
  const chars = [...text];
  const line = MARK_FONT + 2;
  if (side === "top" || side === "bottom") {
    const w = chars.length * MARK_FONT + 8;
    const x = t.x + t.w / 2 - w / 2;
    const y = side === "top" ? t.y - BAND + 2 : t.y + t.h + 2;
    return (
      el("rect", { x, y, width: w, height: BAND - 4, fill: "#ffffff", stroke: ink, "stroke-width": 0.6 }) +
      // Positioned on a <tspan>, as every text of the figure: the rasteriser outlines those (raster/outline.ts).
      el(
        "text",
        { "font-size": MARK_FONT, "text-anchor": "middle", fill: ink },
        `<tspan x="${num(x + w / 2)}" y="${num(y + (BAND - 4) / 2 + MARK_FONT * 0.36)}">${escapeXml(text)}</tspan>`,
      )
    );
  }
  const h = chars.length * line + 6;
  const x = side === "left" ? t.x - BAND + 2 : t.x + 2;
  const w = BAND - 4;
  const cx = side === "left" ? x + w / 2 : t.x + t.w + BAND / 2;
  const bx = side === "left" ? x : t.x + t.w + 2;
  const y = t.y + t.h / 2 - h / 2;
  const tspans = chars
    .map((c, i) => `<tspan x="${num(cx)}" y="${num(y + 3 + i * line + MARK_FONT * 0.88)}">${escapeXml(c)}</tspan>`)
    .join("");
  return (
    el("rect", { x: bx, y, width: w, height: h, fill: "#ffffff", stroke: ink, "stroke-width": 0.6 }) +
    el("text", { "font-size": MARK_FONT, "text-anchor": "middle", fill: ink }, tspans)
  );
}
