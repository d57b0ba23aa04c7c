import { type LaneKind, type ModelFlow, type NagareDocument, TRANSPORTS } from "../../model";
import type { Finding } from "../../rules/types";
import { groupTitle, paperTabText, wrapTitle } from "../../shapes";
import { worstToneByElement } from "./findings";
import { type LabelPlacement, placeFlowLabels } from "./flow-labels";
import { drawLegend, type LegendInput } from "./legend";
import { type Route, type RouteRequest, routeAll } from "./route";
import { type Box, buildScene, groupTitleBox, type Selection, union } from "./scene";
import { drawNode, textBlock, visualBox } from "./shapes";
import { type DiagramStyle, FINDING_COLORS, type FindingTone, type Palette, paletteFor } from "./style";
import { escapeXml, FONT_FAMILY, widestLine } from "./text";
import { el, num, polylinePath } from "./xml";

export interface DiagramSvgOptions {
  style?: DiagramStyle;
  legend?: boolean;
  selection?: Selection;
  findings?: Finding[];
  /** The legend goes under the figure, no wider than this (a figure split across pages keeps it on one). */
  legendMaxWidth?: number;
  /** A heading line above the figure: 機関名・事務名 and "（別添1）事務の内容". */
  title?: boolean;
}

export interface DiagramSvg {
  svg: string;
  width: number;
  height: number;
  /** Where things are drawn, in SVG units: page splitting cuts between them (src/render/svg/pages.ts). */
  layout: FigureLayout;
  /** The content in drawing order, each drawn thing with the box it covers: a page keeps only what it shows. */
  parts: FigurePart[];
}

/** Drawn on every page, or a layer whose items are drawn where their box meets the page. */
export type FigurePart = { svg: string } | { wrap: Record<string, string>; items: { box: Box; svg: string }[] };

export interface FigureLayout {
  /** The viewBox's top-left corner. */
  x: number;
  y: number;
  /** What a page edge must not cut through: nodes, tabs, flow labels, group titles, the legend. */
  solids: Box[];
  /** Lanes: their edges are the preferred places to split. */
  lanes: Box[];
  flows: { id: string; points: { x: number; y: number }[] }[];
  /** The smallest text drawn (px), which sets the least scale on paper. */
  minFont: number;
}

const MARGIN = 24;
const ARROW = 9;

/** The name of the 評価実施機関 without the office title: 堺市長 → 堺市, 東京都知事 → 東京都. */
export function organizationShortName(organization: string): string {
  const s = organization.trim();
  const m = /^(.*?[都道府県市区町村])(長|知事)$/.exec(s);
  return m ? (m[1] as string) : s;
}

export function diagramTitle(doc: NagareDocument): string {
  const head = [doc.meta.organization, doc.meta.jimuName || doc.title].filter((s) => s.trim()).join("　");
  return head ? `${head}　（別添1）事務の内容` : "（別添1）事務の内容";
}

function lineStyle(f: ModelFlow): "solid" | "dashed" | "unknown" {
  return f.carriesMyNumber === true ? "solid" : f.carriesMyNumber === false ? "dashed" : "unknown";
}

const DASH = { solid: undefined, dashed: "7 4", unknown: "2 3" } as const;

/**
 * The last routing by its input. Planning printed pages renders the figure twice (the second time with the
 * legend's width fitted to a page) with the same boxes and flows: routing them again would give the same
 * routes, and for a large drawing it is most of the render. The routes are only read after this.
 */
let lastRouting: { key: string; routes: Route[] } | null = null;

function routesFor(requests: RouteRequest[], boxes: Map<string, Box>, titles: Box[]): Route[] {
  const key = JSON.stringify([requests, [...boxes], titles]);
  if (lastRouting?.key === key) return lastRouting.routes;
  const routes = routeAll(requests, boxes, titles);
  lastRouting = { key, routes };
  return routes;
}

/**
 * The last label placement by its input, for the same reason: the second render of a plan places the same
 * labels along the same routes (only the legend differs, and labels are placed before it). Read only after.
 */
let lastLabels: { key: string; placement: LabelPlacement } | null = null;

function labelsFor(flows: ModelFlow[], routes: Route[], obstacles: Box[], pal: Palette): LabelPlacement {
  // What the labels are made of: each flow's texts, its route, what they keep off, and the colours drawn.
  const texts = flows.map((f) => [f.id, f.step, f.transport, f.transportNote, f.data, f.variant]);
  const key = JSON.stringify([texts, routes, obstacles, pal]);
  if (lastLabels?.key === key) return lastLabels.placement;
  const placement = placeFlowLabels(flows, routes, obstacles, pal);
  lastLabels = { key, placement };
  return placement;
}

/**
 * The 別添1 figure as a standalone SVG: real shapes and text only (no foreignObject, no CSS), so the same
 * bytes open in a browser, rasterise with resvg and convert to PDF vectors. Pure: no DOM, deterministic.
 */
export function renderDiagramSvg(doc: NagareDocument, opts: DiagramSvgOptions = {}): DiagramSvg {
  const style = opts.style ?? "color";
  const pal = paletteFor(style);
  const scene = buildScene(doc, opts.selection);
  const tones = opts.findings?.length ? worstToneByElement(doc, opts.findings) : new Map<string, FindingTone>();
  const toneColor = (id: string) => {
    const t = tones.get(id);
    return t ? FINDING_COLORS[t] : undefined;
  };
  const delegations = new Map(doc.delegations.map((d) => [d.id, d]));

  // Routes.
  // Icons route to what is drawn, not to the whole node box, so arrows touch the figure.
  const boxes = new Map<string, Box>(scene.nodes.map((s) => [s.node.id, visualBox(s.node.kind, s.box, s.node.label)]));
  const requests: RouteRequest[] = scene.flows.map((f) => ({
    id: f.id,
    sourceId: f.source,
    targetId: f.target,
    ...(f.waypoints?.length ? { waypoints: f.waypoints } : {}),
  }));
  const titles = scene.groups.map((g) => groupTitleBox(g.group.type, g.group.label, g.box));
  const routes = routesFor(requests, boxes, titles);

  // Nodes first into a buffer: their tabs are obstacles for labels.
  const nodeSvg: string[] = [];
  const nodeBoxes: Box[] = [];
  const obstacles: Box[] = [];
  for (const s of scene.nodes) {
    const n = s.node;
    const colors = pal.kinds[n.kind];
    // The 委託事項 tab in Japanese, as printed.
    const tab = paperTabText(n.kind, n.delegationId ? delegations.get(n.delegationId)?.name : undefined);
    const drawing = drawNode(n.kind, s.box, n.label, {
      colors,
      outline: toneColor(n.id),
      tab,
      tabColors: { fill: pal.tabFill, text: pal.tabText },
      textColor: pal.text,
    });
    obstacles.push(boxes.get(n.id) as Box, ...drawing.extra);
    nodeSvg.push(
      el(
        "g",
        { "data-node-id": n.id, "data-kind": n.kind, "data-finding": tones.get(n.id) },
        `${el("title", {}, escapeXml(n.label))}${drawing.svg}`,
      ),
    );
    nodeBoxes.push([s.box, boxes.get(n.id) as Box, ...drawing.extra].reduce(union));
  }

  const nodeObstacles = obstacles.length;
  // Groups: outer first so inner ones draw on top.
  const groupSvg: string[] = [];
  for (const g of scene.groups) {
    groupSvg.push(
      drawGroup(g.group.type, g.group.laneKind, g.group.label, g.box, pal, toneColor(g.group.id), g.group.id),
    );
    obstacles.push(groupTitleBox(g.group.type, g.group.label, g.box));
  }

  // Edges and their labels.
  const placement: LabelPlacement = labelsFor(scene.flows, routes, obstacles, pal);
  const flowSvg: string[] = [];
  scene.flows.forEach((f, i) => {
    const r = routes[i] as Route;
    flowSvg.push(drawFlow(f, r, pal, toneColor(f.id), tones.get(f.id)));
  });

  // Bounds of everything drawn so far.
  let bounds: Box | null = null;
  const grow = (b: Box) => {
    bounds = bounds ? union(bounds, b) : b;
  };
  for (const b of obstacles) grow(b);
  for (const g of scene.groups) grow(g.box);
  for (const r of routes) for (const p of r.points) grow({ x: p.x - 4, y: p.y - 4, w: 8, h: 8 });
  for (const b of placement.boxes) grow(b);
  const content: Box = bounds ?? { x: 0, y: 0, w: 320, h: 120 };

  // Legend: beside a tall figure, under a wide one.
  let legendSvg = "";
  let legendBox: Box | null = null;
  if (opts.legend !== false) {
    const input: LegendInput = {
      kinds: uniqueInOrder(scene.nodes.map((s) => s.node.kind)),
      lines: uniqueInOrder(scene.flows.map(lineStyle)),
      transports: uniqueInOrder(scene.flows.map((f) => f.transport).filter((t) => t !== undefined)),
      boundaries: scene.groups.some((g) => g.group.type === "boundary"),
      steps: scene.flows.some((f) => !!f.step),
      tones: uniqueInOrder([...tones.values()]),
      organization: organizationShortName(doc.meta.organization),
    };
    const wide = content.w > content.h * 1.6 || opts.legendMaxWidth !== undefined;
    const maxWidth = Math.min(content.w, opts.legendMaxWidth ?? content.w);
    const legend = drawLegend(input, pal, wide ? { maxWidth } : { maxHeight: content.h }, () =>
      wide ? { x: content.x, y: content.y + content.h + 24 } : { x: content.x + content.w + 28, y: content.y },
    );
    if (legend) {
      legendSvg = legend.svg;
      legendBox = legend.box;
    }
  }

  let all = legendBox ? union(content, legendBox) : content;
  let titleSvg = "";
  if (opts.title) {
    // The heading whole, on as many lines as it takes above the figure.
    const lines = wrapTitle(diagramTitle(doc), Math.max(all.w, 600), 16);
    const top = all.y - 12 - lines.length * 22;
    titleSvg = textBlock(lines, all.x, top, {
      size: 16,
      line: 22,
      fill: pal.text,
      anchor: "start",
      weight: "bold",
    });
    all = union(all, { x: all.x, y: top, w: widestLine(lines, 16), h: lines.length * 22 });
  }

  const x0 = Math.floor(all.x - MARGIN);
  const y0 = Math.floor(all.y - MARGIN);
  const width = Math.ceil(all.x + all.w + MARGIN) - x0;
  const height = Math.ceil(all.y + all.h + MARGIN) - y0;
  // Strokes, arrowheads and outlines reach a little beyond the boxes.
  const pad = (b: Box): Box => ({ x: b.x - 8, y: b.y - 8, w: b.w + 16, h: b.h + 16 });
  const parts: FigurePart[] = [
    { svg: el("title", {}, escapeXml(diagramTitle(doc))) },
    { svg: el("rect", { x: x0, y: y0, width, height, fill: pal.background }) },
    { svg: titleSvg },
    { wrap: { id: "groups" }, items: scene.groups.map((g, i) => ({ box: pad(g.box), svg: groupSvg[i] as string })) },
    {
      wrap: { id: "flows", fill: "none" },
      items: routes.map((r, i) => ({ box: pad(pointsBox(r.points)), svg: flowSvg[i] as string })),
    },
    { wrap: { id: "nodes" }, items: nodeBoxes.map((b, i) => ({ box: pad(b), svg: nodeSvg[i] as string })) },
    { wrap: { id: "flow-labels" }, items: placement.svg.map((l) => ({ box: pad(l.box), svg: l.svg })) },
    // A page of a split figure carries the legend only where it shows.
    legendSvg && legendBox
      ? { wrap: { id: "legend" }, items: [{ box: pad(legendBox), svg: legendSvg }] }
      : { svg: legendSvg ? el("g", { id: "legend" }, legendSvg) : "" },
  ];
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="${x0} ${y0} ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}" role="img" aria-label="${escapeXml(diagramTitle(doc))}">`,
    figureContent(parts),
    "</svg>",
  ].join("");
  // Lane header bands span the lane: only the title text in them must stay whole.
  const solids: Box[] = [...obstacles.slice(0, nodeObstacles), ...placement.boxes];
  for (const g of scene.groups) solids.push(groupTitle(g.group.type, g.group.label, g.box).text);
  if (legendBox) solids.push(legendBox);
  const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  const layout: FigureLayout = {
    x: x0,
    y: y0,
    solids,
    lanes: scene.groups.filter((g) => g.group.type === "lane").map((g) => g.box),
    flows: scene.flows.map((f, i) => ({ id: f.id, points: (routes[i] as Route).points })),
    minFont: sizes.length ? Math.min(...sizes) : 12,
  };
  return { svg, width, height, layout, parts };
}

/** The content of the figure, or of the part of it that meets `view`. */
export function figureContent(parts: FigurePart[], view?: Box): string {
  const meets = (b: Box) =>
    !view || (b.x < view.x + view.w && b.x + b.w > view.x && b.y < view.y + view.h && b.y + b.h > view.y);
  return parts
    .map((p) =>
      "svg" in p
        ? p.svg
        : el(
            "g",
            p.wrap,
            p.items.filter((i) => meets(i.box)).map((i) => i.svg),
          ),
    )
    .join("");
}

function pointsBox(points: { x: number; y: number }[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

function uniqueInOrder<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function drawGroup(
  type: "lane" | "boundary",
  laneKind: LaneKind | undefined,
  label: string,
  b: Box,
  pal: Palette,
  tone: string | undefined,
  id: string,
): string {
  const parts: string[] = [];
  const title = groupTitle(type, label, b);
  if (type === "lane") {
    const k = laneKind ?? "other";
    parts.push(
      el("rect", {
        x: b.x,
        y: b.y,
        width: b.w,
        height: b.h,
        fill: pal.laneFill[k],
        stroke: tone ?? pal.laneStroke,
        "stroke-width": tone ? 2.4 : 1,
      }),
    );
    parts.push(
      el("rect", {
        x: b.x,
        y: b.y,
        width: b.w,
        height: title.band.h,
        fill: pal.laneHeader[k],
        stroke: tone ?? pal.laneStroke,
        "stroke-width": tone ? 2.4 : 1,
      }),
    );
    parts.push(
      textBlock(title.lines, title.x, title.top, {
        size: title.size,
        line: title.line,
        fill: pal.text,
        weight: "bold",
      }),
    );
  } else {
    parts.push(
      el("rect", {
        x: b.x,
        y: b.y,
        width: b.w,
        height: b.h,
        rx: 10,
        fill: pal.boundaryFill,
        stroke: tone ?? pal.boundaryStroke,
        "stroke-width": tone ? 2.4 : 1.2,
        "stroke-dasharray": "9 4 2 4",
      }),
    );
    parts.push(
      textBlock(title.lines, title.x, title.top, {
        size: title.size,
        line: title.line,
        fill: pal.mutedText,
        anchor: "start",
        weight: "bold",
      }),
    );
  }
  return el("g", { "data-group-id": id, "data-group-type": type }, [el("title", {}, escapeXml(label)), ...parts]);
}

function drawFlow(
  f: ModelFlow,
  r: Route,
  pal: Palette,
  tone: string | undefined,
  toneName: FindingTone | undefined,
): string {
  const kind = lineStyle(f);
  const color = tone ?? (kind === "solid" ? pal.edge : kind === "dashed" ? pal.edgeOther : pal.edgeUnknown);
  const pts = r.points.map((p) => ({ ...p }));
  const parts: string[] = [];
  const arrowAt = (tip: { x: number; y: number }, from: { x: number; y: number }) => {
    const len = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
    const ux = (tip.x - from.x) / len;
    const uy = (tip.y - from.y) / len;
    const bx = tip.x - ux * ARROW;
    const by = tip.y - uy * ARROW;
    const half = ARROW * 0.45;
    return el("polygon", {
      points: `${num(tip.x)},${num(tip.y)} ${num(bx - uy * half)},${num(by + ux * half)} ${num(bx + uy * half)},${num(by - ux * half)}`,
      fill: color,
      stroke: "none",
    });
  };
  const showArrow = !f.directionUnknown;
  if (showArrow && pts.length >= 2) {
    const tip = pts[pts.length - 1] as { x: number; y: number };
    const prev = pts[pts.length - 2] as { x: number; y: number };
    parts.push(arrowAt(tip, prev));
    // Stop the line at the arrow's base so a dashed end does not poke through the tip.
    const len = Math.hypot(tip.x - prev.x, tip.y - prev.y);
    if (len > ARROW)
      pts[pts.length - 1] = {
        x: tip.x - ((tip.x - prev.x) / len) * (ARROW - 1),
        y: tip.y - ((tip.y - prev.y) / len) * (ARROW - 1),
      };
  }
  parts.unshift(
    el("path", {
      d: polylinePath(pts),
      stroke: color,
      "stroke-width": tone ? 2.4 : kind === "solid" ? 1.6 : 1.3,
      "stroke-dasharray": DASH[kind],
      "stroke-linejoin": "round",
      fill: "none",
    }),
  );
  return el(
    "g",
    {
      "data-flow-id": f.id,
      "data-line": kind,
      "data-finding": toneName,
      "data-transport": f.transport ? TRANSPORTS[f.transport].badge : undefined,
    },
    [el("title", {}, escapeXml([f.step, f.data, f.sentence].filter(Boolean).join(" ")) || f.id), ...parts],
  );
}
