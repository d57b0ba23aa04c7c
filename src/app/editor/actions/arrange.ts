import { nodeRect, type PositionWrite, type Rect, updateMembership, writePositions } from "../../../document";
import type { MessageKey } from "../../../i18n";
import { readModelTolerant } from "../../../sync/doc-shape";
import { type ActionContext, defineAction, type EditorAction } from "./types";

/**
 * Align and distribute the selected elements. One undo step each; an element moved into another lane or
 * boundary changes membership as a drag would, and that is reported.
 */

type Arrange = (rects: { id: string; r: Rect }[]) => Map<string, { x: number; y: number }>;

function apply(ctx: ActionContext, arrange: Arrange) {
  const rects = ctx.model.nodes
    .filter((n) => ctx.selection.nodes.includes(n.id))
    .map((n) => ({ id: n.id, r: nodeRect(n) }));
  const moves = arrange(rects);
  const writes: PositionWrite[] = [];
  for (const { id, r } of rects) {
    const p = moves.get(id);
    if (p && (Math.round(p.x) !== Math.round(r.x) || Math.round(p.y) !== Math.round(r.y)))
      writes.push({ coll: "nodes", id, position: { x: Math.round(p.x), y: Math.round(p.y) } });
  }
  if (!writes.length) return;
  const gesture = `arrange:${Date.now()}`;
  writePositions(ctx.ydoc, writes, gesture);
  const changed = updateMembership(
    ctx.ydoc,
    readModelTolerant(ctx.ydoc).doc,
    writes.map((w) => w.id),
    gesture,
  );
  if (changed.length) ctx.ui.reportPlaced(changed);
}

const align = (id: string, label: MessageKey, arrange: Arrange): EditorAction =>
  defineAction({
    id,
    label,
    section: "arrange",
    edits: true,
    menu: ["node"],
    enabled: (ctx) => ctx.selection.nodes.length >= 2,
    perform: (ctx) => apply(ctx, arrange),
  });

const distribute = (id: string, label: MessageKey, axis: "x" | "y"): EditorAction =>
  defineAction({
    id,
    label,
    section: "arrange",
    edits: true,
    menu: ["node"],
    enabled: (ctx) => ctx.selection.nodes.length >= 3,
    perform: (ctx) =>
      apply(ctx, (rects) => {
        // Centres evenly spaced between the first and the last; the others keep their other coordinate.
        const size = axis === "x" ? "width" : "height";
        const mid = (r: Rect) => r[axis] + r[size] / 2;
        const sorted = [...rects].sort((a, b) => mid(a.r) - mid(b.r));
        const first = mid((sorted[0] as { r: Rect }).r);
        const last = mid((sorted[sorted.length - 1] as { r: Rect }).r);
        const step = (last - first) / (sorted.length - 1);
        return new Map(
          sorted.map(({ id, r }, i) => [
            id,
            { ...r, [axis]: first + step * i - r[size] / 2 } as { x: number; y: number },
          ]),
        );
      }),
  });

const bounds = (rects: { r: Rect }[]) => {
  const x = Math.min(...rects.map(({ r }) => r.x));
  const y = Math.min(...rects.map(({ r }) => r.y));
  return {
    x,
    y,
    width: Math.max(...rects.map(({ r }) => r.x + r.width)) - x,
    height: Math.max(...rects.map(({ r }) => r.y + r.height)) - y,
  };
};

export const ARRANGE_ACTIONS: EditorAction[] = [
  align("alignLeft", "editor.action.alignLeft", (rects) => {
    const b = bounds(rects);
    return new Map(rects.map(({ id, r }) => [id, { x: b.x, y: r.y }]));
  }),
  align("alignCenter", "editor.action.alignCenter", (rects) => {
    const b = bounds(rects);
    return new Map(rects.map(({ id, r }) => [id, { x: b.x + b.width / 2 - r.width / 2, y: r.y }]));
  }),
  align("alignTop", "editor.action.alignTop", (rects) => {
    const b = bounds(rects);
    return new Map(rects.map(({ id, r }) => [id, { x: r.x, y: b.y }]));
  }),
  align("alignMiddle", "editor.action.alignMiddle", (rects) => {
    const b = bounds(rects);
    return new Map(rects.map(({ id, r }) => [id, { x: r.x, y: b.y + b.height / 2 - r.height / 2 }]));
  }),
  distribute("distributeH", "editor.action.distributeH", "x"),
  distribute("distributeV", "editor.action.distributeV", "y"),
];
