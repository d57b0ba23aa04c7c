export { pathLength, pointAlong } from "../../geometry/routing";

import type { Box } from "./scene";

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Keeps labels apart: a coarse grid of occupied rectangles. Candidates are tried in order and the first
 * free one wins; when none is free, the least covered one.
 */
export class LabelSpace {
  private cells = new Map<string, { b: Box; owner?: string; weight: number }[]>();
  private static readonly CELL = 80;

  /** Marks an area as taken; an owner's own areas do not count against its labels (an edge's own line). */
  add(b: Box, owner?: string, weight = 1): void {
    const entry = { b, owner, weight };
    for (const key of this.keys(b)) {
      const list = this.cells.get(key) ?? [];
      list.push(entry);
      this.cells.set(key, list);
    }
  }

  cost(b: Box, self?: string): number {
    let total = 0;
    const seen = new Set<object>();
    for (const key of this.keys(b))
      for (const o of this.cells.get(key) ?? []) {
        if (seen.has(o) || (self !== undefined && o.owner === self)) continue;
        seen.add(o);
        total += overlapArea(b, o.b) * o.weight;
      }
    return total;
  }

  pick(candidates: Box[], self?: string): Box {
    let best: Box | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const cost = this.cost(c, self);
      if (cost === 0) return c;
      if (cost < bestCost) {
        best = c;
        bestCost = cost;
      }
    }
    return best ?? (candidates[0] as Box);
  }

  private *keys(b: Box): Generator<string> {
    const c = LabelSpace.CELL;
    for (let gx = Math.floor(b.x / c); gx <= Math.floor((b.x + b.w) / c); gx++)
      for (let gy = Math.floor(b.y / c); gy <= Math.floor((b.y + b.h) / c); gy++) yield `${gx},${gy}`;
  }
}
