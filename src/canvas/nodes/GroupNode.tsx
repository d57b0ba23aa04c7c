import { type NodeProps, NodeResizer } from "@xyflow/react";
import { memo } from "react";
import { groupTitle } from "../../shapes";
import type { GroupRFNode } from "../binding";
import { useCanvas } from "../context";
import { LabelEditor } from "./LabelEditor";

/** A lane (column of one party) or a boundary (network zone, platform); members are set by dropping. */
function GroupNodeView({ id, data, selected, parentId, width, height }: NodeProps<GroupRFNode>) {
  const { editingId, readOnly, onResized } = useCanvas();
  const g = data.group;
  const classes = ["group-node", `group-${g.type}`];
  if (g.type === "lane" && g.laneKind) classes.push(`lane-${g.laneKind}`);
  if (data.deco?.dim) classes.push("is-dim");
  if (data.deco?.tone) classes.push(`tone-${data.deco.tone}`);
  if (selected) classes.push("is-selected");
  const remote = data.deco?.remote?.[0];
  // The title whole, in the lines and header height every export prints (src/shapes/titles.ts).
  const title = groupTitle(g.type, g.label, { x: 0, y: 0, w: width ?? g.size.width, h: height ?? g.size.height });
  const text = { fontSize: title.size, lineHeight: `${title.line}px` };
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
      <div
        className="group-header"
        style={g.type === "lane" ? { ...text, height: title.band.h, paddingTop: title.top } : text}
      >
        {editingId === id ? (
          <LabelEditor coll="groups" id={id} initial={g.label} />
        ) : (
          <span className="group-title">
            {title.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one title, in order
              <span key={i}>{line}</span>
            ))}
          </span>
        )}
        {data.deco?.count ? (
          <span className={`finding-badge tone-${data.deco.tone ?? "amber"}`}>{data.deco.count}</span>
        ) : null}
      </div>
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);
