import WebSocket from "ws";
import * as Y from "yjs";
import { type Connection, connectDocument } from "../../src/sync/connect";
import { collection } from "../../src/sync/doc-shape";

/** Helpers for tests against the real server process: HTTP calls and y-websocket clients in Node. */
export interface Created {
  id: string;
  token: string;
  shareId: string;
  link: string;
}

export async function api(
  base: string,
  path: string,
  opts: { token?: string; method?: string; body?: unknown; raw?: string } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the server answered
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(base + path, {
    method: opts.method ?? (opts.body !== undefined || opts.raw !== undefined ? "POST" : "GET"),
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      "content-type": "application/json",
    },
    body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers };
}

export async function createDoc(base: string, body: Record<string, unknown> = {}): Promise<Created> {
  const r = await api(base, "/api/documents", { body });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Created;
}

export async function share(
  base: string,
  doc: Created,
  role: "edit" | "review" | "view",
  label = "",
): Promise<Created> {
  const r = await api(base, `/api/documents/${doc.id}/shares`, { token: doc.token, body: { role, label } });
  if (r.status !== 201) throw new Error(`share failed: ${r.status}`);
  return r.body as Created;
}

export interface TestClient {
  ydoc: Y.Doc;
  conn: Connection;
  close: () => void;
}

export function connectClient(base: string, docId: string, token: string): TestClient {
  const ydoc = new Y.Doc();
  const conn = connectDocument(ydoc, {
    docId,
    token,
    url: `${base.replace(/^http/, "ws")}/ws`,
    apiOrigin: base,
    WebSocketPolyfill: WebSocket,
  });
  return {
    ydoc,
    conn,
    close: () => {
      conn.destroy();
      ydoc.destroy();
    },
  };
}

export async function synced(...clients: TestClient[]): Promise<void> {
  await Promise.all(clients.map((c) => withTimeout(c.conn.whenSynced(), 10_000, "sync")));
}

export async function waitFor(cond: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The document as the server stores it, once `cond` holds: polls the model API (a read that waits for the
 * server's queued writes), so a test goes on as soon as a client's edits are stored, not after a guessed pause.
 */
export async function storedModel(
  base: string,
  doc: { id: string; token: string },
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the server answered
  cond: (model: any) => boolean,
  what = "the edits to be stored",
  timeoutMs = 10_000,
  // biome-ignore lint/suspicious/noExplicitAny: as above
): Promise<any> {
  const start = Date.now();
  for (;;) {
    const r = await api(base, `/api/documents/${doc.id}/model`, { token: doc.token });
    if (r.status === 200 && cond(r.body)) return r.body;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    await sleep(20);
  }
}

/** Opens a raw WebSocket and reports how the upgrade was answered. */
export function rawUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.binaryType = "nodebuffer";
    ws.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on("open", () => resolve({ status: 101, ws }));
    ws.on("error", () => resolve({ status: 0 }));
  });
}

/** The shared content as canonical JSON (key order differs between replicas, the content must not). */
export function stateOf(ydoc: Y.Doc): string {
  return canonical(ydoc.getMap("nagare").toJSON());
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** Model edits the way the canvas makes them (one transaction each). */
export function addNode(ydoc: Y.Doc, id: string, label: string, x = 0, y = 0): void {
  ydoc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set("id", id);
    m.set("kind", "system_own");
    m.set("label", label);
    m.set("position", { x, y });
    collection(ydoc, "nodes").set(id, m);
  });
}

export function addFlow(ydoc: Y.Doc, id: string, source: string, target: string): void {
  ydoc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set("id", id);
    m.set("source", source);
    m.set("target", target);
    collection(ydoc, "flows").set(id, m);
  });
}

export function nodeIds(ydoc: Y.Doc): string[] {
  return [...collection(ydoc, "nodes").keys()].sort();
}
