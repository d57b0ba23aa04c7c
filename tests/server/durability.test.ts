import { describe, expect, test } from "vitest";
import { startServer } from "../support/server";
import {
  addNode,
  api,
  connectClient,
  createDoc,
  nodeIds,
  sleep,
  stateOf,
  storedModel,
  synced,
  type TestClient,
  waitFor,
} from "./support";

describe("durability", () => {
  test("SIGKILL during continuous edits from several clients loses nothing any client saw; clients resync", async () => {
    let server = await startServer({ env: { COMPACT_EVERY: "50" } });
    const { dataDir, port } = server;
    const doc = await createDoc(server.url, { title: "耐久" });
    const editors = [0, 1, 2].map(() => connectClient(server.url, doc.id, doc.token));
    const observer = connectClient(server.url, doc.id, doc.token);
    await synced(...editors, observer);
    // Everything a client received from the server was confirmed by the server: remember it.
    const seen = new Set<string>();
    const record = (c: TestClient, own: string) =>
      c.ydoc.on("update", (_u: Uint8Array, origin: unknown) => {
        if (origin === c.conn.provider) for (const id of nodeIds(c.ydoc)) if (!id.startsWith(own)) seen.add(id);
      });
    for (const [i, c] of editors.entries()) record(c, `e${i}-`);
    record(observer, "none");
    let running = true;
    const loops = editors.map(async (c, i) => {
      for (let n = 0; running; n++) {
        addNode(c.ydoc, `e${i}-${n}`, `node ${i}/${n}`, n, i);
        // Paced: edits keep arriving while the server is killed (the point of the test).
        await sleep(3);
      }
    });
    // Killed in the middle of the edits, once a good number of them has been confirmed to others.
    await waitFor(() => seen.size > 60, 30_000, "confirmed edits");
    await server.stop("SIGKILL");
    running = false;
    await Promise.all(loops);
    expect(seen.size).toBeGreaterThan(50);

    // Offline edits while the server is down.
    addNode(editors[0]!.ydoc, "offline-0", "停止中の変更");
    addNode(editors[1]!.ydoc, "offline-1", "停止中の変更");

    server = await startServer({ dataDir, port });
    try {
      const fresh = connectClient(server.url, doc.id, doc.token);
      await synced(fresh);
      const restored = new Set(nodeIds(fresh.ydoc));
      const lost = [...seen].filter((id) => !restored.has(id));
      expect(lost).toEqual([]);
      // The editors reconnect by themselves and everyone converges, offline edits included.
      await waitFor(
        () => {
          const ref = stateOf(fresh.ydoc);
          return [...editors, observer].every((c) => stateOf(c.ydoc) === ref);
        },
        20_000,
        "all replicas converge after restart",
      );
      expect(nodeIds(fresh.ydoc)).toEqual(expect.arrayContaining(["offline-0", "offline-1"]));
      // Every edit any editor made is there: the clients had them and resent what the server lacked.
      for (const c of editors) for (const id of nodeIds(c.ydoc)) expect(nodeIds(fresh.ydoc)).toContain(id);
      fresh.close();
    } finally {
      for (const c of [...editors, observer]) c.close();
      await server.stop();
    }
  });

  test("a restart keeps documents, links, versions and the trash", async () => {
    let server = await startServer();
    const { dataDir } = server;
    const doc = await createDoc(server.url, { title: "再起動", jimuName: "子ども医療費の助成に関する事務" });
    const c = connectClient(server.url, doc.id, doc.token);
    await synced(c);
    addNode(c.ydoc, "n1", "受付端末");
    await storedModel(server.url, doc, (m) => m.nodes.length === 1, "the node to be stored");
    const v = await api(server.url, `/api/documents/${doc.id}/versions`, {
      token: doc.token,
      body: { name: "第三者点検前" },
    });
    expect(v.status).toBe(201);
    const gone = await createDoc(server.url, { title: "削除" });
    await api(server.url, `/api/documents/${gone.id}`, { method: "DELETE", token: gone.token });
    c.close();
    await server.stop("SIGKILL");
    server = await startServer({ dataDir });
    try {
      const info = await api(server.url, `/api/documents/${doc.id}`, { token: doc.token });
      expect(info.body.title).toBe("再起動");
      expect(info.body.jimuName).toBe("子ども医療費の助成に関する事務");
      const versions = await api(server.url, `/api/documents/${doc.id}/versions`, { token: doc.token });
      expect(versions.body.versions.map((x: { name: string }) => x.name)).toEqual(["第三者点検前"]);
      expect(versions.body.versions[0].nodes).toBe(1);
      const model = await api(server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(model.body.nodes.map((n: { id: string }) => n.id)).toEqual(["n1"]);
      const trashed = await api(server.url, `/api/documents/${gone.id}`, { token: gone.token });
      expect(trashed.body.deletedAt).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
