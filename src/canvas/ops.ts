import type * as Y from "yjs";
import { type MessageKey, translate } from "../i18n";
import {
  BOUNDARY_KINDS,
  type BoundaryKind,
  LANE_KINDS,
  type LaneKind,
  LIMITS,
  loadDocumentValue,
  type ModelGroup,
  type ModelNode,
  type NagareDocument,
  NODE_KINDS,
  type NodeKind,
  type Problem,
} from "../model";
import { type ElementSelection, patchElement, putElement, SCHEMAS, transactLocal, type WriteResult } from "./binding";
import { center, defaultNodeSize, groupSubtree, innermostGroupAt, type Point } from "./geometry";
import { newId } from "./ids";

/** Editing operations of the canvas, each one validated transaction (one undo step). */

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
          const size = n.size ?? defaultNodeSize(n.kind);
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

// ---------------------------------------------------------------- copy & paste

export const CLIP_FORMAT = "nagare-clip";

export function copyPayload(doc: NagareDocument, sel: ElementSelection): string {
  const nodeIds = new Set(sel.nodes ?? []);
  const groupIds = new Set(sel.groups ?? []);
  for (const gid of [...groupIds]) for (const id of groupSubtree(doc, gid)) groupIds.add(id);
  for (const n of doc.nodes) if (n.groupId && groupIds.has(n.groupId)) nodeIds.add(n.id);
  // Flows travel when both their ends do.
  const flows = doc.flows.filter((f) => nodeIds.has(f.source) && nodeIds.has(f.target));
  return JSON.stringify({
    format: CLIP_FORMAT,
    version: 1,
    nodes: doc.nodes.filter((n) => nodeIds.has(n.id)),
    groups: doc.groups.filter((g) => groupIds.has(g.id)),
    flows,
  });
}

export type PasteResult =
  | { ok: true; nodes: string[]; groups: string[]; flows: string[] }
  | { ok: false; problems: Problem[] };

const refuse = (key: MessageKey, vars?: Record<string, string | number>, path = ""): PasteResult => ({
  ok: false,
  problems: [{ path, code: "paste", ja: translate("ja", key, vars), en: translate("en", key, vars) }],
});

/**
 * Pastes copied elements (or the elements of a whole `*.nagare.json` document) with fresh ids, shifted by
 * `offset`. All or nothing: one invalid element refuses the paste and says which one.
 */
export function pasteText(ydoc: Y.Doc, doc: NagareDocument, text: string, offset: Point): PasteResult {
  if (text.length > LIMITS.fileBytes) return refuse("editor.paste.tooLarge");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refuse("editor.paste.notJson");
  }
  if (!raw || typeof raw !== "object") return refuse("editor.paste.notOurs");
  const obj = raw as Record<string, unknown>;
  let items: { nodes: unknown[]; groups: unknown[]; flows: unknown[] };
  if (obj.format === CLIP_FORMAT) {
    const arr = (v: unknown) => (Array.isArray(v) ? v : []);
    items = { nodes: arr(obj.nodes), groups: arr(obj.groups), flows: arr(obj.flows) };
  } else if (obj.format === "nagare") {
    const loaded = loadDocumentValue(obj);
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    items = { nodes: loaded.doc.nodes, groups: loaded.doc.groups, flows: loaded.doc.flows };
  } else return refuse("editor.paste.notOurs");

  const budget = LIMITS.nodes - doc.nodes.length;
  if (items.nodes.length > budget) return refuse("editor.paste.tooMany");
  // Validate everything before writing anything.
  const parsed = { nodes: [] as ModelNode[], groups: [] as ModelGroup[], flows: [] as Record<string, unknown>[] };
  for (const [coll, list] of [
    ["nodes", items.nodes],
    ["groups", items.groups],
    ["flows", items.flows],
  ] as const) {
    for (let i = 0; i < list.length; i++) {
      const r = SCHEMAS[coll].safeParse(list[i]);
      if (!r.success)
        return refuse(
          "editor.paste.invalid",
          {
            where: `${coll}[${i}]`,
            detail: `${r.error.issues[0]?.path.join(".") ?? ""}: ${r.error.issues[0]?.message ?? ""}`,
          },
          `${coll}[${i}]`,
        );
      (parsed[coll] as unknown[]).push(r.data);
    }
  }
  const idMap = new Map<string, string>();
  for (const g of parsed.groups) idMap.set(g.id, newId("g"));
  for (const n of parsed.nodes) idMap.set(n.id, newId("n"));
  const shift = (p: Point) => ({ x: p.x + offset.x, y: p.y + offset.y });
  const out = { nodes: [] as string[], groups: [] as string[], flows: [] as string[] };
  transactLocal(ydoc, () => {
    for (const g of parsed.groups) {
      const id = idMap.get(g.id) as string;
      const parentId = g.parentId ? idMap.get(g.parentId) : undefined;
      putElement(ydoc, "groups", { ...g, id, parentId, position: shift(g.position) });
      out.groups.push(id);
    }
    for (const n of parsed.nodes) {
      const id = idMap.get(n.id) as string;
      const groupId = n.groupId ? idMap.get(n.groupId) : undefined;
      // References to lists of another document (files, 委託事項) do not travel.
      putElement(ydoc, "nodes", {
        ...n,
        id,
        groupId,
        position: shift(n.position),
        fileIds: [],
        delegationId: undefined,
      });
      out.nodes.push(id);
    }
    for (const f of parsed.flows) {
      const source = idMap.get(f.source as string);
      const target = idMap.get(f.target as string);
      if (!source || !target) continue; // an edge to a node that was not copied
      const id = newId("f");
      putElement(ydoc, "flows", {
        ...f,
        id,
        source,
        target,
        fileIds: [],
        delegationId: undefined,
        provisionId: undefined,
      });
      out.flows.push(id);
    }
  });
  return { ok: true, ...out };
}
