import { BaseEdge, type EdgeProps, getSmoothStepPath, Position } from "@xyflow/react";
import { memo } from "react";
import { formatLegalBasis, TRANSPORTS } from "../../model";
import type { FlowRFEdge } from "../binding";
import { useCanvas } from "../context";
import { useFlowShape } from "../flow-shapes";
import { BendHandles } from "./BendHandles";
import { BADGE_FONT, badgeSize, badgeText } from "./label-text";

const TONE_COLOR: Record<string, string> = { red: "#c92a2a", amber: "#d97706", grey: "#868e96", green: "#2f9e44" };

/** Offset of the step label from the start of the line, out along the side it leaves from. */
function startOffset(pos: Position): { dx: number; dy: number } {
  switch (pos) {
    case Position.Right:
      return { dx: 16, dy: -12 };
    case Position.Left:
      return { dx: -16, dy: -12 };
    case Position.Top:
      return { dx: 14, dy: -16 };
    default:
      return { dx: 14, dy: 16 };
  }
}

/**
 * A flow: solid when it carries 特定個人情報, dashed when it does not, dotted amber with "?" while unknown.
 * The step label sits at the start, the transport badge in the middle; legal basis on hover.
 */
function FlowEdgeView(props: EdgeProps<FlowRFEdge>) {
  const { id, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  // Parallel flows between the same nodes are shifted along the side they leave and enter by.
  const shift = data?.offset ?? 0;
  const horizontal = (p: Position) => p === Position.Left || p === Position.Right;
  const sourceX = props.sourceX + (horizontal(sourcePosition) ? 0 : shift);
  const sourceY = props.sourceY + (horizontal(sourcePosition) ? shift : 0);
  const targetX = props.targetX + (horizontal(targetPosition) ? 0 : shift);
  const targetY = props.targetY + (horizontal(targetPosition) ? shift : 0);
  const { t, lang, readOnly } = useCanvas();
  const f = data?.flow;
  const selfLoop = props.source === props.target;
  const shape = useFlowShape(id);
  const route = shape?.points;
  const [path, labelX, labelY] = route
    ? [roundedPath(route), Number.NaN, Number.NaN]
    : selfLoop
      ? loopPath(sourceX, sourceY, targetX, targetY)
      : getSmoothStepPath({
          sourceX,
          sourceY,
          sourcePosition,
          targetX,
          targetY,
          targetPosition,
          borderRadius: 8,
        });
  if (!f) return null;
  const deco = data?.deco;
  const unknown = f.carriesMyNumber === null;
  const color = deco?.tone ? TONE_COLOR[deco.tone] : unknown ? "#b26b00" : "#1f2933";
  const dash = f.carriesMyNumber === true ? undefined : unknown ? "2 5" : "7 5";
  const off = startOffset(sourcePosition);
  // Where the shared label placement put the labels (off nodes and other labels); the old spots until it has.
  const step = shape?.labels?.step;
  const stepAt = step
    ? { x: step.x + step.w / 2, y: step.y + step.h / 2 }
    : { x: sourceX + off.dx, y: sourceY + off.dy };
  const mid = shape?.labels?.mid;
  const badgeAt = mid ? { x: mid.x + mid.w / 2, y: mid.y + mid.h / 2 } : { x: labelX, y: labelY };
  const transport = f.transport ? TRANSPORTS[f.transport] : null;
  const basis = f.legalBasis.map(formatLegalBasis).join("\n");
  const hover = [
    f.step ? `${f.step} ${f.sentence ?? ""}` : f.sentence,
    f.data ? `${t("editor.f.data")}: ${f.data}` : null,
    transport ? `${t("editor.f.transport")}: ${transport[lang]}` : null,
    basis ? `${t("editor.f.legalBasis")}:\n${basis}` : null,
    unknown ? t("editor.legend.unknown") : null,
  ]
    .filter(Boolean)
    .join("\n");
  const classes = ["flow-edge"];
  if (deco?.dim) classes.push("is-dim");
  if (deco?.focus) classes.push("is-focus");
  const remote = deco?.remote?.[0];
  return (
    <g className={classes.join(" ")} data-testid={`edge-${f.step ?? f.id}`}>
      {selected || deco?.focus || remote ? (
        <path d={path} fill="none" stroke={remote?.color ?? "#4dabf7"} strokeWidth={8} strokeOpacity={0.35} />
      ) : null}
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={16}
        style={{ stroke: color, strokeWidth: f.carriesMyNumber ? 2.2 : 1.6, strokeDasharray: dash }}
      />
      <path d={path} fill="none" stroke="transparent" strokeWidth={14}>
        <title>{hover}</title>
      </path>
      {/* Labels are drawn in SVG (a per-edge HTML portal costs a DOM query per edge on every store update);
          clicks on them reach the edge and select it. */}
      <g className={`edge-labels ${deco?.dim ? "is-dim" : ""}`}>
        {f.step ? (
          <g>
            <title>{hover}</title>
            <text className="edge-step" x={stepAt.x} y={stepAt.y} textAnchor="middle" dominantBaseline="central">
              {f.step}
            </text>
          </g>
        ) : null}
        {transport || unknown || deco?.count ? (
          <Badge
            x={badgeAt.x}
            y={badgeAt.y}
            text={badgeText(f, lang)}
            unknown={unknown}
            count={deco?.count}
            tone={deco?.tone}
            hover={hover}
          />
        ) : null}
      </g>
      {selected && route && !readOnly ? <BendHandles flowId={f.id} route={route} pinned={f.waypoints ?? []} /> : null}
    </g>
  );
}

/** An orthogonal polyline with its corners rounded a little, as the canvas drew its flows before. */
function roundedPath(points: { x: number; y: number }[], radius = 6): string {
  const first = points[0];
  if (!first) return "";
  let d = `M ${first.x} ${first.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as { x: number; y: number };
    const prev = points[i - 1] as { x: number; y: number };
    const next = points[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const r = Math.min(radius, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y) || 1;
    const outLen = Math.hypot(next.x - p.x, next.y - p.y) || 1;
    const a = { x: p.x - ((p.x - prev.x) / inLen) * r, y: p.y - ((p.y - prev.y) / inLen) * r };
    const b = { x: p.x + ((next.x - p.x) / outLen) * r, y: p.y + ((next.y - p.y) / outLen) * r };
    d += ` L ${a.x} ${a.y} Q ${p.x} ${p.y} ${b.x} ${b.y}`;
  }
  return d;
}

/** Right side out, over the top, back down into the top: an orthogonal loop and its label point. */
function loopPath(sx: number, sy: number, tx: number, ty: number): [string, number, number] {
  const out = 28;
  const top = ty - out;
  return [
    `M ${sx} ${sy} L ${sx + out} ${sy} L ${sx + out} ${top} L ${tx} ${top} L ${tx} ${ty}`,
    sx + out,
    (sy + top) / 2,
  ];
}

function Badge(props: {
  x: number;
  y: number;
  text: string;
  unknown: boolean;
  count?: number;
  tone?: string;
  hover: string;
}) {
  const size = BADGE_FONT;
  // The same size the label placement reserved for it.
  const { w, h } = badgeSize(props.text, props.count);
  const left = props.x - w / 2;
  return (
    <g className={`edge-badge ${props.unknown ? "is-unknown" : ""}`}>
      <title>{props.hover}</title>
      <rect x={left} y={props.y - h / 2} width={w} height={h} rx={h / 2} />
      <text x={left + 6} y={props.y} dominantBaseline="central" fontSize={size}>
        {props.text}
      </text>
      {props.count ? (
        <g className={`edge-count tone-${props.tone ?? "amber"}`}>
          <circle cx={left + w - 10} cy={props.y} r={7} />
          <text x={left + w - 10} y={props.y} textAnchor="middle" dominantBaseline="central" fontSize={9}>
            {props.count}
          </text>
        </g>
      ) : null}
    </g>
  );
}

export const FlowEdge = memo(FlowEdgeView);
