import { createElement, type ReactElement } from "react";
import type { NodeKind } from "../../model";
import { type Box, ICON_KINDS, KIND_COLORS, kindFigure, num, type Prim } from "../../shapes";

/**
 * The 別添1 legend kinds on screen: the same primitives as every export (src/shapes), turned into React SVG
 * elements. Used by the nodes, the palette and the dialogs.
 */

/** "stroke-width" → "strokeWidth"; numbers written as the exports write them. */
function reactAttrs(attrs: Prim["attrs"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    out[k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = typeof v === "number" ? num(v) : v;
  }
  return out;
}

export function Prims({ prims }: { prims: Prim[] }): ReactElement {
  return <>{prims.map((p, i) => createElement(p.tag, { key: i, ...reactAttrs(p.attrs) }))}</>;
}

/** A kind's symbol without label, for the palette and dialogs (the legend's sample size, scaled). */
export function KindIcon({ kind, size = 40 }: { kind: NodeKind; size?: number }) {
  const box: Box = ICON_KINDS.has(kind) ? { x: 0, y: 4, w: 48, h: 44 } : { x: 2, y: 10, w: 44, h: 28 };
  const figure = kindFigure(kind, box, "", { colors: KIND_COLORS[kind] });
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" className="kind-icon">
      <Prims prims={figure.prims} />
    </svg>
  );
}
