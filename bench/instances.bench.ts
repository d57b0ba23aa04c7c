import { writeModel } from "../src/sync/doc-shape";
import { startPostgres, startRedis } from "../tests/support/engines";
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
  SAMPLE_TIMEOUT_MS,
  Samples,
  startReference,
} from "./sync-support";
import type { BenchContext, BenchRow } from "./types";

/**
 * Several instances: an edit in client A until visible in client B with A and B on two instances
 * (PostgreSQL store, Redis fan-out; throwaway engines), with both on one instance of the same store, and
 * on the bare y-websocket reference — in the same run, in interleaved rounds whose order rotates.
 */
const AREA = "instances";
const SAMPLES = 1_000;

export async function run(ctx: BenchContext = { deadline: Date.now() + 9 * 60_000, emit: () => {} }) {
  const template = largestTemplate();
  const nodeId = template.nodes[0]?.id as string;
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = { DATABASE_URL: await pg.createDatabase("bench"), REDIS_URL: redis.url, CREATE_PER_MINUTE: "1000" };
  const [one, two, ref] = await Promise.all([startServer({ env }), startServer({ env }), startReference()]);
  const opened: { close: () => void }[] = [];
  try {
    // One document per pair, so that each edit reaches exactly one other client.
    const imported = async () => {
      const r = await fetch(`${one.url}/api/documents/import`, { method: "POST", body: JSON.stringify(template) });
      return (await r.json()) as { id: string; token: string };
    };
    const [d1, d2] = [await imported(), await imported()];
    const open = async (make: () => Client) => {
      const c = await openClients(make, 1);
      opened.push(c);
      return c[0] as Client;
    };
    const cross = [
      await open(() => nagareClient(one.url, d1.id, d1.token)),
      await open(() => nagareClient(two.url, d1.id, d1.token)),
    ];
    const same = [
      await open(() => nagareClient(one.url, d2.id, d2.token)),
      await open(() => nagareClient(one.url, d2.id, d2.token)),
    ];
    const bare = [await open(() => referenceClient(ref.url, "ref")), await open(() => referenceClient(ref.url, "ref"))];
    writeModel((bare[0] as Client).ydoc, template);
    const end = performance.now() + Math.max(0, ctx.deadline - Date.now() - 20_000);
    while (!nodesOf((bare[1] as Client).ydoc).has(nodeId)) {
      if (performance.now() > end) throw new Error("the reference clients did not sync");
      await new Promise((r) => setTimeout(r, 10));
    }
    const s = { cross: new Samples(), same: new Samples(), bare: new Samples() };
    const pair = (c: Client[], into: Samples) => (k: number) =>
      moveAndSee(c[0] as Client, c[1] as Client, nodeId, k, into, end);
    const rounds = await interleaved([pair(cross, s.cross), pair(same, s.same), pair(bare, s.bare)], SAMPLES, 100, end);
    const pct = (x: Samples, p: "p50" | "p99") => x.percentile(p === "p50" ? 50 : 99);
    const how = `in ${rounds} interleaved rounds of 100, order rotated; load ${loadavg()}`;
    const rows: BenchRow[] = [];
    for (const p of ["p50", "p99"] as const) {
      rows.push({
        area: AREA,
        name: `edit visible in a client on another instance (PostgreSQL + Redis), ${p}`,
        value: pct(s.cross, p),
        unit: "ms",
        target: "≤ 2× one instance",
        reference: { name: "both clients on one instance (same PostgreSQL store)", value: pct(s.same, p) },
        note: `${s.cross.describe(SAMPLE_TIMEOUT_MS)} (one instance ${s.same.describe(SAMPLE_TIMEOUT_MS)}) ${how}`,
      });
    }
    for (const [name, x] of [
      ["on another instance", s.cross],
      ["on one instance", s.same],
    ] as const)
      for (const p of ["p50", "p99"] as const)
        rows.push({
          area: AREA,
          name: `edit visible in a client ${name} (PostgreSQL + Redis) against the bare reference, ${p}`,
          value: pct(x, p),
          unit: "ms",
          reference: { name: REFERENCE, value: pct(s.bare, p) },
          note: `reference ${s.bare.describe(SAMPLE_TIMEOUT_MS)}, same rounds`,
        });
    return rows;
  } finally {
    for (const c of opened) c.close();
    ref.proc.kill();
    await Promise.all([one.stop(), two.stop()]);
    await Promise.all([pg.stop(), redis.stop()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((rows) => {
    for (const r of rows)
      console.log(
        `${r.name}: ${r.value.toFixed(2)} ${r.unit} (${r.reference?.name} ${r.reference?.value.toFixed(2)}, ratio ${(r.value / (r.reference?.value ?? 1)).toFixed(2)}) [${r.note}]`,
      );
    process.exit(0);
  });
}
