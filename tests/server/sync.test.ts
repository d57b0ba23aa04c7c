import * as encoding from "lib0/encoding";
import { describe, expect, test } from "vitest";
import type * as Y from "yjs";
import { readModel } from "../../src/sync/doc-shape";
import { liveServer } from "../support/live";
import {
  addFlow,
  addNode,
  api,
  connectClient,
  createDoc,
  nodeIds,
  rawUpgrade,
  share,
  stateOf,
  storedModel,
  synced,
  waitFor,
} from "./support";

const env = liveServer();

describe("real-time sync through the server", () => {
  test("two clients converge after concurrent edits", async () => {
    const doc = await createDoc(env.server.url, { title: "二人" });
    const a = connectClient(env.server.url, doc.id, doc.token);
    const b = connectClient(env.server.url, doc.id, doc.token);
    await synced(a, b);
    expect(a.ydoc.getMap("nagare").get("title")).toBe("二人");
    for (let i = 0; i < 10; i++) {
      addNode(a.ydoc, `a${i}`, `A ${i}`, i * 10, 0);
      addNode(b.ydoc, `b${i}`, `B ${i}`, i * 10, 100);
    }
    addFlow(a.ydoc, "f1", "a0", "b0");
    await waitFor(() => nodeIds(a.ydoc).length === 20 && nodeIds(b.ydoc).length === 20, 10_000, "20 nodes on both");
    await waitFor(() => stateOf(a.ydoc) === stateOf(b.ydoc), 5_000, "identical state");
    const model = readModel(b.ydoc);
    expect(model.ok).toBe(true);
    if (model.ok) expect(model.doc.flows.map((f) => f.id)).toEqual(["f1"]);
    a.close();
    b.close();
  });

  test("three clients converge, including a concurrent delete against a new flow", async () => {
    const doc = await createDoc(env.server.url);
    const clients = [0, 1, 2].map(() => connectClient(env.server.url, doc.id, doc.token));
    await synced(...clients);
    const [a, b, c] = clients as [(typeof clients)[0], (typeof clients)[0], (typeof clients)[0]];
    addNode(a.ydoc, "n1", "住民記録システム");
    addNode(a.ydoc, "n2", "窓口端末");
    await waitFor(() => nodeIds(b.ydoc).length === 2 && nodeIds(c.ydoc).length === 2);
    // b deletes n2 while c draws a flow to it and a renames it.
    b.ydoc.transact(() => (b.ydoc.getMap("nagare").get("nodes") as Y.Map<unknown>).delete("n2"));
    addFlow(c.ydoc, "f1", "n1", "n2");
    ((a.ydoc.getMap("nagare").get("nodes") as Y.Map<Y.Map<unknown>>).get("n2") as Y.Map<unknown>).set("label", "端末");
    await waitFor(
      () => stateOf(a.ydoc) === stateOf(b.ydoc) && stateOf(b.ydoc) === stateOf(c.ydoc),
      10_000,
      "three identical replicas",
    );
    expect(nodeIds(a.ydoc)).toEqual(["n1"]);
    for (const cl of clients) cl.close();
  });

  test("awareness is relayed between the clients of a document", async () => {
    const doc = await createDoc(env.server.url);
    const a = connectClient(env.server.url, doc.id, doc.token);
    const b = connectClient(env.server.url, doc.id, doc.token);
    await synced(a, b);
    a.conn.awareness.setLocalStateField("user", { name: "佐藤" });
    a.conn.awareness.setLocalStateField("cursor", { x: 10, y: 20 });
    // The two fields may travel as two awareness updates: wait until both have arrived.
    await waitFor(() => {
      const s = b.conn.awareness.getStates().get(a.ydoc.clientID);
      return (s?.user as { name?: string } | undefined)?.name === "佐藤" && s?.cursor !== undefined;
    });
    const state = b.conn.awareness.getStates().get(a.ydoc.clientID);
    expect(state?.cursor).toEqual({ x: 10, y: 20 });
    a.close();
    await waitFor(() => !b.conn.awareness.getStates().has(a.ydoc.clientID), 10_000, "a's presence removed");
    b.close();
  });

  test("a connection cannot remove or overwrite another connection's presence", async () => {
    const doc = await createDoc(env.server.url);
    const a = connectClient(env.server.url, doc.id, doc.token);
    const c = connectClient(env.server.url, doc.id, doc.token);
    await synced(a, c);
    a.conn.awareness.setLocalStateField("user", { name: "本物" });
    await waitFor(() => c.conn.awareness.getStates().has(a.ydoc.clientID));
    const raw = await rawUpgrade(`${env.server.url.replace("http", "ws")}/ws/${doc.id}?token=${doc.token}`);
    const presence = (clientId: number, name: string) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, 10_000);
      encoding.writeVarString(inner, JSON.stringify({ user: { name } }));
      const msg = encoding.createEncoder();
      encoding.writeVarUint(msg, 1);
      encoding.writeVarUint8Array(msg, encoding.toUint8Array(inner));
      return encoding.toUint8Array(msg);
    };
    raw.ws?.send(presence(a.ydoc.clientID, "偽物"));
    // Then its own presence, which is relayed: once c has it, the forged one before it was handled too.
    const own = 0x7fff_0001;
    raw.ws?.send(presence(own, "合図"));
    await waitFor(() => c.conn.awareness.getStates().has(own), 5_000, "the connection's own presence");
    const seen = c.conn.awareness.getStates().get(a.ydoc.clientID) as { user?: { name?: string } } | undefined;
    expect(seen?.user?.name).toBe("本物");
    raw.ws?.close();
    a.close();
    c.close();
  });

  test("a viewer's changes reach neither the other clients nor the database", async () => {
    const doc = await createDoc(env.server.url, { title: "閲覧" });
    const viewLink = await share(env.server.url, doc, "view", "点検者");
    const editor = connectClient(env.server.url, doc.id, doc.token);
    const viewer = connectClient(env.server.url, doc.id, viewLink.token);
    await synced(editor, viewer);
    await waitFor(() => viewer.conn.notice()?.code === "read_only", 5_000, "read-only notice");
    addNode(viewer.ydoc, "evil", "閲覧者の変更");
    viewer.ydoc.getMap("nagare").set("title", "書き換え");
    addNode(editor.ydoc, "ok", "編集者の変更");
    await waitFor(() => nodeIds(viewer.ydoc).includes("ok"), 5_000, "viewer receives the editor's change");
    // The viewer's presence, sent after its edits, is relayed: once the editor has it, the server has handled
    // the edits before it; the stored model is read once the server's queued writes are done.
    viewer.conn.awareness.setLocalStateField("user", { name: "点検者" });
    const presence = () => editor.conn.awareness.getStates().get(viewer.ydoc.clientID) as { user?: { name?: string } };
    await waitFor(() => presence()?.user?.name === "点検者", 5_000, "the viewer's presence");
    const stored = await storedModel(env.server.url, doc, () => true);
    expect(stored.nodes.map((n: { id: string }) => n.id)).toEqual(["ok"]);
    expect(stored.title).toBe("閲覧");
    expect(nodeIds(editor.ydoc)).toEqual(["ok"]);
    expect(editor.ydoc.getMap("nagare").get("title")).toBe("閲覧");
    // A fresh client sees the same: the viewer's edit was never stored.
    const fresh = connectClient(env.server.url, doc.id, doc.token);
    await synced(fresh);
    expect(nodeIds(fresh.ydoc)).toEqual(["ok"]);
    for (const c of [editor, viewer, fresh]) c.close();
  });

  test("rename over HTTP reaches connected clients and the document list", async () => {
    const doc = await createDoc(env.server.url, { title: "旧" });
    const a = connectClient(env.server.url, doc.id, doc.token);
    await synced(a);
    const r = await api(env.server.url, `/api/documents/${doc.id}`, {
      method: "PATCH",
      token: doc.token,
      body: { title: "新しい表題", jimuName: "国民年金に関する事務" },
    });
    expect(r.status).toBe(200);
    expect(r.body.title).toBe("新しい表題");
    await waitFor(() => a.ydoc.getMap("nagare").get("title") === "新しい表題");
    expect((a.ydoc.getMap("nagare").get("meta") as Y.Map<unknown>).get("jimuName")).toBe("国民年金に関する事務");
    a.ydoc.getMap("nagare").set("title", "クライアントで変更");
    const listed = async () =>
      (await api(env.server.url, "/api/documents/lookup", { body: { links: [{ id: doc.id, token: doc.token }] } })).body
        .documents[0].title;
    await expect.poll(listed, { timeout: 10_000 }).toBe("クライアントで変更");
    a.close();
  });
});
