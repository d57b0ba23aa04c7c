import { useReactFlow } from "@xyflow/react";
import { type PointerEvent as ReactPointerEvent, useRef } from "react";
import type { Point } from "../../document/geometry";
import { insertWaypoint } from "../../document/waypoints";
import { useCanvas } from "../context";

/**
 * The bends of a selected flow as handles: a pinned bend (filled) moves where it is dragged; a corner of the
 * automatic route (hollow), or the middle of a straight flow, becomes a pinned bend when dragged. A double
 * click on a pinned bend unpins it. Each drag is one write, so one undo step, synced to everyone.
 */
export function BendHandles(props: { flowId: string; route: Point[]; pinned: readonly Point[] }) {
  const { flowId, route, pinned } = props;
  const { screenToFlowPosition } = useReactFlow();
  const { t, previewBends, commitBends } = useCanvas();
  const active = useRef(false);

  const corners: Point[] =
    route.length > 2
      ? route.slice(1, -1)
      : route.length === 2
        ? [
            {
              x: ((route[0] as Point).x + (route[1] as Point).x) / 2,
              y: ((route[0] as Point).y + (route[1] as Point).y) / 2,
            },
          ]
        : [];
  const isPinned = (p: Point) => pinned.some((q) => Math.abs(q.x - p.x) < 0.5 && Math.abs(q.y - p.y) < 0.5);
  const free = corners.filter((p) => !isPinned(p));

  const start = (e: ReactPointerEvent, origin: Point, pinnedIndex: number) => {
    if (e.button !== 0 || !commitBends) return;
    e.stopPropagation();
    e.preventDefault();
    active.current = true;
    const startX = e.clientX;
    const startY = e.clientY;
    let points: Point[] | null = null;
    const move = (ev: PointerEvent) => {
      if (Math.abs(ev.clientX - startX) + Math.abs(ev.clientY - startY) < 3 && !points) return;
      const p = screenToFlowPosition({ x: ev.clientX, y: ev.clientY });
      const at = { x: Math.round(p.x), y: Math.round(p.y) };
      points =
        pinnedIndex >= 0
          ? pinned.map((q, i) => (i === pinnedIndex ? at : q))
          : insertWaypoint(route, pinned, at, origin);
      previewBends?.(flowId, points);
    };
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", up);
      active.current = false;
      if (points) commitBends(flowId, points);
      else previewBends?.(flowId, null);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
  };

  return (
    <g className="bend-handles">
      {free.map((p, i) => (
        <circle
          key={`free-${p.x},${p.y}`}
          className="bend-handle nodrag nopan"
          data-testid={`bend-${flowId}-${i}`}
          cx={p.x}
          cy={p.y}
          r={5}
          onPointerDown={(e) => start(e, p, -1)}
        >
          <title>{t("editor.bend.drag")}</title>
        </circle>
      ))}
      {pinned.map((p, i) => (
        // biome-ignore lint/a11y/useSemanticElements: an SVG handle on the canvas cannot be an HTML button
        <circle
          key={`pin-${p.x},${p.y}`}
          className="bend-handle is-pinned nodrag nopan"
          data-testid={`bend-pinned-${flowId}-${i}`}
          cx={p.x}
          cy={p.y}
          r={6}
          onPointerDown={(e) => start(e, p, i)}
          role="button"
          tabIndex={0}
          aria-label={t("editor.bend.pinned")}
          onDoubleClick={(e) => {
            e.stopPropagation();
            commitBends?.(
              flowId,
              pinned.filter((_, k) => k !== i),
            );
          }}
          onKeyDown={(e) => {
            if (e.key !== "Delete" && e.key !== "Backspace") return;
            e.stopPropagation();
            commitBends?.(
              flowId,
              pinned.filter((_, k) => k !== i),
            );
          }}
        >
          <title>{t("editor.bend.pinned")}</title>
        </circle>
      ))}
    </g>
  );
}
