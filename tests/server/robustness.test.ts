import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as encoding from "lib0/encoding";
import { describe, expect, test } from "vitest";
import type WebSocket from "ws";
import * as Y from "yjs";
import { liveServer } from "../support/live";
import { startServer } from "../support/server";
import { openStored } from "../support/stored";
import {
  addNode,
  api,
  connectClient,
  createDoc,
  nodeIds,
  rawUpgrade,
  sleep,
  stateOf,
  synced,
  waitFor,
} from "./support";

const env = liveServer({ env: { MAX_CONNECTIONS_PER_DOCUMENT: "4", MAX_DOCUMENT_BYTES: "200000" } });

const wsUrl = (id: string, token: string) => `${env.server.url.replace("http", "ws")}/ws/${id}?token=${token}`;

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe("malformed messages close only their own connection", () => {
  const bad: [string, () => Uint8Array][] = [
    ["random bytes", () => Uint8Array.from([0xff, 0x13, 0x8a, 0x01, 0x77, 0x00, 0x42, 0x99])],
    [
      "a truncated sync update",
      () => {
        const d = new Y.Doc();
        d.getMap("nagare").set("title", "x".repeat(50));
        const full = syncUpdate(Y.encodeStateAsUpdate(d));
        return full.slice(0, Math.floor(full.length / 2));
      },
    ],
    ["a sync update whose payload is garbage", () => syncUpdate(Uint8Array.from([1, 200, 3, 7, 255, 255, 255, 1, 9]))],
    ["an unknown sync step", () => Uint8Array.from([0, 9, 1, 0])],
  ];
  for (const [name, make] of bad)
    test(name, async () => {
      const doc = await createDoc(env.server.url);
      const a = connectClient(env.server.url, doc.id, doc.token);
      const b = connectClient(env.server.url, doc.id, doc.token);
      await synced(a, b);
      addNode(a.ydoc, "before", "前");
      await waitFor(() => nodeIds(b.ydoc).includes("before"));
      const raw = await rawUpgrade(wsUrl(doc.id, doc.token));
      const ws = raw.ws as WebSocket;
      const closed = closeOf(ws);
      ws.send(make());
      const c = await closed;
      expect(c.code).toBe(4400);
      expect(c.reason).toMatch(/^malformed/);
      addNode(b.ydoc, "after", "後");
      await waitFor(() => nodeIds(a.ydoc).includes("after"), 5_000, "others still sync");
      expect(a.conn.status()).toBe("connected");
      const model = await api(env.server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(model.body.nodes.map((n: { id: string }) => n.id)).toEqual(["after", "before"]);
      a.close();
      b.close();
    });
});

describe("updates that would break the document are refused", () => {
  const breakers: [string, string, (d: Y.Doc) => void][] = [
    ["a collection replaced by a string", "bad_structure", (d) => d.getMap("nagare").set("nodes", "oops")],
    ["a whole collection removed", "bad_structure", (d) => d.getMap("nagare").delete("nodes")],
    ["文書情報 removed", "bad_structure", (d) => d.getMap("nagare").delete("meta")],
    ["an unknown schema version", "schema_version", (d) => d.getMap("nagare").set("schemaVersion", 99)],
    [
      "invalid 文書情報",
      "bad_meta",
      (d) => (d.getMap("nagare").get("meta") as Y.Map<unknown>).set("assessmentKind", "bogus"),
    ],
  ];
  for (const [name, code, breakIt] of breakers)
    test(name, async () => {
      const doc = await createDoc(env.server.url, { title: "安全" });
      const a = connectClient(env.server.url, doc.id, doc.token);
      const b = connectClient(env.server.url, doc.id, doc.token);
      await synced(a, b);
      addNode(a.ydoc, "keep", "残る");
      await waitFor(() => nodeIds(b.ydoc).includes("keep"));
      const before = stateOf(b.ydoc);
      a.ydoc.transact(() => breakIt(a.ydoc));
      await waitFor(() => a.conn.status() === "refused", 5_000, "a refused");
      expect(a.conn.notice()?.code).toBe(code);
      expect(a.conn.notice()?.ja).toBeTruthy();
      // Read first: the model API answers once the server's queued writes are done, so whatever it would have
      // stored and relayed of the refused change has happened by then.
      const model = await api(env.server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(model.status).toBe(200);
      expect(model.body.nodes.map((n: { id: string }) => n.id)).toEqual(["keep"]);
      expect(stateOf(b.ydoc)).toBe(before);
      expect(b.conn.status()).toBe("connected");
      // Still editable by others, and the refused change never comes back.
      addNode(b.ydoc, "next", "次");
      const fresh = connectClient(env.server.url, doc.id, doc.token);
      await synced(fresh);
      await waitFor(() => nodeIds(fresh.ydoc).includes("next"));
      expect(stateOf(fresh.ydoc)).toBe(stateOf(b.ydoc));
      for (const c of [a, b, fresh]) c.close();
    });

  test("the document size limit", async () => {
    const doc = await createDoc(env.server.url);
    const a = connectClient(env.server.url, doc.id, doc.token);
    const b = connectClient(env.server.url, doc.id, doc.token);
    await synced(a, b);
    for (let i = 0; i < 15; i++) {
      addNode(a.ydoc, `n${i}`, `n${i}`);
      ((a.ydoc.getMap("nagare").get("nodes") as Y.Map<Y.Map<unknown>>).get(`n${i}`) as Y.Map<unknown>).set(
        "note",
        `${i}`.padEnd(15_000, "x"),
      );
      // Paced so that the first changes are stored one by one before the limit is reached.
      await sleep(20);
    }
    await waitFor(() => a.conn.status() === "refused", 5_000, "a refused");
    expect(a.conn.notice()?.code).toBe("document_too_large");
    const model = await api(env.server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
    expect(model.body.nodes.length).toBeLessThan(15);
    expect(model.body.nodes.length).toBeGreaterThan(5);
    expect(nodeIds(b.ydoc).length).toBe(model.body.nodes.length);
    a.close();
    b.close();
  });
});

describe("a refusal right after an accepted update", () => {
  test("the accepted one is stored and broadcast, the refused one never reaches a snapshot", async () => {
    let s = await startServer({ env: { COMPACT_EVERY: "1" } });
    try {
      const doc = await createDoc(s.url, { title: "圧縮" });
      const a = connectClient(s.url, doc.id, doc.token);
      await synced(a);
      const b = new Y.Doc();
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a.ydoc));
      const updates: Uint8Array[] = [];
      b.on("update", (u: Uint8Array) => updates.push(u));
      addNode(b, "ok", "受理");
      b.getMap("nagare").set("nodes", "oops");
      const raw = await rawUpgrade(`${s.url.replace("http", "ws")}/ws/${doc.id}?token=${doc.token}`);
      const ws = raw.ws as WebSocket;
      const closed = closeOf(ws);
      // In one TCP write, so that both arrive in one turn of the server's event loop.
      const socket = (ws as unknown as { _socket: import("node:net").Socket })._socket;
      socket.cork();
      ws.send(syncUpdate(updates[0] as Uint8Array));
      ws.send(syncUpdate(updates[1] as Uint8Array));
      socket.uncork();
      expect((await closed).code).toBe(4422);
      await waitFor(() => nodeIds(a.ydoc).includes("ok"), 5_000, "accepted update broadcast");
      a.close();
      await s.stop("SIGKILL");
      s = await startServer({ dataDir: s.dataDir });
      const model = await api(s.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(model.status).toBe(200);
      expect(model.body.nodes.map((n: { id: string }) => n.id)).toEqual(["ok"]);
    } finally {
      await s.stop();
    }
  });
});

describe("limits", () => {
  test("connections per document", async () => {
    const doc = await createDoc(env.server.url);
    const clients = [0, 1, 2, 3].map(() => connectClient(env.server.url, doc.id, doc.token));
    await synced(...clients);
    const raw = await rawUpgrade(wsUrl(doc.id, doc.token));
    const c = await closeOf(raw.ws as WebSocket);
    expect(c.code).toBe(4503);
    expect(c.reason).toBe("too_many_connections");
    for (const cl of clients) cl.close();
  });

  test("message size", async () => {
    const small = await startServer({ env: { MAX_MESSAGE_BYTES: "4096" } });
    try {
      const doc = await createDoc(small.url);
      const a = connectClient(small.url, doc.id, doc.token);
      await synced(a);
      addNode(a.ydoc, "big", "big");
      ((a.ydoc.getMap("nagare").get("nodes") as Y.Map<Y.Map<unknown>>).get("big") as Y.Map<unknown>).set(
        "note",
        "あ".repeat(5000),
      );
      await waitFor(() => a.conn.status() === "refused", 5_000, "refused");
      expect(a.conn.notice()?.code).toBe("message_too_large");
      a.close();
    } finally {
      await small.stop();
    }
  });

  test("the lookup list is bounded", async () => {
    const links = Array.from({ length: 201 }, (_, i) => ({ id: `d${i}`, token: "x" }));
    const r = await api(env.server.url, "/api/documents/lookup", { body: { links } });
    expect(r.status).toBe(413);
    expect(r.body.error.ja).toContain("200");
  });
});

describe("start-up problems", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });

  test("an unwritable DATA_DIR gives a clear error", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nagare-bad-")), "plain-file");
    fs.writeFileSync(file, "not a directory");
    const r = run({ DATA_DIR: path.join(file, "data") });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("データディレクトリに書き込めません");
    expect(r.stderr).toContain("data directory is not writable");
  });

  test("a corrupted database file is reported at start", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-corrupt-"));
    fs.writeFileSync(path.join(dir, "nagare.sqlite"), Buffer.alloc(8192, 0x5a));
    const r = run({ DATA_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("データベースファイルが壊れている");
    expect(r.stderr).toContain("database file is damaged");
  });

  test("one damaged document does not keep the others from opening", async () => {
    let s = await startServer();
    const good = await createDoc(s.url, { title: "無事" });
    const bad = await createDoc(s.url, { title: "破損" });
    await s.stop();
    const db = await openStored(s);
    await db.run("UPDATE doc_snapshots SET state = ? WHERE doc_id = ?", Buffer.from([1, 5, 200, 1, 2, 3]), bad.id);
    await db.close();
    s = await startServer({ dataDir: s.dataDir });
    try {
      const ok = await api(s.url, `/api/documents/${good.id}/model`, { token: good.token });
      expect(ok.status).toBe(200);
      expect(ok.body.title).toBe("無事");
      const broken = await api(s.url, `/api/documents/${bad.id}/model`, { token: bad.token });
      expect(broken.status).toBe(503);
      expect(broken.body.error.code).toBe("damaged");
      const ws = await rawUpgrade(`${s.url.replace("http", "ws")}/ws/${bad.id}?token=${bad.token}`);
      expect(ws.status).toBe(503);
      const c = connectClient(s.url, good.id, good.token);
      await synced(c);
      expect(c.ydoc.getMap("nagare").get("title")).toBe("無事");
      c.close();
    } finally {
      await s.stop();
    }
  });
});
