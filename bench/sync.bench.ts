import fs from "node:fs";
import * as Y from "yjs";
import { writeModel } from "../src/sync/doc-shape";
import { startServer } from "../tests/support/server";
import {
  type Client,
  interleaved,
  largestTemplate,
  loadavg,
  moveAndSee,
  nagareClient,
  nodesOf,
  openClients,
  REFERENCE,
  referenceClient,
  rssBytes,
  SAMPLE_TIMEOUT_MS,
  Samples,
  startReference,
  wireClient,
} from "./sync-support";
import type { BenchContext, BenchRow } from "./types";

/**
 * Sync latency on loopback, the Nagare server (one instance, SQLite default: token check, schema and
 * element checks, group commit with fsync before the broadcast) against a bare y-websocket server in the
 * same run, in interleaved rounds: an edit in client A until visible in client B with 2 and 50 clients;
 * the write-heavy case (50 clients, 20 of them writing at 20 edits/s each); and the server's memory with
 * 100 open documents of the size of the largest template. Rows are emitted as each case ends.
 */
const AREA = "sync";
// Every y-websocket provider adds a process exit listener; the 50-client cases open many.
process.setMaxListeners(200);
const SAMPLES = 1_000;

type Created = { id: string; token: string };

export async function run(ctx: BenchContext = { deadline: Date.now() + 9 * 60_000, emit: () => {} }) {
  const template = largestTemplate();
  const nodeId = template.nodes[0]?.id as string;
  const nagare = await startServer({ env: { CREATE_PER_MINUTE: "1000" } });
  const ref = await startReference();
  // Each case may use its share of what is left; leftovers are reported, not waited for.
  const until = (share: number) => performance.now() + Math.max(0, (ctx.deadline - Date.now() - 20_000) * share);
  const created = async (): Promise<Created> => {
    const r = await fetch(`${nagare.url}/api/documents/import`, { method: "POST", body: JSON.stringify(template) });
    return (await r.json()) as Created;
  };
  try {
    for (const [n, share] of [
      [2, 0.2],
      [50, 0.3],
    ] as const) {
      const doc = await created();
      const ours = await openClients(() => nagareClient(nagare.url, doc.id, doc.token), n);
      const theirs = await openClients(() => referenceClient(ref.url, `ref-${n}`), n);
      try {
        writeModel((theirs[0] as Client).ydoc, template);
        await waitFor(() => nodesOf((theirs[n - 1] as Client).ydoc).has(nodeId));
        const [a, b] = [new Samples(), new Samples()];
        const end = until(share);
        const rounds = await interleaved(
          [
            (k) => moveAndSee(ours[0] as Client, ours[n - 1] as Client, nodeId, k, a, end),
            (k) => moveAndSee(theirs[0] as Client, theirs[n - 1] as Client, nodeId, k, b, end),
          ],
          SAMPLES,
          100,
          end,
        );
        ctx.emit(
          latencyRows(`edit visible in another client, ${n} clients`, a, b, ["< 50", "< 200"], {
            note: `${a.describe(SAMPLE_TIMEOUT_MS)} (reference ${b.describe(SAMPLE_TIMEOUT_MS)}) in ${rounds} interleaved rounds, order alternated; moves of one node in a ${template.nodes.length}-node template; B is the last of ${n} clients; load ${loadavg()}`,
          }),
        );
      } finally {
        ours.close();
        theirs.close();
      }
    }

    ctx.emit(
      await writeHeavy(nagare.url, ref.url, await created(), template, until(0.6), {
        nagare: nagare.proc.pid as number,
        reference: ref.proc.pid as number,
      }),
    );

    // Memory: 100 open documents (each held open by one client) of the largest template's size.
    const before = rssBytes(nagare.proc.pid as number);
    const docs: Created[] = [];
    for (let i = 0; i < 100; i++) docs.push(await created());
    let i = 0;
    const held = await openClients(() => {
      const d = docs[i++] as Created;
      return nagareClient(nagare.url, d.id, d.token);
    }, 100);
    await new Promise((r) => setTimeout(r, 1000));
    const rss = rssBytes(nagare.proc.pid as number);
    held.close();
    ctx.emit([
      {
        area: AREA,
        name: "server RSS increase, 100 open documents",
        value: (rss - before) / 1024 / 1024,
        unit: "MiB",
        target: "< 300",
        note: `largest template: ${template.nodes.length} nodes, ${template.flows.length} flows; RSS before ${(before / 1048576).toFixed(0)} MiB`,
      },
    ]);
  } finally {
    ref.proc.kill();
    await nagare.stop();
  }
  return [];
}

const WRITERS = 20;
const CLIENTS = 50;
const EVERY_MS = 50;
const PHASE_MS = 5_000;
const PHASES = 4;

/**
 * 50 clients on one document, 20 of them moving a node each at 20 edits/s (400 edits/s into the
 * document); each sample is the time from an edit until one of the 30 other clients has it (and, per
 * edit, until all 30 have it). Both servers get the same wire-level clients, in alternating phases.
 */
export async function writeHeavy(
  nagareUrl: string,
  refUrl: string,
  doc: Created,
  template: ReturnType<typeof largestTemplate>,
  end: number,
  pids: { nagare: number; reference: number },
): Promise<BenchRow[]> {
  const ids = template.nodes.slice(1, WRITERS + 1).map((n) => n.id);
  if (ids.length < WRITERS) throw new Error(`the largest template has fewer than ${WRITERS + 1} nodes`);
  const ws = (url: string) => url.replace(/^http/, "ws");
  const nagareAt = (_: number, seen?: Seen) => wireClient(`${ws(nagareUrl)}/ws/${doc.id}?token=${doc.token}`, seen);
  const refAt = (_: number, seen?: Seen) => wireClient(`${ws(refUrl)}/ws/ref-write-heavy`, seen);
  const systems = [
    { rig: await rig(nagareAt, ids, pids.nagare), pair: new Samples(), all: new Samples() },
    { rig: await rig(refAt, ids, pids.reference, template), pair: new Samples(), all: new Samples() },
  ];
  try {
    // Warm-up, not counted: each server once.
    for (const s of systems) await s.rig.phase(1_000, null, null);
    const rounds = await interleaved(
      systems.map((s) => async () => {
        if (performance.now() + PHASE_MS < end) await s.rig.phase(PHASE_MS, s.pair, s.all);
      }),
      PHASES,
      1,
      end,
    );
    const [ours, theirs] = systems as [(typeof systems)[0], (typeof systems)[0]];
    const note = (p: Samples, q: Samples) =>
      `${p.describe(SAMPLE_TIMEOUT_MS)} (reference ${q.describe(SAMPLE_TIMEOUT_MS)}), ${rounds} × ${PHASE_MS / 1000} s phases per server, order alternated; ${WRITERS} of ${CLIENTS} clients each move their own node every ${EVERY_MS} ms; Nagare on SQLite (SQLITE_SYNC=FULL); load ${loadavg()}`;
    return [
      ...latencyRows(
        `write-heavy (${CLIENTS} clients, ${WRITERS} writing at 20/s): edit visible at another client`,
        ours.pair,
        theirs.pair,
        ["< 100", "≤ 1.5× reference"],
        { note: `per (edit, receiving client): ${note(ours.pair, theirs.pair)}` },
      ),
      ...latencyRows(
        `write-heavy (${CLIENTS} clients, ${WRITERS} writing at 20/s): edit visible at all ${CLIENTS - WRITERS} readers`,
        ours.all,
        theirs.all,
        ["", ""],
        { note: `per edit, the last of the ${CLIENTS - WRITERS} non-writing clients: ${note(ours.all, theirs.all)}` },
      ),
      {
        area: AREA,
        name: `write-heavy (${CLIENTS} clients, ${WRITERS} writing at 20/s): server CPU time per 1,000 edits`,
        value: (1000 * ours.rig.cost.cpuMs) / ours.rig.cost.edits,
        unit: "ms",
        reference: { name: REFERENCE, value: (1000 * theirs.rig.cost.cpuMs) / theirs.rig.cost.edits },
        note: `user + system time of the server process during the measured phases (${ours.rig.cost.edits.toLocaleString("en")} and ${theirs.rig.cost.edits.toLocaleString("en")} edits); hardly affected by the machine's load`,
      },
    ];
  } finally {
    for (const s of systems) s.rig.close();
  }
}

type Seen = (update: Uint8Array) => void;

/** The 50 clients of one server and a way to run a writing phase on them. */
async function rig(
  make: (i: number, seen?: Seen) => Client,
  ids: string[],
  pid: number,
  seed?: ReturnType<typeof largestTemplate>,
) {
  // Edits in flight: key writer·1e7 + sequence → send time and readers still to see it.
  const inFlight = new Map<number, { t0: number; left: number }>();
  let record: { pair: Samples | null; all: Samples | null } = { pair: null, all: null };
  // A reader decodes what it receives (a position {x: sequence, y: writer}) instead of applying it.
  const seen: Seen = (update) => {
    const now = performance.now();
    for (const item of Y.decodeUpdate(update).structs) {
      if (!(item instanceof Y.Item && item.content instanceof Y.ContentAny)) continue;
      for (const pos of item.content.arr as ({ x?: number; y?: number } | null)[]) {
        const key = (pos?.y ?? 0) * 1e7 + (pos?.x ?? 0);
        const f = inFlight.get(key);
        if (!f) continue;
        record.pair?.add(now - f.t0);
        if (--f.left === 0) {
          record.all?.add(now - f.t0);
          inFlight.delete(key);
        }
      }
    }
  };
  const at = (i: number) => make(i, i >= WRITERS ? seen : undefined);
  // The reference starts empty: its last client writes the template first, and the others join once the
  // server has it (they keep only what they get when they connect).
  const first = seed ? await openClients(() => at(CLIENTS - 1), 1) : null;
  if (first && seed) {
    writeModel((first[0] as Client).ydoc, seed);
    await waitFor(async () => {
      const probe = await openClients(() => make(CLIENTS), 1);
      const has = ids.every((id) => nodesOf((probe[0] as Client).ydoc).has(id));
      probe.close();
      return has;
    });
  }
  let i = 0;
  const rest = await openClients(() => at(i++), CLIENTS - (first ? 1 : 0));
  const clients = Object.assign([...rest, ...(first ?? [])], {
    close: () => {
      rest.close();
      first?.close();
    },
  });
  const readers = clients.slice(WRITERS);
  let seq = 0;
  const cost = { cpuMs: 0, edits: 0 };
  return {
    cost,
    close: () => clients.close(),
    /** Writers write for `ms`; then what is not seen within SAMPLE_TIMEOUT_MS counts as lost. */
    async phase(ms: number, pair: Samples | null, all: Samples | null): Promise<void> {
      record = { pair, all };
      const cpu0 = cpuMs(pid);
      const seq0 = seq;
      const timers: NodeJS.Timeout[] = [];
      const stopAt = performance.now() + ms;
      await Promise.all(
        clients.slice(0, WRITERS).map(
          (c, w) =>
            new Promise<void>((resolve) => {
              const node = nodesOf(c.ydoc).get(ids[w] as string) as Y.Map<unknown>;
              // Staggered so that the writers do not all fire in the same turn.
              setTimeout(
                () => {
                  const t = setInterval(() => {
                    if (performance.now() >= stopAt) {
                      clearInterval(t);
                      return resolve();
                    }
                    const x = ++seq;
                    inFlight.set((w + 1) * 1e7 + x, { t0: performance.now(), left: readers.length });
                    node.set("position", { x, y: w + 1 });
                  }, EVERY_MS);
                  timers.push(t);
                },
                (w * EVERY_MS) / WRITERS,
              );
            }),
        ),
      );
      await waitFor(() => inFlight.size === 0, SAMPLE_TIMEOUT_MS).catch(() => {});
      for (const f of inFlight.values()) {
        if (pair) pair.lost += f.left;
        if (all) all.lost++;
      }
      inFlight.clear();
      if (pair) {
        cost.cpuMs += cpuMs(pid) - cpu0;
        cost.edits += seq - seq0;
      }
      record = { pair: null, all: null };
    },
  };
}

function latencyRows(
  name: string,
  ours: Samples,
  theirs: Samples,
  targets: [string, string],
  extra: { note: string },
): BenchRow[] {
  return (["p50", "p99"] as const).map((p, i) => ({
    area: AREA,
    name: `${name}, ${p}`,
    value: ours.percentile(p === "p50" ? 50 : 99),
    unit: "ms",
    ...(targets[i] ? { target: targets[i] } : {}),
    reference: { name: REFERENCE, value: theirs.percentile(p === "p50" ? 50 : 99) },
    note: extra.note,
  }));
}

/** CPU time (user + system) of a process so far, from /proc. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Polls `ok` every 10 ms; rejects after `ms`. */
async function waitFor(ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await ok())) {
    if (performance.now() > end) throw new Error("timed out waiting for the clients to sync");
    await new Promise((r) => setTimeout(r, 10));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const print = (rows: BenchRow[]) => {
    for (const r of rows)
      console.log(
        `${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.reference ? ` (reference ${r.reference.value.toFixed(2)}, ratio ${(r.value / r.reference.value).toFixed(2)})` : ""}  [${r.note ?? ""}]`,
      );
  };
  run({ deadline: Date.now() + 9 * 60_000, emit: print }).then(() => process.exit(0));
}
