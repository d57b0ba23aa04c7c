import { describe, expect, test } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { CURRENT_SCHEMA_VERSION } from "../../src/model";
import { collection } from "../../src/sync/doc-shape";
import { type RunningServer, startServer } from "../support/server";
import { openStored } from "../support/stored";
import { api, connectClient, createDoc, synced, waitFor } from "./support";

const PREVIOUS = CURRENT_SCHEMA_VERSION - 1;

/** The stored state of a document, rebuilt from its rows as the server keeps them (SQLite or PostgreSQL). */
async function storedDoc(server: RunningServer, docId: string): Promise<Y.Doc> {
  const db = await openStored(server);
  try {
    const doc = new Y.Doc();
    const [snap] = await db.rows<{ state: Buffer }>("SELECT state FROM doc_snapshots WHERE doc_id = ?", docId);
    if (snap) Y.applyUpdate(doc, snap.state);
    for (const u of await db.rows<{ data: Buffer }>(
      "SELECT data FROM doc_updates WHERE doc_id = ? ORDER BY seq",
      docId,
    ))
      Y.applyUpdate(doc, u.data);
    return doc;
  } finally {
    await db.close();
  }
}

/** Replaces a document's stored content by `doc` (as an older server would have left it). */
async function storeAs(server: RunningServer, docId: string, doc: Y.Doc): Promise<void> {
  const db = await openStored(server);
  try {
    const state = Buffer.from(Y.encodeStateAsUpdate(doc));
    await db.run("DELETE FROM doc_updates WHERE doc_id = ?", docId);
    await db.run("UPDATE doc_snapshots SET state = ?, bytes = ? WHERE doc_id = ?", state, state.length, docId);
  } finally {
    await db.close();
  }
}

describe("live migration of stored documents", () => {
  test("a document stored under the previous schema version is migrated on open, rewritten, and synced as current", async () => {
    let server = await startServer();
    const doc = await createDoc(server.url, { title: "移行前" });
    await server.stop();

    // Replace its stored state by the same document as the previous version stored it: a 特定個人情報ファイル
    // whose Ⅱ7 備考 was kept in `note` (moved to `remarks` by the migration), plus a node and a flow.
    const old = await storedDoc(server, doc.id);
    old.transact(() => {
      old.getMap("nagare").set("schemaVersion", PREVIOUS);
      const file = new Y.Map<unknown>();
      file.set("id", "file1");
      file.set("name", "国民年金ファイル");
      file.set("note", "旧様式の備考");
      collection(old, "files").set("file1", file);
      const node = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: "n1", kind: "system_own", label: "基幹系", position: { x: 0, y: 0 } }))
        node.set(k, v);
      collection(old, "nodes").set("n1", node);
    });
    await storeAs(server, doc.id, old);

    server = await startServer({ dataDir: server.dataDir });
    try {
      const health = await api(server.url, "/api/health");
      expect(health.body.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
      const client = connectClient(server.url, doc.id, doc.token);
      await synced(client);
      const root = client.ydoc.getMap("nagare");
      expect(root.get("schemaVersion")).toBe(CURRENT_SCHEMA_VERSION);
      const file = (collection(client.ydoc, "files").get("file1") as Y.Map<unknown>).toJSON();
      expect(file).toEqual({ id: "file1", name: "国民年金ファイル", remarks: "旧様式の備考" });
      expect(collection(client.ydoc, "nodes").has("n1")).toBe(true);
      expect(server.output()).toContain(`migrated ${doc.id} from schema version ${PREVIOUS}`);
      // Edits are checked again: an invalid element is refused as for any current document.
      client.ydoc.transact(() => collection(client.ydoc, "nodes").set("bad", 1));
      await waitFor(() => client.conn.status() === "refused", 10_000, "refused");
      expect(client.conn.notice()?.code).toBe("invalid_element");
      client.close();
      const model = await api(server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(model.body.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
      expect(model.body.files[0].remarks).toBe("旧様式の備考");
    } finally {
      await server.stop();
    }
    // Rewritten in the store: the compacted snapshot is of the current version.
    const stored = await storedDoc(server, doc.id);
    expect(stored.getMap("nagare").get("schemaVersion")).toBe(CURRENT_SCHEMA_VERSION);
    expect((collection(stored, "files").get("file1") as Y.Map<unknown>).get("note")).toBeUndefined();
  }, 120_000);

  test("an element stored invalid before the element checks can still be edited; a new invalid one is refused", async () => {
    let server = await startServer();
    const doc = await createDoc(server.url, { title: "旧データ" });
    await server.stop();
    const old = await storedDoc(server, doc.id);
    old.transact(() => {
      const node = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: "odd", kind: "ufo", label: "旧", position: { x: 0, y: 0 } }))
        node.set(k, v);
      collection(old, "nodes").set("odd", node);
    });
    await storeAs(server, doc.id, old);
    server = await startServer({ dataDir: server.dataDir });
    try {
      const a = connectClient(server.url, doc.id, doc.token);
      await synced(a);
      // Repairing step by step: the label first (still an unknown kind), then the kind.
      a.ydoc.transact(() => (collection(a.ydoc, "nodes").get("odd") as Y.Map<unknown>).set("label", "直す"));
      const b = connectClient(server.url, doc.id, doc.token);
      await synced(b);
      await waitFor(
        () => (collection(b.ydoc, "nodes").get("odd") as Y.Map<unknown> | undefined)?.get("label") === "直す",
        10_000,
        "edit of the old element accepted",
      );
      expect(a.conn.status()).toBe("connected");
      a.ydoc.transact(() => {
        const m = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({ id: "new", kind: "ufo", label: "新", position: { x: 0, y: 0 } }))
          m.set(k, v);
        collection(a.ydoc, "nodes").set("new", m);
      });
      await waitFor(() => a.conn.status() === "refused", 10_000, "new invalid element refused");
      expect(a.conn.notice()?.code).toBe("invalid_element");
      a.close();
      b.close();
    } finally {
      await server.stop();
    }
  }, 120_000);

  test("a page built for an older schema is told to reload and does not retry; a current one connects", async () => {
    const server = await startServer();
    try {
      const doc = await createDoc(server.url);
      // Listening from the start: the notice comes right after the upgrade.
      const ws = new WebSocket(
        `${server.url.replace("http", "ws")}/ws/${doc.id}?token=${doc.token}&notices=1&schema=${PREVIOUS}`,
      );
      const notices: string[] = [];
      ws.on("message", (d: Buffer) => {
        if (d[0] === 21) notices.push(d.toString("utf8"));
      });
      const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
        ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
      );
      expect(closed).toEqual({ code: 4426, reason: "client_outdated" });
      expect(notices.join("")).toContain("再読み込み");
      const current = connectClient(server.url, doc.id, doc.token);
      await synced(current);
      expect(current.conn.status()).toBe("connected");
      current.close();
    } finally {
      await server.stop();
    }
  }, 60_000);
});
