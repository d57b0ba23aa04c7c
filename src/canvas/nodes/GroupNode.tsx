import { type NodeProps, NodeResizer } from "@xyflow/react";
import { memo } from "react";
import type { GroupRFNode } from "../binding";
import { useCanvas } from "../context";
import { LabelEditor } from "./LabelEditor";

/** A lane (column of one party) or a boundary (network zone, platform); members are set by dropping. */
function GroupNodeView({ id, data, selected, parentId }: NodeProps<GroupRFNode>) {
  const { editingId, readOnly, onResized } = useCanvas();
  const g = data.group;
  const classes = ["group-node", `group-${g.type}`];
  if (g.type === "lane" && g.laneKind) classes.push(`lane-${g.laneKind}`);
  if (data.deco?.dim) classes.push("is-dim");
  if (data.deco?.tone) classes.push(`tone-${data.deco.tone}`);
  if (selected) classes.push("is-selected");
  const remote = data.deco?.remote?.[0];
  return (
    <div
      className={classes.join(" ")}
      data-testid={`group-${g.label}`}
      style={remote ? { outline: `3px solid ${remote.color}` } : undefined}
    >
      {!readOnly ? (
        <NodeResizer
          isVisible={selected}
          minWidth={120}
          minHeight={80}
          onResizeEnd={(_, p) => onResized(id, p, parentId)}
          lineClassName="resize-line"
          handleClassName="resize-handle"
        />
      ) : null}
      <div className="group-header">
        {editingId === id ? <LabelEditor coll="groups" id={id} initial={g.label} /> : <span>{g.label}</span>}
        {data.deco?.count ? (
          <span className={`finding-badge tone-${data.deco.tone ?? "amber"}`}>{data.deco.count}</span>
        ) : null}
      </div>
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);
