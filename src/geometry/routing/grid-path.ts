import type { Box, Pt } from "./types";

/**
 * The fallback when no simple path (straight, L, Z) is free: a shortest orthogonal path with few bends on the
 * sparse grid made by the obstacles' edges (an orthogonal visibility graph), found with A*. `from` and `to`
 * are the ends of the stubs outside the two boxes; `fromDir` is the way the stub leaves, `toDir` the way the
 * last segment must enter (null: any). Returns null when the obstacles close every way.
 */

const BEND = 40;
const GAP = 2;

/** A binary min-heap of state numbers by key, on typed arrays (the search pushes tens of thousands). */
class Heap {
  private keys = new Float64Array(256);
  private vals = new Int32Array(256);
  size = 0;
  push(v: number, k: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const vals = new Int32Array(this.size * 2);
      vals.set(this.vals);
      this.vals = vals;
    }
    const K = this.keys;
    const V = this.vals;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((K[p] as number) <= k) break;
      K[i] = K[p] as number;
      V[i] = V[p] as number;
      i = p;
    }
    K[i] = k;
    V[i] = v;
  }
  /** Key of the smallest item. */
  peek(): number {
    return this.keys[0] as number;
  }
  pop(): number {
    const K = this.keys;
    const V = this.vals;
    const top = V[0] as number;
    const n = --this.size;
    const lk = K[n] as number;
    const lv = V[n] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && (K[r] as number) < (K[l] as number) ? r : l;
      if ((K[m] as number) >= lk) break;
      K[i] = K[m] as number;
      V[i] = V[m] as number;
      i = m;
    }
    K[i] = lk;
    V[i] = lv;
    return top;
  }
}

const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/**
 * The fewest bends from heading `d` (0 right, 1 down, 2 left, 3 up) to a point dx, dy away: none straight ahead,
 * one to turn towards it, two when it lies behind or to the side of a heading that runs away from it.
 */
function bendsAtLeast(dx: number, dy: number, d: number): number {
  const hx = DX[d] as number;
  const hy = DY[d] as number;
  if (dx === 0 && dy === 0) return 0;
  // Heading along the line that holds the goal.
  if (dy === 0) return hy !== 0 ? 1 : Math.sign(dx) === hx ? 0 : 2;
  if (dx === 0) return hx !== 0 ? 1 : Math.sign(dy) === hy ? 0 : 2;
  // The goal is off both lines: one turn if heading towards it on either axis, else two.
  return (hx !== 0 && Math.sign(dx) === hx) || (hy !== 0 && Math.sign(dy) === hy) ? 1 : 2;
}

function dirIndex(d: Pt | null): number {
  if (!d) return -1;
  if (d.x > 0) return 0;
  if (d.y > 0) return 1;
  if (d.x < 0) return 2;
  return 3;
}

export function gridPath(from: Pt, fromDir: Pt | null, to: Pt, toDir: Pt | null, obstacles: Box[]): Pt[] | null {
  const xsSet = new Set<number>([from.x, to.x]);
  const ysSet = new Set<number>([from.y, to.y]);
  let minX = Math.min(from.x, to.x);
  let maxX = Math.max(from.x, to.x);
  let minY = Math.min(from.y, to.y);
  let maxY = Math.max(from.y, to.y);
  for (const o of obstacles) {
    xsSet.add(o.x - GAP);
    xsSet.add(o.x + o.w + GAP);
    ysSet.add(o.y - GAP);
    ysSet.add(o.y + o.h + GAP);
    minX = Math.min(minX, o.x);
    maxX = Math.max(maxX, o.x + o.w);
    minY = Math.min(minY, o.y);
    maxY = Math.max(maxY, o.y + o.h);
  }
  // A ring outside everything, so that a way round always exists unless an end is walled in.
  xsSet.add(minX - 30);
  xsSet.add(maxX + 30);
  ysSet.add(minY - 30);
  ysSet.add(maxY + 30);
  const xs = [...xsSet].sort((a, b) => a - b);
  const ys = [...ysSet].sort((a, b) => a - b);
  const nx = xs.length;
  const ny = ys.length;
  const at = (ix: number, iy: number): Pt => ({ x: xs[ix] as number, y: ys[iy] as number });

  // Blocked grid points, and blocked moves to the right (hBlock) and down (vBlock) from a point, marked
  // obstacle by obstacle over the index ranges they cover (binary search), not point by point.
  const cells = nx * ny;
  const buf = buffers(cells);
  const free = buf.free;
  const hBlock = buf.hBlock;
  const vBlock = buf.vBlock;
  free.fill(1, 0, cells);
  hBlock.fill(0, 0, cells);
  vBlock.fill(0, 0, cells);
  for (const o of obstacles) {
    // Indices strictly inside the obstacle, and the runs of intervals that overlap its inside.
    const x0 = lowerBound(xs, o.x, false);
    const x1 = lowerBound(xs, o.x + o.w, true);
    const y0 = lowerBound(ys, o.y, false);
    const y1 = lowerBound(ys, o.y + o.h, true);
    for (let iy = y0; iy < y1; iy++) {
      for (let ix = x0; ix < x1; ix++) free[iy * nx + ix] = 0;
      for (let ix = Math.max(0, x0 - 1); ix < x1 && ix + 1 < nx; ix++) hBlock[iy * nx + ix] = 1;
    }
    for (let ix = x0; ix < x1; ix++)
      for (let iy = Math.max(0, y0 - 1); iy < y1 && iy + 1 < ny; iy++) vBlock[iy * nx + ix] = 1;
  }
  const start = xs.indexOf(from.x) + ys.indexOf(from.y) * nx;
  const goal = xs.indexOf(to.x) + ys.indexOf(to.y) * nx;
  free[start] = 1;
  free[goal] = 1;

  const first = dirIndex(fromDir);
  const last = dirIndex(toDir);
  // Costs and back links of this search: a state not stamped with this search's number is unvisited.
  const { cost, prev, stamp, heap } = buf;
  const mark = buf.search;
  heap.size = 0;
  const costOf = (s: number) => (stamp[s] === mark ? (cost[s] as number) : Number.POSITIVE_INFINITY);
  // Distance left plus the bends the way there needs at least (an estimate never above the true cost), and a
  // hair for that distance, so that of two equal estimates the one nearer the goal is taken first: the search
  // then runs ahead along one best way instead of widening over every way of the same cost.
  const h = (ix: number, iy: number, d: number) => {
    const dx = to.x - (xs[ix] as number);
    const dy = to.y - (ys[iy] as number);
    const left = Math.abs(dx) + Math.abs(dy);
    return left * (1 + 1e-9) + BEND * bendsAtLeast(dx, dy, d);
  };
  const startX = start % nx;
  const startY = (start - startX) / nx;
  for (let d = 0; d < 4; d++) {
    if (first >= 0 && d === (first + 2) % 4) continue;
    const s = start * 4 + d;
    cost[s] = first >= 0 && d !== first ? BEND : 0;
    prev[s] = -1;
    stamp[s] = mark;
    heap.push(s, (cost[s] as number) + h(startX, startY, d));
  }
  let end = -1;
  let endCost = Number.POSITIVE_INFINITY;
  while (heap.size) {
    if (heap.peek() >= endCost) break;
    const key = heap.peek();
    const s = heap.pop();
    const cell = s >> 2;
    const d = s & 3;
    const c = cost[s] as number;
    const ix = cell % nx;
    const iy = (cell - ix) / nx;
    // A state reached again more cheaply since this entry was queued: its cheaper entry is (or was) the one to expand.
    if (key > c + h(ix, iy, d)) continue;
    if (cell === goal) {
      // Arriving across the last stub costs a bend; arriving against it would double back.
      if (last >= 0 && d === (last + 2) % 4) continue;
      const total = c + (last < 0 || d === last ? 0 : BEND);
      if (total < endCost) {
        end = s;
        endCost = total;
      }
      continue;
    }
    for (let nd = 0; nd < 4; nd++) {
      if (nd === (d + 2) % 4) continue;
      // The move to the next grid point, if nothing blocks it.
      let next: number;
      let step: number;
      if (nd === 0) {
        if (ix + 1 >= nx || hBlock[cell]) continue;
        next = cell + 1;
        step = (xs[ix + 1] as number) - (xs[ix] as number);
      } else if (nd === 2) {
        if (ix === 0 || hBlock[cell - 1]) continue;
        next = cell - 1;
        step = (xs[ix] as number) - (xs[ix - 1] as number);
      } else if (nd === 1) {
        if (iy + 1 >= ny || vBlock[cell]) continue;
        next = cell + nx;
        step = (ys[iy + 1] as number) - (ys[iy] as number);
      } else {
        if (iy === 0 || vBlock[cell - nx]) continue;
        next = cell - nx;
        step = (ys[iy] as number) - (ys[iy - 1] as number);
      }
      if (!free[next]) continue;
      const nc = c + step + (nd === d ? 0 : BEND);
      const ns = next * 4 + nd;
      if (nc < costOf(ns)) {
        cost[ns] = nc;
        prev[ns] = s;
        stamp[ns] = mark;
        const jx = ix + (DX[nd] as number);
        heap.push(ns, nc + h(jx, iy + (DY[nd] as number), nd));
      }
    }
  }
  heap.size = 0;
  if (end < 0) return null;
  const path: Pt[] = [];
  for (let s = end; s >= 0; s = prev[s] as number) {
    const cell = s >> 2;
    path.push(at(cell % nx, Math.floor(cell / nx)));
    if (prev[s] === -1) break;
  }
  return path.reverse();
}

interface Buffers {
  free: Uint8Array;
  hBlock: Uint8Array;
  vBlock: Uint8Array;
  cost: Float64Array;
  prev: Int32Array;
  stamp: Uint32Array;
  heap: Heap;
  /** Number of the current search, for `stamp`. */
  search: number;
}

let shared: Buffers | null = null;

/**
 * Arrays for a grid of `cells` points, kept from one search to the next: a drag searches again for the same
 * flows at every step, and fresh arrays each time would mostly be work for the garbage collector.
 */
function buffers(cells: number): Buffers {
  const states = cells * 4;
  if (!shared || shared.cost.length < states) {
    const size = Math.max(states, 2 * (shared?.cost.length ?? 0), 4096);
    shared = {
      free: new Uint8Array(size / 4),
      hBlock: new Uint8Array(size / 4),
      vBlock: new Uint8Array(size / 4),
      cost: new Float64Array(size),
      prev: new Int32Array(size),
      stamp: new Uint32Array(size),
      heap: shared?.heap ?? new Heap(),
      search: 0,
    };
  }
  shared.search++;
  if (shared.search >= 0xffffffff) {
    shared.stamp.fill(0);
    shared.search = 1;
  }
  return shared;
}

/** The first index whose value is above v (strict: at or above v). */
function lowerBound(a: number[], v: number, orEqual: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = a[mid] as number;
    if (x > v || (orEqual && x === v)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
