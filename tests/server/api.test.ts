import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type * as Y from "yjs";
import { liveServer } from "../support/live";
import { startServer } from "../support/server";
import {
  addFlow,
  addNode,
  api,
  connectClient,
  createDoc,
  nodeIds,
  rawUpgrade,
  share,
  storedModel,
  synced,
  waitFor,
} from "./support";

const env = liveServer();

const ROOT = path.resolve(import.meta.dirname, "../..");
const builtinFiles = fs.readdirSync(path.join(ROOT, "templates")).filter((f) => f.endsWith(".nagare.json"));

describe("documents", () => {
  test("templates are listed with title, 機関, 種類 and counts, and a document can start from one", async () => {
    const r = await api(env.server.url, "/api/templates");
    expect(r.status).toBe(200);
    const builtin = r.body.templates.filter((t: { source: string }) => t.source === "builtin");
    expect(builtin.length).toBe(builtinFiles.length);
    if (builtin.length === 0) return;
    const t = builtin[0];
    expect(t.title).toBeTruthy();
    expect(typeof t.organization).toBe("string");
    expect(["basic", "focused", "full"]).toContain(t.kind);
    expect(t.flows).toBeGreaterThan(0);
    const created = await api(env.server.url, "/api/documents", { body: { template: t.id } });
    expect(created.status).toBe(201);
    const model = await api(env.server.url, `/api/documents/${created.body.id}/model`, { token: created.body.token });
    expect(model.body.flows.length).toBe(t.flows);
    expect(model.body.nodes.length).toBe(t.nodes);
    expect(decodeURIComponent(model.headers.get("content-disposition") ?? "")).toContain(".nagare.json");
    const missing = await api(env.server.url, "/api/documents", { body: { template: "nope" } });
    expect(missing.status).toBe(404);
  });

  test("import: a valid file becomes a new document; problems come back with paths in both languages", async () => {
    const text = JSON.stringify({
      format: "nagare",
      schemaVersion: 2,
      title: "取込",
      meta: { jimuName: "取込の事務" },
      nodes: [{ id: "a", kind: "staff", label: "職員", position: { x: 0, y: 0 } }],
    });
    const ok = await api(env.server.url, "/api/documents/import", { raw: text });
    expect(ok.status).toBe(201);
    const again = await api(env.server.url, "/api/documents/import", { raw: text });
    expect(again.body.id).not.toBe(ok.body.id);
    const bad = await api(env.server.url, "/api/documents/import", {
      raw: JSON.stringify({ format: "nagare", schemaVersion: 2, meta: {}, nodes: [{ id: "a", kind: "ufo" }] }),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.length).toBeGreaterThan(0);
    const p = bad.body.error.problems[0];
    expect(p.path).toContain("nodes[0]");
    expect(p.ja).toBeTruthy();
    expect(p.en).toBeTruthy();
    const notJson = await api(env.server.url, "/api/documents/import", { raw: "{" });
    expect(notJson.status).toBe(422);
    expect(notJson.body.error.problems[0].code).toBe("invalid_json");
  });

  test("list, rename, duplicate, delete to trash, restore", async () => {
    const a = await createDoc(env.server.url, { title: "一覧A", jimuName: "事務A" });
    const b = await createDoc(env.server.url, { title: "一覧B" });
    const dup = await api(env.server.url, `/api/documents/${a.id}/duplicate`, { token: a.token, body: {} });
    expect(dup.status).toBe(201);
    const list = await api(env.server.url, "/api/documents/lookup", {
      body: {
        links: [
          { id: a.id, token: a.token },
          { id: b.id, token: b.token },
          { id: dup.body.id, token: dup.body.token },
          { id: b.id, token: a.token },
        ],
      },
    });
    const docs = list.body.documents;
    expect(docs.map((d: { title?: string }) => d.title)).toEqual(["一覧A", "一覧B", "一覧A（コピー）", undefined]);
    expect(docs[0].jimuName).toBe("事務A");
    expect(docs[2].jimuName).toBe("事務A");
    expect(docs[3]).toMatchObject({ ok: false, status: 403 });
    const del = await api(env.server.url, `/api/documents/${b.id}`, { method: "DELETE", token: b.token });
    expect(del.status).toBe(200);
    expect(del.body.purgeAt - del.body.deletedAt).toBe(30 * 86_400_000);
    expect((await api(env.server.url, `/api/documents/${b.id}/model`, { token: b.token })).status).toBe(410);
    const restored = await api(env.server.url, `/api/documents/${b.id}/restore`, { token: b.token, body: {} });
    expect(restored.body.deletedAt).toBeNull();
    expect((await api(env.server.url, `/api/documents/${b.id}/model`, { token: b.token })).status).toBe(200);
  });

  test("deleting closes open connections; edit links cannot reach a deleted document", async () => {
    const doc = await createDoc(env.server.url);
    const edit = await share(env.server.url, doc, "edit");
    const c = connectClient(env.server.url, doc.id, edit.token);
    await synced(c);
    await api(env.server.url, `/api/documents/${doc.id}`, { method: "DELETE", token: doc.token });
    await waitFor(() => c.conn.status() === "refused");
    expect(c.conn.notice()?.code).toBe("deleted");
    expect((await api(env.server.url, `/api/documents/${doc.id}`, { token: edit.token })).status).toBe(410);
    const ownerWs = await rawUpgrade(`${env.server.url.replace("http", "ws")}/ws/${doc.id}?token=${doc.token}`);
    expect(ownerWs.status).toBe(410);
    c.close();
  });

  test("save as an organisation template, listed alongside the built-in ones", async () => {
    const doc = await createDoc(env.server.url, { title: "自治体版", jimuName: "独自の事務" });
    const c = connectClient(env.server.url, doc.id, doc.token);
    await synced(c);
    addNode(c.ydoc, "n1", "窓口");
    addNode(c.ydoc, "n2", "システム");
    addFlow(c.ydoc, "f1", "n1", "n2");
    await storedModel(env.server.url, doc, (m) => m.flows.length === 1, "the drawing to be stored");
    c.close();
    const saved = await api(env.server.url, "/api/templates", {
      token: doc.token,
      body: { documentId: doc.id, title: "当市のひな形" },
    });
    expect(saved.status).toBe(201);
    const list = await api(env.server.url, "/api/templates", { token: doc.token });
    const mine = list.body.templates.find((t: { id: string }) => t.id === saved.body.id);
    expect(mine).toMatchObject({
      source: "organization",
      title: "当市のひな形",
      jimuName: "独自の事務",
      nodes: 2,
      flows: 1,
    });
    const fromIt = await api(env.server.url, "/api/documents", { token: doc.token, body: { template: saved.body.id } });
    const model = await api(env.server.url, `/api/documents/${fromIt.body.id}/model`, { token: fromIt.body.token });
    expect(model.body.flows.map((f: { id: string }) => f.id)).toEqual(["f1"]);
    expect((await api(env.server.url, "/api/templates", { body: { documentId: doc.id } })).status).toBe(401);
  });
});

describe("versions and activity", () => {
  test("a named version can be viewed and restored; connected clients follow the restore", async () => {
    const doc = await createDoc(env.server.url, { title: "版" });
    const a = connectClient(env.server.url, doc.id, doc.token);
    const b = connectClient(env.server.url, doc.id, doc.token);
    await synced(a, b);
    a.conn.awareness.setLocalStateField("user", { name: "田中" });
    addNode(a.ydoc, "n1", "最初");
    addNode(a.ydoc, "n2", "二番目");
    await waitFor(() => nodeIds(b.ydoc).length === 2);
    const v = await api(env.server.url, `/api/documents/${doc.id}/versions`, {
      token: doc.token,
      body: { name: "公表版" },
    });
    expect(v.status).toBe(201);
    expect(v.body).toMatchObject({ name: "公表版", nodes: 2, flows: 0 });
    // Later edits: one node deleted, one renamed, one added.
    (a.ydoc.getMap("nagare").get("nodes") as Y.Map<unknown>).delete("n1");
    ((a.ydoc.getMap("nagare").get("nodes") as Y.Map<Y.Map<unknown>>).get("n2") as Y.Map<unknown>).set(
      "label",
      "変更後",
    );
    addNode(a.ydoc, "n3", "追加");
    await waitFor(() => nodeIds(b.ydoc).join() === "n2,n3");
    const view = await api(env.server.url, `/api/documents/${doc.id}/versions/${v.body.id}/model`, {
      token: doc.token,
    });
    expect(view.body.model.nodes.map((n: { label: string }) => n.label)).toEqual(["最初", "二番目"]);
    const restore = await api(env.server.url, `/api/documents/${doc.id}/versions/${v.body.id}/restore`, {
      token: doc.token,
      body: { by: "田中" },
    });
    expect(restore.status).toBe(200);
    await waitFor(() => nodeIds(b.ydoc).join() === "n1,n2" && nodeIds(a.ydoc).join() === "n1,n2", 5_000, "restore");
    const n2 = (b.ydoc.getMap("nagare").get("nodes") as Y.Map<Y.Map<unknown>>).get("n2") as Y.Map<unknown>;
    expect(n2.get("label")).toBe("二番目");
    const activity = await api(env.server.url, `/api/documents/${doc.id}/activity`, { token: doc.token });
    const rows = activity.body.activity as { actor: string; nodes: number; at: number }[];
    const tanaka = rows.filter((r) => r.actor === "田中");
    expect(tanaka.reduce((s, r) => s + r.nodes, 0)).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.at % 60_000 === 0)).toBe(true);
    const viewer = await share(env.server.url, doc, "view");
    expect((await api(env.server.url, `/api/documents/${doc.id}/versions`, { token: viewer.token })).status).toBe(200);
    expect(
      (
        await api(env.server.url, `/api/documents/${doc.id}/versions/${v.body.id}/restore`, {
          token: viewer.token,
          body: {},
        })
      ).status,
    ).toBe(403);
    a.close();
    b.close();
  });
});

describe("render routes", () => {
  test("the body is validated before a renderer runs", async () => {
    const doc = await createDoc(env.server.url);
    const bad = await api(env.server.url, `/api/render/diagram?document=${doc.id}`, {
      raw: JSON.stringify({ format: "nagare" }),
      token: doc.token,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.length).toBeGreaterThan(0);
    const none = await api(env.server.url, "/api/render/does-not-exist", { raw: "{}" });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe("no_renderer");
  });
});

describe("housekeeping and abuse limits", () => {
  test("documents in the trash longer than TRASH_DAYS are purged with their links", async () => {
    let s = await startServer({ env: { TRASH_DAYS: "0" } });
    try {
      const keep = await createDoc(s.url, { title: "残す" });
      const gone = await createDoc(s.url, { title: "消える" });
      await api(s.url, `/api/documents/${gone.id}`, { method: "DELETE", token: gone.token });
      expect((await api(s.url, `/api/documents/${gone.id}`, { token: gone.token })).status).toBe(200);
      await s.stop();
      s = await startServer({ dataDir: s.dataDir, env: { TRASH_DAYS: "0" } });
      expect(s.output()).toContain("purged 1 document");
      expect((await api(s.url, `/api/documents/${gone.id}`, { token: gone.token })).status).toBe(403);
      expect((await api(s.url, `/api/documents/${keep.id}`, { token: keep.token })).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  test("new documents per minute are limited; bad tokens in a list request count as guesses", async () => {
    const s = await startServer({ env: { CREATE_PER_MINUTE: "3", AUTH_DELAY_BASE_MS: "200" } });
    try {
      const docs = [await createDoc(s.url), await createDoc(s.url), await createDoc(s.url)];
      const fourth = await api(s.url, "/api/documents", { body: {} });
      expect(fourth.status).toBe(429);
      expect(fourth.body.error.ja).toContain("3");
      const guesses = Array.from({ length: 10 }, (_, i) => ({ id: docs[0]?.id, token: `${"g".repeat(42)}${i}` }));
      const first = await api(s.url, "/api/documents/lookup", { body: { links: guesses } });
      expect(first.body.documents.every((d: { status: number }) => d.status === 403)).toBe(true);
      const t0 = Date.now();
      await api(s.url, "/api/documents/lookup", { body: { links: guesses.slice(0, 1) } });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    } finally {
      await s.stop();
    }
  });
});
