import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { addReply, addThread, setThreadStatus } from "../../src/document/comments";
import { COMMENTS, collection } from "../../src/sync/doc-shape";
import { startServer } from "../support/server";
import {
  addFlow,
  addNode,
  api,
  type Created,
  connectClient,
  createDoc,
  nodeIds,
  share,
  stateOf,
  synced,
  type TestClient,
  waitFor,
} from "./support";

/** A drawing with one flow, an owner connection and a reviewer connection, both synced. */
async function setUp(url: string) {
  const doc = await createDoc(url, { title: "点検" });
  const review = await share(url, doc, "review", "審議会");
  const owner = connectClient(url, doc.id, doc.token);
  await synced(owner);
  addNode(owner.ydoc, "n1", "本人");
  addNode(owner.ydoc, "n2", "住民記録システム");
  addFlow(owner.ydoc, "f1", "n1", "n2");
  const reviewer = connectClient(url, doc.id, review.token);
  await synced(reviewer);
  await waitFor(() => nodeIds(reviewer.ydoc).length === 2, 10_000, "reviewer sees the drawing");
  return { doc, review, owner, reviewer };
}

const threadIds = (c: TestClient) => [...collection(c.ydoc, COMMENTS).keys()].sort();

async function storedModel(url: string, doc: Created) {
  const r = await api(url, `/api/documents/${doc.id}/model`, { token: doc.token });
  expect(r.status).toBe(200);
  return r.body;
}

describe("review links (点検用リンク)", () => {
  test("a reviewer comments, replies and sets statuses; an editor answers; both see it live; HTTP edits are refused", async () => {
    const server = await startServer();
    try {
      const { doc, review, owner, reviewer } = await setUp(server.url);
      expect(review.link).toBe(`/d/${doc.id}#t=${review.token}&role=review`);
      const before = await api(server.url, `/api/documents/${doc.id}/versions`, {
        token: doc.token,
        body: { name: "第三者点検前" },
      });
      expect(before.status).toBe(201);
      const opened = addThread(reviewer.ydoc, {
        target: { kind: "flow", id: "f1" },
        author: "委員A",
        text: "暗号化の有無を備考に書いてください",
      });
      expect(opened.ok).toBe(true);
      const id = (opened as { id: string }).id;
      await waitFor(() => threadIds(owner).includes(id), 10_000, "owner sees the thread");
      expect(addReply(owner.ydoc, id, { author: "担当課", text: "追記しました" }).ok).toBe(true);
      await waitFor(
        () => (collection(reviewer.ydoc, COMMENTS).get(id) as Y.Map<Y.Map<unknown>>).get("replies")?.size === 1,
        10_000,
        "reviewer sees the answer",
      );
      expect(setThreadStatus(reviewer.ydoc, id, { status: "resolved", by: "委員A" }).ok).toBe(true);
      await waitFor(
        () => (collection(owner.ydoc, COMMENTS).get(id) as Y.Map<unknown>).get("status") === "resolved",
        10_000,
        "owner sees the status",
      );
      expect(reviewer.conn.status()).toBe("connected");
      const model = await storedModel(server.url, doc);
      expect(model.comments).toHaveLength(1);
      expect(model.comments[0]).toMatchObject({
        id,
        target: { kind: "flow", id: "f1" },
        status: "resolved",
        replies: [{ author: "担当課", text: "追記しました" }],
      });
      // The review link reads like a view link over HTTP and changes nothing there.
      const D = `/api/documents/${doc.id}`;
      expect((await api(server.url, `${D}/model`, { token: review.token })).status).toBe(200);
      const rename = await api(server.url, D, { method: "PATCH", token: review.token, body: { title: "x" } });
      expect(rename.status).toBe(403);
      expect(rename.body.error.ja).toContain("点検用");
      expect((await api(server.url, `${D}/versions`, { token: review.token, body: { name: "公表版" } })).status).toBe(
        403,
      );
      expect((await api(server.url, `${D}/shares`, { token: review.token })).status).toBe(403);
      // Restoring the version from before the review brings back the drawing, never takes back the review.
      const restored = await api(server.url, `${D}/versions/${before.body.id}/restore`, { token: doc.token, body: {} });
      expect(restored.status).toBe(200);
      expect((await storedModel(server.url, doc)).comments.map((c: { id: string }) => c.id)).toEqual([id]);
      // An organisation template made from the document carries the drawing, never the review.
      const published = await api(server.url, "/api/templates", {
        token: doc.token,
        body: { documentId: doc.id, title: "点検済みのひな形" },
      });
      expect(published.status).toBe(201);
      const copy = await api(server.url, "/api/documents", { token: doc.token, body: { template: published.body.id } });
      expect(copy.status).toBe(201);
      const copied = await storedModel(server.url, copy.body);
      expect(copied.flows.map((f: { id: string }) => f.id)).toEqual(["f1"]);
      expect(copied.comments ?? []).toEqual([]);
      const listed = await api(server.url, `${D}/shares`, { token: doc.token });
      expect(listed.body.shares.map((s: { role: string }) => s.role).sort()).toEqual(["owner", "review"]);
      owner.close();
      reviewer.close();
    } finally {
      await server.stop();
    }
  });

  const forbidden: [string, (d: Y.Doc) => void][] = [
    ["adds a node", (d) => addNode(d, "n3", "追加")],
    [
      "moves a node",
      (d) => d.transact(() => (collection(d, "nodes").get("n1") as Y.Map<unknown>).set("position", { x: 9, y: 9 })),
    ],
    ["deletes a flow", (d) => d.transact(() => collection(d, "flows").delete("f1"))],
    ["writes an answer", (d) => d.transact(() => collection(d, "answers").set("II.1", { value: "書き換え" }))],
    ["decides a finding", (d) => d.transact(() => collection(d, "decisions").set("x:f1", { status: "accepted" }))],
    ["renames the document", (d) => d.transact(() => d.getMap("nagare").set("title", "別名"))],
    ["changes 文書情報", (d) => d.transact(() => collection(d, "meta").set("organization", "別の市"))],
    ["writes a shared type outside the model", (d) => d.transact(() => d.getMap("elsewhere").set("k", "v"))],
    [
      "comments and edits in one update",
      (d) =>
        d.transact(() => {
          addThread(d, { target: { kind: "node", id: "n1" }, author: "委員A", text: "同時に" });
          (collection(d, "nodes").get("n2") as Y.Map<unknown>).set("label", "改名");
        }),
    ],
  ];
  test("a reviewer's update that touches anything but comments is refused, told why, and nothing is stored", async () => {
    const server = await startServer();
    try {
      for (const [what, change] of forbidden) {
        const { doc, owner, reviewer } = await setUp(server.url);
        await waitFor(() => stateOf(owner.ydoc) === stateOf(reviewer.ydoc), 10_000, "replicas equal");
        const before = stateOf(owner.ydoc);
        change(reviewer.ydoc);
        await waitFor(() => reviewer.conn.status() === "refused", 10_000, `refused: ${what}`);
        expect(reviewer.conn.notice()?.code, what).toBe("review_only");
        expect(reviewer.conn.notice()?.ja).toContain("点検用");
        const fresh = connectClient(server.url, doc.id, doc.token);
        await synced(fresh);
        expect(stateOf(fresh.ydoc), what).toBe(before);
        expect(stateOf(owner.ydoc), what).toBe(before);
        expect(owner.conn.status()).toBe("connected");
        const model = await storedModel(server.url, doc);
        expect(model.comments ?? [], what).toEqual([]);
        expect(model.title).toBe("点検");
        for (const c of [owner, reviewer, fresh]) c.close();
      }
    } finally {
      await server.stop();
    }
  });

  test("an invalid thread is refused for everyone (対応不要 without a reason)", async () => {
    const server = await startServer();
    try {
      const { doc, owner, reviewer } = await setUp(server.url);
      reviewer.ydoc.transact(() => {
        const m = new Y.Map<unknown>();
        m.set("target", { kind: "node", id: "n1" });
        m.set("author", "委員A");
        m.set("at", new Date().toISOString());
        m.set("text", "理由なし");
        m.set("status", "not_needed");
        m.set("replies", new Y.Map());
        collection(reviewer.ydoc, COMMENTS).set("c-bad", m);
      });
      await waitFor(() => reviewer.conn.status() === "refused", 10_000, "refused");
      expect(reviewer.conn.notice()?.code).toBe("invalid_element");
      expect((await storedModel(server.url, doc)).comments ?? []).toEqual([]);
      owner.close();
      reviewer.close();
    } finally {
      await server.stop();
    }
  });

  test("comments survive a SIGKILL like edits; a revoked review link is closed for good", async () => {
    let server = await startServer();
    const { dataDir, port } = server;
    const { doc, review, owner, reviewer } = await setUp(server.url);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = addThread(reviewer.ydoc, {
        target: { kind: "point", x: i * 10, y: 20 },
        author: "委員B",
        text: `指摘 ${i}`,
      });
      if (r.ok) ids.push(r.id);
    }
    // Confirmed: the owner received them from the server, so they are stored.
    await waitFor(() => threadIds(owner).length === 5, 10_000, "owner received the threads");
    await server.stop("SIGKILL");
    owner.close();
    reviewer.close();
    server = await startServer({ dataDir, port });
    try {
      const model = await storedModel(server.url, doc);
      expect(model.comments.map((t: { id: string }) => t.id).sort()).toEqual([...ids].sort());
      const again = connectClient(server.url, doc.id, review.token);
      const other = connectClient(server.url, doc.id, doc.token);
      await synced(again, other);
      const revoked = await api(server.url, `/api/documents/${doc.id}/shares/${review.shareId}`, {
        method: "DELETE",
        token: doc.token,
      });
      expect(revoked.status).toBe(200);
      await waitFor(() => again.conn.status() === "refused", 10_000, "review link closed");
      expect(again.conn.notice()?.code).toBe("revoked");
      expect(other.conn.status()).toBe("connected");
      const reopen = await api(server.url, `/api/documents/${doc.id}/model`, { token: review.token });
      expect(reopen.status).toBe(403);
      again.close();
      other.close();
    } finally {
      await server.stop();
    }
  });
});
