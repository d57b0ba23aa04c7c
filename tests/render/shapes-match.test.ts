import { ReactFlowProvider } from "@xyflow/react";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type KindRFNode, toFlowGraph } from "../../src/canvas/binding";
import { CanvasContext, type CanvasContextValue } from "../../src/canvas/context";
import { KindNode } from "../../src/canvas/nodes/KindNode";
import { translate } from "../../src/i18n";
import { emptyDocument, NODE_KIND_IDS, type NodeKind } from "../../src/model";
import { renderDiagramSvg } from "../../src/render/svg";
import { defaultNodeSize, NODE_FONT, NODE_LINE, TAB_HEIGHT, TAB_LINE } from "../../src/shapes";

/**
 * Every 別添1 legend kind drawn by the canvas (its node component rendered to static markup) and by the export
 * (the SVG every PDF, PNG and Word figure is made from) must be the same figure: same elements, same geometry,
 * same colours, same label lines at the same place, same 委託事項 tab.
 */

const LABEL = "住宅管理システム（窓口受付・審査）";
const DELEGATION = "入居者募集業務";

type Shape = { tag: string; attrs: Record<string, string> };

function attrsOf(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1] as string] = m[2] as string;
  return out;
}

function shapesIn(markup: string): Shape[] {
  return [...markup.matchAll(/<(rect|path|circle)\b([^>]*?)\/?>/g)].map((m) => ({
    tag: m[1] as string,
    attrs: attrsOf(m[2] as string),
  }));
}

function docOf(kind: NodeKind, w: number, h: number, label: string, delegation: string) {
  const doc = emptyDocument();
  doc.delegations.push({
    id: "d1",
    name: delegation,
    methods: [],
    fileIds: [],
  } as unknown as (typeof doc.delegations)[number]);
  doc.nodes.push({
    id: "n1",
    kind,
    label,
    position: { x: 0, y: 0 },
    size: { width: w, height: h },
    delegationId: kind === "contractor" || kind === "subcontractor" ? "d1" : undefined,
    functions: [],
    safeguards: [],
    fileIds: [],
  } as (typeof doc.nodes)[number]);
  return doc;
}

function exportFigure(kind: NodeKind, w: number, h: number, text = LABEL, delegation = DELEGATION) {
  const svg = renderDiagramSvg(docOf(kind, w, h, text, delegation), { legend: false }).svg;
  const g = /<g data-node-id="n1"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? "";
  const label = /<text[^>]*data-role="label"[^>]*>([\s\S]*?)<\/text>/.exec(g);
  const lines = [...(label?.[1] ?? "").matchAll(/<tspan x="[^"]*" y="([^"]*)">([^<]*)<\/tspan>/g)];
  const shapes = shapesIn(g.replace(/<text[\s\S]*?<\/text>/g, ""))
    // The icon's invisible hit area is for SVG viewers only.
    .filter((s) => !(s.attrs.fill === "none" && s.attrs.stroke === "none"));
  // The tab is the rectangle above the box.
  const tab = shapes.find((s) => s.tag === "rect" && Number(s.attrs.y) < 0);
  const tabTspans = /<text[^>]*text-anchor="start"[^>]*>([\s\S]*?)<\/text>/.exec(g)?.[1] ?? "";
  const tabText = [...tabTspans.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join("\n");
  return {
    shapes: shapes.filter((s) => s !== tab),
    lines: lines.map((l) => l[2]),
    firstBaseline: lines.length ? Number(lines[0]?.[1]) : null,
    tab: tab ? ({ ...tab.attrs, text: tabText } as Record<string, string | undefined>) : null,
  };
}

function canvasFigure(kind: NodeKind, w: number, h: number, text = LABEL, delegation = DELEGATION) {
  const ctx: CanvasContextValue = {
    lang: "ja",
    t: (key, vars) => translate("ja", key, vars),
    readOnly: true,
    editingId: null,
    setEditingId: () => {},
    commitLabel: () => true,
    onResized: () => {},
  };
  const delegated = kind === "contractor" || kind === "subcontractor";
  const props = {
    id: "n1",
    type: "kind",
    data: {
      node: { id: "n1", kind, label: text, position: { x: 0, y: 0 }, functions: [], safeguards: [], fileIds: [] },
      delegation: delegated ? delegation : undefined,
    },
    selected: false,
    width: w,
    height: h,
    dragging: false,
    zIndex: 0,
    isConnectable: false,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
    selectable: true,
    deletable: true,
    draggable: true,
  } as unknown as KindRFNode & { width: number; height: number };
  const html = renderToStaticMarkup(
    createElement(
      ReactFlowProvider,
      null,
      createElement(CanvasContext.Provider, { value: ctx }, createElement(KindNode, props as never)),
    ),
  );
  const svg = /<svg class="kind-shape"[^>]*>([\s\S]*?)<\/svg>/.exec(html)?.[1] ?? "";
  const label = /<div class="kind-label" style="([^"]*)">([\s\S]*?)<\/div>/.exec(html);
  const style = attrsOfStyle(label?.[1] ?? "");
  const tab = /<span class="kind-tag" title="[^"]*" style="([^"]*)">((?:<span>[^<]*<\/span>)*)<\/span>/.exec(html);
  return {
    html,
    shapes: shapesIn(svg),
    lines: [...(label?.[2] ?? "").matchAll(/<span>([^<]*)<\/span>/g)].map((m) => m[1]),
    labelTop: Number.parseFloat(style.top ?? "NaN"),
    fontSize: Number.parseFloat(style["font-size"] ?? "NaN"),
    lineHeight: Number.parseFloat(style["line-height"] ?? "NaN"),
    tab: tab
      ? {
          style: attrsOfStyle(tab[1] as string),
          text: [...(tab[2] as string).matchAll(/<span>([^<]*)<\/span>/g)].map((m) => m[1]).join("\n"),
        }
      : null,
  };
}

function attrsOfStyle(style: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of style.split(";")) {
    const [k, v] = part.split(":");
    if (k && v) out[k.trim()] = v.trim();
  }
  return out;
}

describe("one shape source for the canvas and the exports", () => {
  for (const kind of NODE_KIND_IDS) {
    it(`${kind}: the canvas node and the exported figure are the same drawing`, () => {
      const { width: w, height: h } = defaultNodeSize(kind);
      const a = exportFigure(kind, w, h);
      const b = canvasFigure(kind, w, h);
      expect(a.shapes.length, "the export draws the kind").toBeGreaterThan(0);
      expect(b.shapes).toEqual(a.shapes);
      // The label: same lines, same size, same place (export baselines sit inside the first line's box).
      expect(a.lines.length).toBeGreaterThan(0);
      expect(b.lines).toEqual(a.lines);
      expect(b.fontSize).toBe(NODE_FONT);
      expect(b.lineHeight).toBe(NODE_LINE);
      const baseline = b.labelTop + (NODE_LINE - NODE_FONT) / 2 + NODE_FONT * 0.86;
      expect(a.firstBaseline).not.toBeNull();
      expect(Math.abs(baseline - (a.firstBaseline as number))).toBeLessThan(0.01);
      // The 委託事項 tab of 委託先 and 再委託先: same box, same words.
      if (kind === "contractor" || kind === "subcontractor") {
        expect(a.tab).not.toBeNull();
        expect(b.tab).not.toBeNull();
        expect(b.tab?.text).toBe(a.tab?.text);
        expect(a.tab?.text).toContain(DELEGATION);
        expect(Number.parseFloat(b.tab?.style.top ?? "")).toBe(Number(a.tab?.y));
        expect(Number(a.tab?.y)).toBe(-TAB_HEIGHT);
        expect(Number.parseFloat(b.tab?.style.width ?? "")).toBeCloseTo(Number(a.tab?.width), 2);
        expect(Number.parseFloat(b.tab?.style.height ?? "")).toBe(Number(a.tab?.height));
        expect(b.tab?.style.background).toBe(a.tab?.fill);
      } else {
        expect(a.tab).toBeNull();
        expect(b.tab).toBeNull();
      }
    });
  }

  it("a label and a 委託事項 too long for the stored box: both drawings show them whole, the box and tab grown alike", () => {
    const label = "マイナンバー管理システム（他のネットワークから分離された専用端末・入退室管理された執務室内に設置）";
    const delegation = "マイナンバー管理システムの運用保守及び都営住宅等の管理業務に係る特定個人情報の取扱い";
    for (const kind of NODE_KIND_IDS) {
      const stored = defaultNodeSize(kind);
      // The canvas gets the node's size from the binding, as on screen.
      const doc = docOf(kind, stored.width, stored.height, label, delegation);
      const rf = toFlowGraph(doc).nodes.find((n) => n.id === "n1") as { width: number; height: number };
      expect(rf.height, kind).toBeGreaterThan(stored.height);
      const a = exportFigure(kind, stored.width, stored.height, label, delegation);
      const b = canvasFigure(kind, rf.width, rf.height, label, delegation);
      expect(b.shapes, kind).toEqual(a.shapes);
      expect(b.lines, kind).toEqual(a.lines);
      expect(a.lines.join(""), kind).toBe(label);
      // Every line inside the drawn box.
      expect(b.labelTop, kind).toBeGreaterThanOrEqual(0);
      expect(b.labelTop + b.lines.length * NODE_LINE, kind).toBeLessThanOrEqual(rf.height);
      if (kind === "contractor" || kind === "subcontractor") {
        const word = kind === "contractor" ? "委託" : "再委託";
        expect(a.tab?.text?.replaceAll("\n", "")).toBe(`${word}：${delegation}`);
        expect(b.tab?.text).toBe(a.tab?.text);
        const lines = (a.tab?.text ?? "").split("\n").length;
        expect(lines).toBeGreaterThan(1);
        expect(Number(a.tab?.height)).toBe(TAB_HEIGHT + (lines - 1) * TAB_LINE);
        expect(Number.parseFloat(b.tab?.style.height ?? "")).toBe(Number(a.tab?.height));
        expect(Number.parseFloat(b.tab?.style.top ?? "")).toBe(Number(a.tab?.y));
      }
    }
  });

  it("a resized box keeps the two drawings equal (store curve, paper fold)", () => {
    for (const kind of ["store", "paper", "agency", "system_own"] as NodeKind[]) {
      const a = exportFigure(kind, 260, 140);
      const b = canvasFigure(kind, 260, 140);
      expect(b.shapes).toEqual(a.shapes);
      expect(b.lines).toEqual(a.lines);
    }
  });
});
