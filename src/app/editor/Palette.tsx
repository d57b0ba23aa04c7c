import { DRAG_MIME, type PaletteItem } from "../../canvas/Canvas";
import { KindIcon } from "../../canvas/nodes/shapes";
import type { Lang } from "../../i18n";
import { translate } from "../../i18n";
import { BOUNDARY_KINDS, type BoundaryKind, LANE_KINDS, type LaneKind, NODE_KINDS, type NodeKind } from "../../model";

/** One entry per node kind of the model, plus lanes and boundaries. Drag onto the canvas or click. */
export function Palette({
  lang,
  placing,
  onChoose,
  onAdd,
  onStandardLanes,
  collapsed,
  setCollapsed,
}: {
  lang: Lang;
  collapsed: boolean;
  setCollapsed: (c: boolean) => void;
  placing: PaletteItem;
  onChoose: (item: PaletteItem) => void;
  onAdd: (item: PaletteItem) => void;
  onStandardLanes: () => void;
}) {
  const key = (i: PaletteItem) =>
    i.type === "node" ? `node:${i.kind}` : i.type === "lane" ? `lane:${i.laneKind}` : `boundary:${i.boundaryKind}`;
  const current = key(placing);
  const entry = (item: PaletteItem, label: string, icon: React.ReactNode) => (
    <button
      type="button"
      key={key(item)}
      className={`palette-item ${current === key(item) ? "is-current" : ""}`}
      data-testid={`palette-${key(item)}`}
      draggable
      title={label}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_MIME, JSON.stringify(item));
        e.dataTransfer.effectAllowed = "copy";
        onChoose(item);
      }}
      onClick={() => {
        onChoose(item);
        onAdd(item);
      }}
    >
      {icon}
      <span>{label}</span>
    </button>
  );
  const toggle = (
    <button
      type="button"
      className="collapse-toggle"
      data-testid="palette-collapse"
      aria-expanded={!collapsed}
      aria-label={translate(lang, collapsed ? "editor.palette.expand" : "editor.palette.collapse")}
      title={translate(lang, collapsed ? "editor.palette.expand" : "editor.palette.collapse")}
      onClick={() => setCollapsed(!collapsed)}
    >
      {collapsed ? "»" : "«"}
    </button>
  );
  if (collapsed)
    return (
      <aside className="palette is-collapsed" aria-label={translate(lang, "editor.palette.title")}>
        {toggle}
      </aside>
    );
  return (
    <aside className="palette" aria-label={translate(lang, "editor.palette.title")}>
      <div className="palette-head">{toggle}</div>
      <h3>{translate(lang, "editor.palette.nodes")}</h3>
      <div className="palette-grid">
        {(Object.keys(NODE_KINDS) as NodeKind[]).map((k) =>
          entry({ type: "node", kind: k }, NODE_KINDS[k][lang], <KindIcon kind={k} size={28} />),
        )}
      </div>
      <h3>{translate(lang, "editor.palette.lanes")}</h3>
      <button type="button" className="palette-wide" onClick={onStandardLanes} data-testid="palette-standard-lanes">
        {translate(lang, "editor.palette.standardLanes")}
      </button>
      <div className="palette-grid">
        {(Object.keys(LANE_KINDS) as LaneKind[]).map((k) =>
          entry({ type: "lane", laneKind: k }, LANE_KINDS[k][lang], <span className="lane-swatch" />),
        )}
      </div>
      <h3>{translate(lang, "editor.palette.boundaries")}</h3>
      <div className="palette-grid">
        {(Object.keys(BOUNDARY_KINDS) as BoundaryKind[]).map((k) =>
          entry({ type: "boundary", boundaryKind: k }, BOUNDARY_KINDS[k][lang], <span className="boundary-swatch" />),
        )}
      </div>
      <p className="palette-hint">{translate(lang, "editor.palette.hint")}</p>
    </aside>
  );
}
