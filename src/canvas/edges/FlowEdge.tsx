import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath, Position } from "@xyflow/react";
import { memo } from "react";
import { formatLegalBasis, TRANSPORTS } from "../../model";
import type { FlowRFEdge } from "../binding";
import { useCanvas } from "../context";

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
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const { t, lang, selectOnly } = useCanvas();
  const f = data?.flow;
  const [path, labelX, labelY] = getSmoothStepPath({
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
      <EdgeLabelRenderer>
        <div className={`edge-labels ${deco?.dim ? "is-dim" : ""}`}>
          {f.step ? (
            <button
              type="button"
              className="edge-step nodrag nopan"
              style={{ transform: `translate(-50%, -50%) translate(${sourceX + off.dx}px, ${sourceY + off.dy}px)` }}
              onClick={() => selectOnly(id)}
              title={hover}
            >
              {f.step}
            </button>
          ) : null}
          {transport || unknown || deco?.count ? (
            <button
              type="button"
              className={`edge-badge nodrag nopan ${unknown ? "is-unknown" : ""}`}
              style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
              onClick={() => selectOnly(id)}
              title={hover}
            >
              {transport ? transport.badge : null}
              {unknown ? <span className="unknown-mark">?</span> : null}
              {deco?.count ? <span className={`finding-badge tone-${deco.tone ?? "amber"}`}>{deco.count}</span> : null}
            </button>
          ) : null}
        </div>
      </EdgeLabelRenderer>
    </g>
  );
}

export const FlowEdge = memo(FlowEdgeView);
