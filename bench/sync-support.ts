import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { NagareDocument } from "../src/model";
import { connectDocument } from "../src/sync/connect";
import { rootOf } from "../src/sync/doc-shape";

/** Shared parts of the sync and instances benchmarks: clients, the reference server, sampling, statistics. */
const ROOT = path.resolve(import.meta.dirname, "..");

export const REFERENCE = "bare y-websocket server (@y/websocket-server 0.1.1, in memory)";

export interface Client {
  ydoc: Y.Doc;
  synced: () => Promise<void>;
  destroy: () => void;
}

/** The editor's own client (src/sync/connect.ts) against a Nagare server. */
export function nagareClient(url: string, docId: string, token: string): Client {
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

/** The stock y-websocket provider against the reference server. */
export function referenceClient(url: string, docId: string): Client {
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

/**
 * A minimal client of the y-websocket wire protocol, the same code for both servers: it syncs (applies the
 * document it is sent), then sends its own edits and hands each update it receives to `received` without
 * applying it (a writer's edits touch its own node only, so its copy needs nothing more). This keeps the
 * benchmark process's own work small when 50 clients share it: what is measured is the servers' path.
 */
export function wireClient(wsUrl: string, received?: (update: Uint8Array) => void): Client {
  const ydoc = new Y.Doc();
  const ws = new WebSocket(wsUrl);
  let synced = false;
  let onSynced: () => void = () => {};
  const syncedP = new Promise<void>((r) => (onSynced = r));
  const send = (build: (e: encoding.Encoder) => void) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    const e = encoding.createEncoder();
    build(e);
    ws.send(encoding.toUint8Array(e));
  };
  ws.on("open", () =>
    send((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(ydoc));
    }),
  );
  ws.on("message", (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(d) !== 0) return; // presence and notices: not part of this measure
    const kind = decoding.readVarUint(d);
    if (kind === 0) {
      const sv = decoding.readVarUint8Array(d);
      send((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(ydoc, sv));
      });
      return;
    }
    if (synced) {
      received?.(decoding.readVarUint8Array(d));
      return;
    }
    Y.applyUpdate(ydoc, decoding.readVarUint8Array(d), ws);
    if (kind === 1) {
      synced = true;
      onSynced();
    }
  });
  ydoc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === ws) return;
    send((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    });
  });
  return {
    ydoc,
    synced: () => syncedP,
    destroy: () => {
      ws.terminate();
      ydoc.destroy();
    },
  };
}

/** Read access to a document's nodes (a Y.Map, or the empty stand-in below). */
export interface NodesView {
  get(id: string): unknown;
  has(id: string): boolean;
}

const NO_NODES: NodesView = new Map<string, unknown>();

/**
 * The document's nodes map, or an empty stand-in while it has not arrived. (Never `collection()` here: on
 * a client that has not received the document yet it would create a competing map of its own. Nor a
 * detached `new Y.Map()` as the stand-in: Yjs warns "Invalid access" each time one is read.)
 */
export function nodesOf(doc: Y.Doc): NodesView {
  const m = rootOf(doc).get("nodes");
  return m instanceof Y.Map ? (m as Y.Map<unknown>) : NO_NODES;
}

/** Opens `n` clients and keeps them until `close` is called. */

export async function openClients(make: () => Client, n: number): Promise<Client[] & { close: () => void }> {
  const clients = Array.from({ length: n }, make);
  await Promise.all(clients.map((c) => c.synced()));
  return Object.assign(clients, {
    close: () => {
      for (const c of clients) c.destroy();
    },
  });
}

/** Latency samples with the count of samples that never arrived within their timeout. */
export class Samples {
  readonly values: number[] = [];
  lost = 0;
  add(ms: number): void {
    this.values.push(ms);
  }
  get count(): number {
    return this.values.length;
  }
  percentile(p: number): number {
    const sorted = Float64Array.from(this.values).sort();
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  }
  /** "1,000 samples" or "1,000 samples, 3 lost (no arrival within 2 s)". */
  describe(timeoutMs: number): string {
    const n = this.count.toLocaleString("en");
    return this.lost ? `${n} samples, ${this.lost} lost (not seen within ${timeoutMs / 1000} s)` : `${n} samples`;
  }
}

export const SAMPLE_TIMEOUT_MS = 2_000;

/**
 * Client `a` moves a node to a new x, `rounds` times; each sample is the time until `b` sees that
 * position, or lost after SAMPLE_TIMEOUT_MS. Stops early at `until` (performance.now() time).
 */
export async function moveAndSee(
  a: Client,
  b: Client,
  nodeId: string,
  rounds: number,
  into: Samples,
  until: number,
): Promise<void> {
  const nodesA = nodesOf(a.ydoc);
  for (let i = 0; i < rounds && performance.now() < until; i++) {
    const x = Math.floor(Math.random() * 1e9);
    let check = () => {};
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<number | null>((resolve) => {
      check = () => {
        const pos = (nodesOf(b.ydoc).get(nodeId) as Y.Map<unknown> | undefined)?.get("position") as
          | { x: number }
          | undefined;
        if (pos?.x === x) resolve(performance.now());
      };
      timer = setTimeout(() => resolve(null), SAMPLE_TIMEOUT_MS);
      b.ydoc.on("update", check);
    });
    const t0 = performance.now();
    (nodesA.get(nodeId) as Y.Map<unknown>).set("position", { x, y: i });
    const t1 = await seen;
    b.ydoc.off("update", check);
    clearTimeout(timer);
    if (t1 === null) into.lost++;
    else into.add(t1 - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Runs the measures in interleaved rounds, rotating which goes first (ABBA for two, a rotation and its
 * reverse for three), so that no system always runs on a warmer or colder machine.
 */
export async function interleaved(
  measures: ((rounds: number) => Promise<void>)[],
  perMeasure: number,
  roundSize: number,
  until: number,
): Promise<number> {
  const rounds = Math.ceil(perMeasure / roundSize);
  let done = 0;
  for (let r = 0; r < rounds && performance.now() < until; r++) {
    const k = r % measures.length;
    const order = [...measures.slice(k), ...measures.slice(0, k)];
    if (Math.floor(r / measures.length) % 2 === 1) order.reverse();
    for (const m of order) await m(roundSize);
    done++;
  }
  return done;
}

export function largestTemplate(): NagareDocument {
  const dir = path.join(ROOT, "templates");
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".nagare.json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as NagareDocument);
  return docs.sort((x, y) => y.nodes.length + y.flows.length - (x.nodes.length + x.flows.length))[0] as NagareDocument;
}

export function startReference(): Promise<{ url: string; proc: ChildProcess }> {
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

export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

export function loadavg(): string {
  try {
    return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}
