import type * as Y from "yjs";
import {
  BOUNDARY_KINDS,
  type BoundaryKind,
  LANE_KINDS,
  type LaneKind,
  LIMITS,
  type NagareDocument,
  NODE_KINDS,
  type NodeKind,
} from "../model";
import { center, defaultNodeSize, groupSubtree, innermostGroupAt, nodeSize, type Point } from "./geometry";
import { newId } from "./ids";
import { transactLocal } from "./transact";
import { patchElement, putElement, type WriteResult } from "./write";

/** Creating and naming elements and flows, each one validated transaction (one undo step). */

type Lang = "ja" | "en";

export function createNode(ydoc: Y.Doc, doc: NagareDocument, kind: NodeKind, at: Point, lang: Lang = "ja"): string {
  const size = defaultNodeSize(kind);
  const position = { x: Math.round(at.x - size.width / 2), y: Math.round(at.y - size.height / 2) };
  const group = innermostGroupAt(doc, at);
  const id = newId("n");
  const node: Record<string, unknown> = { id, kind, label: NODE_KINDS[kind][lang], position };
  if (group) node.groupId = group.id;
  putElement(ydoc, "nodes", node as { id: string });
  return id;
}

export type GroupSpec = { type: "lane"; laneKind: LaneKind } | { type: "boundary"; boundaryKind: BoundaryKind };

export function createGroup(ydoc: Y.Doc, doc: NagareDocument, spec: GroupSpec, at: Point, lang: Lang = "ja"): string {
  const size = spec.type === "lane" ? { width: 260, height: 640 } : { width: 320, height: 220 };
  const position = { x: Math.round(at.x - size.width / 2), y: Math.round(at.y - (spec.type === "lane" ? 40 : 110)) };
  const id = newId("g");
  const g: Record<string, unknown> = {
    id,
    type: spec.type,
    label: spec.type === "lane" ? LANE_KINDS[spec.laneKind][lang] : BOUNDARY_KINDS[spec.boundaryKind][lang],
    position,
    size,
  };
  if (spec.type === "lane") g.laneKind = spec.laneKind;
  else {
    g.boundaryKind = spec.boundaryKind;
    const parent = innermostGroupAt(doc, at);
    if (parent) g.parentId = parent.id;
  }
  putElement(ydoc, "groups", g as { id: string });
  return id;
}

/** The usual columns of a 別添1 diagram, side by side to the right of what is drawn, as one step. */
export const STANDARD_LANES: LaneKind[] = ["subject", "contractor", "self", "department", "external"];

export function createStandardLanes(ydoc: Y.Doc, doc: NagareDocument, lang: Lang = "ja"): string[] {
  const right = Math.max(
    0,
    ...doc.groups.map((g) => g.position.x + g.size.width),
    ...doc.nodes.map((n) => n.position.x + 200),
  );
  const x0 = doc.groups.length || doc.nodes.length ? right + 80 : 0;
  const ids: string[] = [];
  transactLocal(ydoc, () => {
    STANDARD_LANES.forEach((laneKind, i) => {
      const id = newId("g");
      putElement(ydoc, "groups", {
        id,
        type: "lane",
        laneKind,
        label: LANE_KINDS[laneKind][lang],
        position: { x: x0 + i * 280, y: 0 },
        size: { width: 280, height: 720 },
      });
      ids.push(id);
    });
  });
  return ids;
}

export type ConnectResult = { ok: true; id: string } | { ok: false; reason: "missing_end" | "read_only" };

/** Draws a flow; its My Number status starts unknown (null) and shows as such until someone decides. */
export function connectNodes(ydoc: Y.Doc, doc: NagareDocument, source: string, target: string): ConnectResult {
  const ids = new Set(doc.nodes.map((n) => n.id));
  if (!ids.has(source) || !ids.has(target)) return { ok: false, reason: "missing_end" };
  const id = newId("f");
  putElement(ydoc, "flows", { id, source, target, carriesMyNumber: null } as { id: string });
  return { ok: true, id };
}

/** Turns a flow around (what went from A to B now goes from B to A). One undo step. */
export function reverseFlow(ydoc: Y.Doc, doc: NagareDocument, flowId: string): boolean {
  const f = doc.flows.find((x) => x.id === flowId);
  if (!f) return false;
  return patchElement(ydoc, "flows", f.id, { source: f.target, target: f.source }).ok;
}

/** Attaches one or both ends of a flow to other elements. One undo step. */
export function reattachFlow(
  ydoc: Y.Doc,
  doc: NagareDocument,
  flowId: string,
  ends: { source?: string; target?: string },
): ConnectResult {
  const f = doc.flows.find((x) => x.id === flowId);
  const ids = new Set(doc.nodes.map((n) => n.id));
  if (!f || (ends.source && !ids.has(ends.source)) || (ends.target && !ids.has(ends.target)))
    return { ok: false, reason: "missing_end" };
  patchElement(ydoc, "flows", f.id, { source: ends.source ?? f.source, target: ends.target ?? f.target });
  return { ok: true, id: f.id };
}

export type LabelCheck = { ok: true; value: string } | { ok: false; reason: "empty" | "too_long"; max: number };

export function checkLabel(input: string): LabelCheck {
  const v = input.replace(/[\r\n]+/g, " ").trim();
  if (!v) return { ok: false, reason: "empty", max: LIMITS.labelChars };
  if (v.length > LIMITS.labelChars) return { ok: false, reason: "too_long", max: LIMITS.labelChars };
  return { ok: true, value: v };
}

/** Renames a node or a group. Refuses empty and over-long labels instead of cutting them. */
export function setLabel(ydoc: Y.Doc, coll: "nodes" | "groups", id: string, input: string): LabelCheck | WriteResult {
  const c = checkLabel(input);
  if (!c.ok) return c;
  return patchElement(ydoc, coll, id, { label: c.value });
}

/**
 * After a drag: every moved node or boundary belongs to the innermost group under its centre (explicit
 * membership), or to none when dropped outside. Lanes stay top level. Returns the ids whose membership changed.
 */
export function updateMembership(ydoc: Y.Doc, doc: NagareDocument, moved: string[], gesture?: string): string[] {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const changed: string[] = [];
  transactLocal(
    ydoc,
    () => {
      for (const id of moved) {
        const n = nodes.get(id);
        if (n) {
          const size = nodeSize(n);
          const g = innermostGroupAt(doc, center({ ...n.position, ...size }));
          if ((g?.id ?? undefined) !== n.groupId) {
            patchElement(ydoc, "nodes", id, { groupId: g?.id });
            changed.push(id);
          }
          continue;
        }
        const grp = groups.get(id);
        if (grp && grp.type === "boundary") {
          const sub = groupSubtree(doc, id);
          const p = innermostGroupAt(doc, center({ ...grp.position, ...grp.size }), sub);
          if ((p?.id ?? undefined) !== grp.parentId) {
            patchElement(ydoc, "groups", id, { parentId: p?.id });
            changed.push(id);
          }
        }
      }
    },
    gesture,
  );
  return changed;
}
