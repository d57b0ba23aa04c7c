import { type NodeProps, NodeResizer } from "@xyflow/react";
import { memo } from "react";
import { ICON_KINDS } from "../../document/geometry";
import { NODE_KINDS } from "../../model";
import type { KindRFNode } from "../binding";
import { useCanvas } from "../context";
import { FourSideHandles } from "./Handles";
import { LabelEditor } from "./LabelEditor";
import { BoxShape, KindIcon } from "./shapes";

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
  const kindTag =
    n.kind === "contractor"
      ? t("editor.tag.contractor")
      : n.kind === "subcontractor"
        ? t("editor.tag.subcontractor")
        : null;
  // The 委託事項 marking: which delegated work this node carries out.
  const tag = data.delegation ? `${kindTag ?? t("editor.tag.contractor")}: ${data.delegation}` : kindTag;
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
      {icon ? (
        <div className="kind-symbol">
          <KindIcon kind={n.kind} size={Math.min(46, h - 30)} />
        </div>
      ) : (
        <svg className="kind-shape" width={w} height={h} aria-hidden="true">
          <BoxShape kind={n.kind} width={w} height={h} />
        </svg>
      )}
      {tag ? (
        <span className="kind-tag" title={tag}>
          {tag}
        </span>
      ) : null}
      {editingId === id ? (
        <LabelEditor coll="nodes" id={id} initial={n.label} />
      ) : (
        <div className="kind-label">{n.label}</div>
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
