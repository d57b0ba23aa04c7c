import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { NagareDocument } from "../src/model";
import { connectDocument } from "../src/sync/connect";
import { collection, writeModel } from "../src/sync/doc-shape";
import { startPostgres, startRedis } from "../tests/support/engines";
import { startServer } from "../tests/support/server";
import type { BenchRow } from "./types";

/**
 * Sync latency on loopback (an edit in client A until it is visible in client B) with 2 and with 50 clients
 * in one document, for the Nagare server (token check, schema check, SQLite write with fsync before the
 * broadcast) against a bare y-websocket server measured in the same run; and the server's memory with
 * 100 open documents of the size of the largest template.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const AREA = "sync";

interface Client {
  ydoc: Y.Doc;
  synced: () => Promise<void>;
  destroy: () => void;
}

function nagareClient(url: string, docId: string, token: string): Client {
  const ydoc = new Y.Doc();
  const conn = connectDocument(ydoc, {
    docId,
    token,
    url: `${url.replace(/^http/, "ws")}/ws`,
    apiOrigin: url,
    WebSocketPolyfill: WebSocket,
  });
  return {
    ydoc,
    synced: () => conn.whenSynced(),
    destroy: () => {
      conn.destroy();
      ydoc.destroy();
    },
  };
}

function referenceClient(url: string, docId: string): Client {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, "ws")}/ws`, docId, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    ydoc,
    synced: () => (provider.synced ? Promise.resolve() : new Promise((r) => provider.once("sync", () => r(undefined)))),
    destroy: () => {
      provider.destroy();
      ydoc.destroy();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A moves one node; the time until B sees that position. */
async function measure(clients: Client[], rounds: number, nodeId: string): Promise<{ p50: number; p99: number }> {
  const a = clients[0] as Client;
  const b = clients[clients.length - 1] as Client;
  const nodesB = collection(b.ydoc, "nodes");
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const x = 1000 + i;
    const seen = new Promise<number>((resolve) => {
      const check = () => {
        const pos = (nodesB.get(nodeId) as Y.Map<unknown> | undefined)?.get("position") as { x: number } | undefined;
        if (pos?.x === x) {
          b.ydoc.off("update", check);
          resolve(performance.now());
        }
      };
      b.ydoc.on("update", check);
    });
    const t0 = performance.now();
    (collection(a.ydoc, "nodes").get(nodeId) as Y.Map<unknown>).set("position", { x, y: i });
    times.push((await seen) - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  times.sort((p, q) => p - q);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Clients 1..writers each move a node of their own every `everyMs` while A→B latency is measured. */
async function measureUnderLoad(
  clients: Client[],
  rounds: number,
  nodeId: string,
  others: string[],
  writers: number,
  everyMs: number,
): Promise<{ p50: number; p99: number }> {
  let tick = 0;
  const timers = Array.from({ length: writers }, (_, w) => {
    const c = clients[w + 1] as Client;
    const id = others[w % others.length] as string;
    return setInterval(() => {
      (collection(c.ydoc, "nodes").get(id) as Y.Map<unknown> | undefined)?.set("position", { x: tick++, y: w });
    }, everyMs);
  });
  try {
    await new Promise((r) => setTimeout(r, 300));
    return await measure(clients, rounds, nodeId);
  } finally {
    for (const t of timers) clearInterval(t);
  }
}

function largestTemplate(): NagareDocument {
  const dir = path.join(ROOT, "templates");
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".nagare.json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as NagareDocument);
  return docs.sort((x, y) => y.nodes.length + y.flows.length - (x.nodes.length + x.flows.length))[0] as NagareDocument;
}

function startReference(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/sync-reference-server.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (d) => {
      out += d;
      const m = /localhost:(\d+)/.exec(out);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, proc });
    });
    proc.stderr?.on("data", (d) => (out += d));
    proc.on("exit", (code) => reject(new Error(`reference server exited ${code}: ${out}`)));
  });
}

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

async function withClients<T>(make: () => Client, n: number, fn: (c: Client[]) => Promise<T>): Promise<T> {
  const clients = Array.from({ length: n }, make);
  try {
    await Promise.all(clients.map((c) => c.synced()));
    return await fn(clients);
  } finally {
    for (const c of clients) c.destroy();
  }
}

export async function run(): Promise<BenchRow[]> {
  const template = largestTemplate();
  const nodeId = template.nodes[0]?.id as string;
  const rows: BenchRow[] = [];
  const nagare = await startServer({ env: { CREATE_PER_MINUTE: "1000" } });
  const ref = await startReference();
  try {
    const created = async () => {
      const r = await fetch(`${nagare.url}/api/documents/import`, {
        method: "POST",
        body: JSON.stringify(template),
      });
      return (await r.json()) as { id: string; token: string };
    };
    for (const [n, rounds] of [
      [2, 200],
      [50, 100],
    ] as const) {
      const doc = await created();
      const ours = await withClients(
        () => nagareClient(nagare.url, doc.id, doc.token),
        n,
        (c) => measure(c, rounds, nodeId),
      );
      const refDoc = `ref-${n}`;
      const theirs = await withClients(
        () => referenceClient(ref.url, refDoc),
        n,
        async (c) => {
          writeModel(c[0]!.ydoc, template);
          await new Promise((r) => setTimeout(r, 300));
          return measure(c, rounds, nodeId);
        },
      );
      for (const p of ["p50", "p99"] as const)
        rows.push({
          area: AREA,
          name: `edit visible in another client, ${n} clients, ${p}`,
          value: ours[p],
          unit: "ms",
          target: p === "p50" ? "< 50" : "< 200",
          reference: { name: "bare y-websocket server (@y/websocket-server 0.1.1, in memory)", value: theirs[p] },
          note: `${rounds} moves of one node in a ${template.nodes.length}-node template; B is the last of ${n} clients`,
        });
    }

    // Under load: 20 of 50 clients drag a node each at 20 updates/s (400 updates/s into one document).
    {
      const others = template.nodes.slice(1).map((n) => n.id);
      const doc = await created();
      const ours = await withClients(
        () => nagareClient(nagare.url, doc.id, doc.token),
        50,
        (c) => measureUnderLoad(c, 60, nodeId, others, 20, 50),
      );
      const theirs = await withClients(
        () => referenceClient(ref.url, "ref-load"),
        50,
        async (c) => {
          writeModel(c[0]!.ydoc, template);
          await new Promise((r) => setTimeout(r, 300));
          return measureUnderLoad(c, 60, nodeId, others, 20, 50);
        },
      );
      for (const p of ["p50", "p99"] as const)
        rows.push({
          area: AREA,
          name: `edit visible in another client, 50 clients while 20 drag at 20/s, ${p}`,
          value: ours[p],
          unit: "ms",
          target: p === "p50" ? "< 100" : "< 500",
          reference: { name: "bare y-websocket server (@y/websocket-server 0.1.1, in memory)", value: theirs[p] },
          note: "400 updates/s into one document; Nagare stores them with one fsync per event-loop turn",
        });
    }

    // Memory: 100 open documents (each held open by one client) of the largest template's size.
    const before = rssBytes(nagare.proc.pid as number);
    const docs: { id: string; token: string }[] = [];
    for (let i = 0; i < 100; i++) docs.push(await created());
    const rss = await withClients(
      (() => {
        let i = 0;
        return () => {
          const d = docs[i++] as { id: string; token: string };
          return nagareClient(nagare.url, d.id, d.token);
        };
      })(),
      100,
      async () => {
        await new Promise((r) => setTimeout(r, 1000));
        return rssBytes(nagare.proc.pid as number);
      },
    );
    rows.push({
      area: AREA,
      name: "server RSS increase, 100 open documents",
      value: (rss - before) / 1024 / 1024,
      unit: "MiB",
      target: "< 300",
      note: `largest template: ${template.nodes.length} nodes, ${template.flows.length} flows; RSS before ${(before / 1048576).toFixed(0)} MiB`,
    });
  } finally {
    ref.proc.kill();
    await nagare.stop();
  }
  return rows;
}

/**
 * Several instances: the same edit latency with both clients on one instance and with the clients on two
 * instances (PostgreSQL store, Redis fan-out; throwaway engines), measured in the same run.
 */
export async function runInstances(rounds = 300): Promise<BenchRow[]> {
  const template = largestTemplate();
  const nodeId = template.nodes[0]?.id as string;
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = { DATABASE_URL: await pg.createDatabase("bench"), REDIS_URL: redis.url, CREATE_PER_MINUTE: "1000" };
  const one = await startServer({ env });
  const two = await startServer({ env });
  try {
    const r = await fetch(`${one.url}/api/documents/import`, { method: "POST", body: JSON.stringify(template) });
    const doc = (await r.json()) as { id: string; token: string };
    const pair = (a: string, b: string) => {
      let i = 0;
      return () => nagareClient(i++ === 0 ? a : b, doc.id, doc.token);
    };
    // Alternating which case goes first, so that neither always runs on a warmer process.
    const same: number[][] = [];
    const cross: number[][] = [];
    for (let k = 0; k < 2; k++) {
      const cases = [
        () =>
          withClients(pair(one.url, one.url), 2, (c) => measure(c, rounds / 2, nodeId)).then((x) =>
            same.push([x.p50, x.p99]),
          ),
        () =>
          withClients(pair(one.url, two.url), 2, (c) => measure(c, rounds / 2, nodeId)).then((x) =>
            cross.push([x.p50, x.p99]),
          ),
      ];
      if (k === 1) cases.reverse();
      for (const c of cases) await c();
    }
    const mean = (xs: number[][], i: number) => xs.reduce((a, x) => a + (x[i] as number), 0) / xs.length;
    return (["p50", "p99"] as const).map((p, i) => ({
      area: AREA,
      name: `edit visible in a client on another instance (PostgreSQL + Redis), ${p}`,
      value: mean(cross, i),
      unit: "ms",
      target: "≤ 2× one instance",
      reference: { name: "both clients on one instance (PostgreSQL store)", value: mean(same, i) },
      note: `${rounds} moves per case in two alternating halves (mean of the halves' percentiles)`,
    }));
  } finally {
    await Promise.all([one.stop(), two.stop()]);
    await Promise.all([pg.stop(), redis.stop()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((rows) => {
    for (const r of rows)
      console.log(
        `${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.reference ? ` (reference ${r.reference.value.toFixed(2)}, ratio ${(r.value / r.reference.value).toFixed(2)})` : ""}`,
      );
  });
}
