import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { geometryJob } from "../src/canvas/routing";
import { type GeometryState, geometryState, runGeometryJob } from "../src/canvas/routing-job";
import type { Point } from "../src/document/geometry";
import {
  CURRENT_SCHEMA_VERSION,
  FORMAT_ID,
  loadDocumentText,
  loadDocumentValue,
  type NagareDocument,
} from "../src/model";
import { syntheticDiagram } from "./canvas.bench";
import type { BenchRow } from "./types";

/**
 * Flow routing (src/geometry/routing) in Node, as the canvas's worker runs it (route, then labels): the whole
 * drawing from nothing, and again after each step of a node drag (incremental), for the two largest templates
 * and for the generated 300-node / 600-flow drawing of the canvas benchmark. Each job is timed on the wall
 * clock and in CPU time (the machine is shared: CPU time is the steadier figure). The drag frame in Chromium,
 * with the routing in its worker, is in the canvas area.
 */
const AREA = "routing";
const ROOT = path.resolve(import.meta.dirname, "..");

/** The canvas benchmark's generated drawing as a document. */
export function generatedDocument(): NagareDocument {
  const clip = syntheticDiagram();
  const r = loadDocumentValue({
    format: FORMAT_ID,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: "generated",
    meta: { organization: "bench", jimuName: "bench" },
    nodes: clip.nodes,
    groups: clip.groups,
    flows: clip.flows,
  });
  if (!r.ok) throw new Error(`generated drawing does not load: ${JSON.stringify(r.problems[0])}`);
  return r.doc;
}

function template(file: string): NagareDocument {
  const r = loadDocumentText(fs.readFileSync(path.join(ROOT, "templates", file), "utf8"));
  if (!r.ok) throw new Error(`template ${file} does not load`);
  return r.doc;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

interface Sample {
  wall: number;
  cpu: number;
  route: number;
  labels: number;
  rerouted: number;
  relabelled: number;
}

const NO_COUNTS = new Map<string, number | undefined>();

function timed(router: GeometryState, doc: NagareDocument, dragging?: ReadonlyMap<string, Point>): Sample {
  const job = geometryJob(1, doc, dragging, "ja", NO_COUNTS);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = runGeometryJob(router, job);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return {
    wall,
    cpu: (c.user + c.system) / 1000,
    route: r.routeMs,
    labels: r.labelMs,
    rerouted: r.rerouted,
    relabelled: r.relabelled,
  };
}

/** Nodes spread over the drawing, each dragged in `steps` moves of (6, 3) px, as the canvas benchmark drags. */
function dragMoves(doc: NagareDocument, nodes: number, steps: number): Map<string, Point>[] {
  const out: Map<string, Point>[] = [];
  const stride = Math.max(1, Math.floor(doc.nodes.length / nodes));
  for (let k = 0; k < nodes; k++) {
    const n = doc.nodes[(k * stride + 3) % doc.nodes.length];
    if (!n) continue;
    for (let s = 1; s <= steps; s++) out.push(new Map([[n.id, { x: n.position.x + 6 * s, y: n.position.y + 3 * s }]]));
    // Back where it was (not counted): the next node starts from the drawing as it is.
    out.push(new Map());
  }
  return out;
}

function measure(label: string, doc: NagareDocument, target: string, nodes: number, steps: number): BenchRow[] {
  const size = `${doc.nodes.length} nodes / ${doc.flows.length} flows`;
  // From nothing: a new router each time (what an export and the canvas's first job do). Two warm-up runs.
  for (let i = 0; i < 2; i++) timed(geometryState(), doc);
  const full: Sample[] = [];
  for (let i = 0; i < 7; i++) full.push(timed(geometryState(), doc));
  const router = geometryState();
  timed(router, doc);
  const moves = dragMoves(doc, nodes, steps);
  // One pass to warm up, one measured.
  for (const m of moves) timed(router, doc, m);
  // The return to the drawing between two nodes is not a drag step: routed, not counted.
  const drag = moves.flatMap((m) => {
    const s = timed(router, doc, m);
    return m.size ? [s] : [];
  });
  const med = (f: (s: Sample) => number, xs: Sample[]) => pct(xs.map(f), 50);
  const n = `${drag.length} moves of ${nodes} nodes`;
  return [
    {
      area: AREA,
      name: `route from nothing, ${label} (${size})`,
      value: med((s) => s.route, full),
      unit: "ms",
      note: "median of 7",
    },
    { area: AREA, name: `  labels placed from nothing, ${label}`, value: med((s) => s.labels, full), unit: "ms" },
    {
      area: AREA,
      name: `  CPU time, route + labels from nothing, ${label}`,
      value: med((s) => s.cpu, full),
      unit: "ms",
    },
    {
      area: AREA,
      name: `re-route + labels after one drag step, ${label}, p50`,
      value: med((s) => s.wall, drag),
      unit: "ms",
      target,
      note: n,
    },
    {
      area: AREA,
      name: `re-route + labels after one drag step, ${label}, p95`,
      value: pct(
        drag.map((s) => s.wall),
        95,
      ),
      unit: "ms",
      target,
      note: n,
    },
    {
      area: AREA,
      name: `  of which re-route, ${label}, p50 / p95`,
      value: med((s) => s.route, drag),
      unit: "ms",
      note: `p95 ${pct(
        drag.map((s) => s.route),
        95,
      ).toFixed(1)} ms`,
    },
    {
      area: AREA,
      name: `  of which labels, ${label}, p50 / p95`,
      value: med((s) => s.labels, drag),
      unit: "ms",
      note: `p95 ${pct(
        drag.map((s) => s.labels),
        95,
      ).toFixed(1)} ms`,
    },
    {
      area: AREA,
      name: `  CPU time per drag step, ${label}, p50 / p95`,
      value: med((s) => s.cpu, drag),
      unit: "ms",
      note: `p95 ${pct(
        drag.map((s) => s.cpu),
        95,
      ).toFixed(1)} ms`,
    },
    {
      area: AREA,
      name: `  flows re-routed per drag step, ${label}, p50`,
      value: med((s) => s.rerouted, drag),
      unit: "flows",
      note: `max ${Math.max(...drag.map((s) => s.rerouted))}`,
    },
    {
      area: AREA,
      name: `  flows whose labels were placed again per drag step, ${label}, p50`,
      value: med((s) => s.relabelled, drag),
      unit: "flows",
      note: `max ${Math.max(...drag.map((s) => s.relabelled))}`,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  return [
    ...measure("東京都 (tokyo-toei-jutaku)", template("tokyo-toei-jutaku.nagare.json"), "< 16", 15, 20),
    ...measure("昭島市 (akishima-juki)", template("akishima-juki.nagare.json"), "< 16", 15, 20),
    ...measure("generated", generatedDocument(), "< 50", 10, 15),
  ];
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  run().then((rows) => {
    for (const r of rows)
      console.log(
        `${r.name.padEnd(64)} ${r.value.toFixed(2).padStart(9)} ${r.unit.padEnd(5)} ${(r.target ?? "").padEnd(5)} ${r.note ?? ""}`,
      );
  });
}
