import type * as Y from "yjs";
import type { NagareDocument } from "../model";
import { groupSubtree, type Point } from "./geometry";
import { transactLocal } from "./transact";
import { elementMap } from "./write";

/** Position and size writes: one atomic {x, y} value per element, throttled while dragging. */

export interface PositionWrite {
  coll: "nodes" | "groups";
  id: string;
  position: Point;
  size?: { width: number; height: number };
}

/** Writes positions (and sizes) in one transaction; each position is one atomic {x, y} value. */
export function writePositions(ydoc: Y.Doc, writes: PositionWrite[], gesture?: string, quiet = false): void {
  if (!writes.length) return;
  transactLocal(
    ydoc,
    () => {
      for (const w of writes) {
        const m = elementMap(ydoc, w.coll, w.id);
        if (!m) continue; // deleted meanwhile by someone else
        const x = Math.round(w.position.x * 10) / 10;
        const y = Math.round(w.position.y * 10) / 10;
        if (Number.isFinite(x) && Number.isFinite(y)) m.set("position", { x, y });
        if (w.size && w.size.width > 0 && w.size.height > 0)
          m.set("size", { width: Math.round(w.size.width), height: Math.round(w.size.height) });
      }
    },
    gesture,
    quiet,
  );
}

/**
 * Moves a group and everything inside it (positions are absolute, so the members move too).
 */
export function groupMoveWrites(doc: NagareDocument, groupId: string, to: Point): PositionWrite[] {
  const g = doc.groups.find((x) => x.id === groupId);
  if (!g) return [];
  const dx = to.x - g.position.x;
  const dy = to.y - g.position.y;
  const sub = groupSubtree(doc, groupId);
  const out: PositionWrite[] = [];
  for (const x of doc.groups)
    if (sub.has(x.id)) out.push({ coll: "groups", id: x.id, position: { x: x.position.x + dx, y: x.position.y + dy } });
  for (const n of doc.nodes)
    if (n.groupId && sub.has(n.groupId))
      out.push({ coll: "nodes", id: n.id, position: { x: n.position.x + dx, y: n.position.y + dy } });
  return out;
}

/**
 * Throttles shared position writes during a drag: the view updates every frame, the document at most
 * every `intervalMs`, and `flush` writes the last position at once (on drag stop).
 */
export function createPositionWriter(ydoc: Y.Doc, intervalMs = 80) {
  const pending = new Map<string, PositionWrite>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let gesture: string | undefined;
  const write = (quiet: boolean) => {
    if (timer) clearTimeout(timer);
    timer = null;
    const writes = [...pending.values()];
    pending.clear();
    writePositions(ydoc, writes, gesture, quiet);
  };
  /** The last write of a drag: everyone, this editor included, reads it. */
  const flush = () => write(false);
  return {
    /** Names the drag the following writes belong to (one undo step per drag). */
    begin(name: string) {
      gesture = name;
    },
    gesture: () => gesture,
    push(writes: PositionWrite[]) {
      for (const w of writes) pending.set(`${w.coll}:${w.id}`, w);
      if (!timer) timer = setTimeout(() => write(true), intervalMs);
    },
    flush,
    /** Positions of a drag that are not in the document yet. */
    pending: () => pending.size > 0,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
export type PositionWriter = ReturnType<typeof createPositionWriter>;
