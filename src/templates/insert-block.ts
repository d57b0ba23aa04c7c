import type * as Y from "yjs";
import { newId as randomId } from "../document/ids";
import { writeCheckedElements } from "../document/write";
import { loadDocumentValue, type NagareDocument, type Problem } from "../model";
import { type BlockParts, blockById, type Point, UNOWNED_KINDS } from "./blocks";
import { bounds } from "./thumbnail";

/** Ids already used by any element of a document (ids are unique across collections). */
function usedIds(doc: NagareDocument): Set<string> {
  return new Set([
    ...doc.nodes.map((n) => n.id),
    ...doc.groups.map((g) => g.id),
    ...doc.flows.map((f) => f.id),
    ...doc.delegations.map((d) => d.id),
    ...doc.files.map((f) => f.id),
    ...doc.provisions.map((p) => p.id),
  ]);
}

/** Where a block goes when no point is given: to the right of everything already drawn. */
export function freeSpot(doc: NagareDocument): Point {
  if (doc.nodes.length === 0 && doc.groups.length === 0) return { x: 80, y: 80 };
  const b = bounds(doc);
  return { x: Math.round(b.x + b.width + 120), y: Math.round(b.y + 40) };
}

/**
 * The parts of a block placed into a document: fresh ids, and attached to the lane under its top-left corner
 * (so that the lane's party applies, as for a node dropped there).
 */
export function placeBlock(doc: NagareDocument, blockId: string, at: Point = freeSpot(doc)): BlockParts {
  const block = blockById(blockId);
  if (!block) throw new Error(`unknown building block: ${blockId}`);
  const used = usedIds(doc);
  const fresh = (prefix: string) => {
    for (;;) {
      const id = randomId(prefix);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const parts = block.make(at, fresh);
  const lane = doc.groups.find(
    (g) =>
      g.type === "lane" &&
      at.x >= g.position.x &&
      at.x <= g.position.x + g.size.width &&
      at.y >= g.position.y &&
      at.y <= g.position.y + g.size.height,
  );
  if (lane) {
    for (const g of parts.groups) if (!g.parentId) g.parentId = lane.id;
    for (const n of parts.nodes) {
      if (!n.groupId) n.groupId = lane.id;
      // Inside a lane, the lane tells who owns a terminal, medium or store (as for a node dropped there).
      if (UNOWNED_KINDS.has(n.kind) && n.owner?.party === "self" && !n.owner.name) delete n.owner;
    }
  }
  return parts;
}

/** The document with a block added (not validated). */
export function withBlock(doc: NagareDocument, parts: BlockParts): unknown {
  return {
    ...doc,
    nodes: [...doc.nodes, ...parts.nodes],
    groups: [...doc.groups, ...parts.groups],
    flows: [...doc.flows, ...parts.flows],
    delegations: [...doc.delegations, ...(parts.delegations ?? [])],
  };
}

export type InsertResult = { ok: true; parts: BlockParts } | { ok: false; problems: Problem[] };

/**
 * Inserts a block into the shared document: validated against the whole model first (nothing is written when
 * it would not load), then written in one local transaction, which is one undo step.
 */
export function insertBlock(ydoc: Y.Doc, doc: NagareDocument, blockId: string, at?: Point): InsertResult {
  const parts = placeBlock(doc, blockId, at);
  const check = loadDocumentValue(withBlock(doc, parts));
  if (!check.ok) return { ok: false, problems: check.problems };
  writeCheckedElements(ydoc, parts);
  return { ok: true, parts };
}
