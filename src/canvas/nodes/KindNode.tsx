import { type NodeProps, NodeResizer } from "@xyflow/react";
import { memo } from "react";
import { NODE_KINDS } from "../../model";
import { hasTab, ICON_KINDS, KIND_COLORS, kindFigure, TAB_COLORS, tabFigure, tabText } from "../../shapes";
import type { KindRFNode } from "../binding";
import { useCanvas } from "../context";
import { FourSideHandles } from "./Handles";
import { LabelEditor } from "./LabelEditor";
import { Prims } from "./shapes";

/** One element of the diagram, drawn after the 別添1 legend. */
function KindNodeView({ id, data, selected, width, height, parentId }: NodeProps<KindRFNode>) {
  const { editingId, readOnly, lang, onResized, t } = useCanvas();
  const n = data.node;
  const deco = data.deco;
  const w = width ?? 150;
  const h = height ?? 60;
  const icon = ICON_KINDS.has(n.kind);
  const classes = ["kind-node", `kind-${n.kind}`, icon ? "is-icon" : "is-box"];
  if (deco?.tone) classes.push(`tone-${deco.tone}`);
  if (deco?.dim) classes.push("is-dim");
  if (deco?.focus) classes.push("is-focus");
  const remote = deco?.remote?.[0];
  // The same figure as every export (src/shapes), drawn in the node's own coordinates.
  const figure = kindFigure(n.kind, { x: 0, y: 0, w, h }, n.label, { colors: KIND_COLORS[n.kind] });
  const label = figure.label;
  // The 委託事項 marking: which delegated work this node carries out.
  const tag = hasTab(n.kind)
    ? tabText(
        t(n.kind === "contractor" ? "editor.tag.contractor" : "editor.tag.subcontractor"),
        data.delegation,
        lang === "ja" ? "：" : ": ",
      )
    : null;
  const tab = tag ? tabFigure({ x: 0, y: 0, w, h }, tag) : null;
  return (
    <div
      className={classes.join(" ")}
      data-testid={`node-${n.label}`}
      data-kind={n.kind}
      title={`${NODE_KINDS[n.kind][lang]}: ${n.label}`}
      style={remote ? { outline: `3px solid ${remote.color}`, outlineOffset: 3 } : undefined}
    >
      {!readOnly && !icon ? (
        <NodeResizer
          isVisible={selected}
          minWidth={60}
          minHeight={36}
          onResizeEnd={(_, p) => onResized(id, p, parentId)}
          lineClassName="resize-line"
        />
      ) : null}
      <svg className="kind-shape" width={w} height={h} aria-hidden="true">
        <Prims prims={figure.prims} />
      </svg>
      {tag && tab ? (
        <span
          className="kind-tag"
          title={tag}
          style={{
            left: tab.box.x,
            top: tab.box.y,
            width: tab.box.w,
            height: tab.box.h,
            lineHeight: `${tab.line}px`,
            fontSize: tab.size,
            // The paper's text offsets, measured from the outside of the 1 px border.
            paddingLeft: tab.pad - 1,
            paddingTop: tab.top - 1,
            background: TAB_COLORS.color.fill,
            color: TAB_COLORS.color.text,
            borderColor: KIND_COLORS[n.kind].stroke,
          }}
        >
          {tab.lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one tab, in order
            <span key={i}>{line}</span>
          ))}
        </span>
      ) : null}
      {editingId === id ? (
        <LabelEditor coll="nodes" id={id} initial={n.label} />
      ) : (
        <div
          className="kind-label"
          style={{
            top: label.top,
            left: label.cx - label.width / 2,
            width: label.width,
            fontSize: label.size,
            lineHeight: `${label.line}px`,
          }}
        >
          {label.lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one label, in order
            <span key={i}>{line}</span>
          ))}
        </div>
      )}
      {deco?.count ? <span className={`finding-badge tone-${deco.tone ?? "amber"}`}>{deco.count}</span> : null}
      {remote ? (
        <span className="remote-tag" style={{ background: remote.color }}>
          {remote.name}
        </span>
      ) : null}
      <FourSideHandles connectable={!readOnly} />
    </div>
  );
}

export const KindNode = memo(KindNodeView);
