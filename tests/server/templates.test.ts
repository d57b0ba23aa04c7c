import { describe, expect, test } from "vitest";
import { liveServer } from "../support/live";
import { openStored } from "../support/stored";
import { addFlow, addNode, api, type Created, connectClient, createDoc, share, synced, waitFor } from "./support";

/** Organisation templates: published by owners, listed and copied only with a valid link of this server. */
const env = liveServer({ env: { AUTH_DELAY_BASE_MS: "0" } });

/** Rows of the store's own database (SQLite or PostgreSQL). */
async function rows<T>(sql: string, ...args: unknown[]): Promise<T[]> {
  const db = await openStored(env.server);
  try {
    return await db.rows<T>(sql, ...args);
  } finally {
    await db.close();
  }
}

async function drawnDocument(title: string): Promise<Created> {
  const doc = await createDoc(env.server.url, { title, jimuName: `${title}の事務` });
  const c = connectClient(env.server.url, doc.id, doc.token);
  await synced(c);
  addNode(c.ydoc, "n1", "窓口");
  addNode(c.ydoc, "n2", "システム");
  addFlow(c.ydoc, "f1", "n1", "n2");
  // The flow is stored once the server's copy has it; read back through the API.
  await waitFor(() => c.conn.status() === "connected");
  await expect
    .poll(async () => (await api(env.server.url, `/api/documents/${doc.id}/model`, { token: doc.token })).body.flows)
    .toHaveLength(1);
  c.close();
  return doc;
}

const orgIds = (body: { templates: { id: string; source: string }[] }) =>
  body.templates.filter((t) => t.source === "organization").map((t) => t.id);

describe("publishing a template", () => {
  test("is an owner action; each publication is recorded with the publishing link's id", async () => {
    const doc = await drawnDocument("発行元");
    const edit = await share(env.server.url, doc, "edit", "担当");
    const byEdit = await api(env.server.url, "/api/templates", {
      token: edit.token,
      body: { documentId: doc.id, title: "編集者のひな形" },
    });
    expect(byEdit.status).toBe(403);
    expect(byEdit.body.error.code).toBe("role");
    const published = await api(env.server.url, "/api/templates", {
      token: doc.token,
      body: { documentId: doc.id, title: "当市のひな形" },
    });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ source: "organization", title: "当市のひな形", flows: 1, nodes: 2 });
    const id = published.body.id as string;
    const stored = await rows<{ doc_id: string; published_by: string }>(
      "SELECT doc_id, published_by FROM org_templates WHERE id = ?",
      id.replace(/^org-/, ""),
    );
    expect(stored).toEqual([{ doc_id: doc.id, published_by: doc.shareId }]);
    const mine = await api(env.server.url, `/api/documents/${doc.id}/templates`, { token: doc.token });
    expect(mine.body.templates.map((t: { id: string; title: string }) => [t.id, t.title])).toEqual([
      [id, "当市のひな形"],
    ]);
    expect((await api(env.server.url, `/api/documents/${doc.id}/templates`, { token: edit.token })).status).toBe(403);
    const log = await rows<{ event: string; role: string; link_id: string; target: string }>(
      "SELECT event, role, link_id, target FROM audit_log WHERE doc_id = ? AND event LIKE 'template.%'",
      doc.id,
    );
    expect(log).toEqual([{ event: "template.publish", role: "owner", link_id: doc.shareId, target: id }]);
  });
});

describe("listing and copying need a valid link of this server", () => {
  test("without a link only the built-in templates are listed; bad links are refused", async () => {
    const doc = await drawnDocument("一覧");
    const published = await api(env.server.url, "/api/templates", {
      token: doc.token,
      body: { documentId: doc.id, title: "一覧のひな形" },
    });
    const id = published.body.id as string;
    const open = await api(env.server.url, "/api/templates");
    expect(open.status).toBe(200);
    expect(open.body.organization).toBe("needs_link");
    expect(open.body.templates.length).toBeGreaterThan(0);
    expect(orgIds(open.body)).toEqual([]);
    expect(JSON.stringify(open.body)).not.toContain("一覧のひな形");

    // Any valid link of the server will do, whatever the document and role.
    const other = await createDoc(env.server.url, { title: "別の文書" });
    const viewOfOther = await share(env.server.url, other, "view");
    const listed = await api(env.server.url, "/api/templates", { token: viewOfOther.token });
    expect(listed.body.organization).toBe("listed");
    expect(orgIds(listed.body)).toContain(id);

    const revoked = await share(env.server.url, other, "edit");
    await api(env.server.url, `/api/documents/${other.id}/shares/${revoked.shareId}`, {
      method: "DELETE",
      token: other.token,
    });
    const trashed = await createDoc(env.server.url, { title: "ごみ箱" });
    await api(env.server.url, `/api/documents/${trashed.id}`, { method: "DELETE", token: trashed.token });
    for (const bad of ["B".repeat(43), revoked.token, trashed.token]) {
      const r = await api(env.server.url, "/api/templates", { token: bad });
      expect(r.status).toBe(403);
      expect(r.body.error.ja).toBeTruthy();
      expect(r.body.error.en).toBeTruthy();
    }
  });

  test("copying an organisation template needs a valid link; built-in ones stay open", async () => {
    const doc = await drawnDocument("写し元");
    const id = (
      await api(env.server.url, "/api/templates", {
        token: doc.token,
        body: { documentId: doc.id, title: "写すひな形" },
      })
    ).body.id as string;
    const before = (await rows<{ n: number }>("SELECT count(*) AS n FROM documents"))[0]?.n;
    expect((await api(env.server.url, "/api/documents", { body: { template: id } })).status).toBe(401);
    expect(
      (await api(env.server.url, "/api/documents", { token: "C".repeat(43), body: { template: id } })).status,
    ).toBe(403);
    expect((await rows<{ n: number }>("SELECT count(*) AS n FROM documents"))[0]?.n).toBe(before);

    const stranger = await createDoc(env.server.url);
    const copy = await api(env.server.url, "/api/documents", { token: stranger.token, body: { template: id } });
    expect(copy.status).toBe(201);
    const model = await api(env.server.url, `/api/documents/${copy.body.id}/model`, { token: copy.body.token });
    expect(model.body.flows.map((f: { id: string }) => f.id)).toEqual(["f1"]);
    expect(model.body.title).toBe("写すひな形");
    const used = await rows<{ link_id: string; target: string }>(
      "SELECT link_id, target FROM audit_log WHERE event = 'template.use' AND doc_id = ?",
      copy.body.id,
    );
    expect(used).toEqual([{ link_id: stranger.shareId, target: id }]);

    const builtin = (await api(env.server.url, "/api/templates")).body.templates[0].id as string;
    expect((await api(env.server.url, "/api/documents", { body: { template: builtin } })).status).toBe(201);
  });
});

describe("renaming and withdrawing a publication", () => {
  test("belong to the owner of the source document", async () => {
    const doc = await drawnDocument("改名元");
    const edit = await share(env.server.url, doc, "edit");
    const stranger = await createDoc(env.server.url);
    const id = (
      await api(env.server.url, "/api/templates", {
        token: doc.token,
        body: { documentId: doc.id, title: "古い名前" },
      })
    ).body.id as string;
    const rename = (token?: string, title = "新しい名前") =>
      api(env.server.url, `/api/templates/${id}`, { method: "PATCH", token, body: { title } });
    const remove = (token?: string) => api(env.server.url, `/api/templates/${id}`, { method: "DELETE", token });

    expect((await rename()).status).toBe(401);
    expect((await rename(edit.token)).status).toBe(403);
    expect((await rename(stranger.token)).status).toBe(403);
    expect((await remove(edit.token)).status).toBe(403);
    expect((await remove(stranger.token)).status).toBe(403);
    expect((await rename(doc.token, "   ")).status).toBe(400);

    const renamed = await rename(doc.token);
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe("新しい名前");
    const listed = await api(env.server.url, "/api/templates", { token: stranger.token });
    expect(listed.body.templates.find((t: { id: string }) => t.id === id)?.title).toBe("新しい名前");

    expect((await remove(doc.token)).status).toBe(200);
    const after = await api(env.server.url, "/api/templates", { token: stranger.token });
    expect(orgIds(after.body)).not.toContain(id);
    expect(
      (await api(env.server.url, "/api/documents", { token: stranger.token, body: { template: id } })).status,
    ).toBe(404);
    expect((await remove(doc.token)).status).toBe(404);
    const log = await rows<{ event: string; link_id: string }>(
      "SELECT event, link_id FROM audit_log WHERE target = ? ORDER BY seq",
      id,
    );
    expect(log).toEqual([
      { event: "template.publish", link_id: doc.shareId },
      { event: "template.rename", link_id: doc.shareId },
      { event: "template.delete", link_id: doc.shareId },
    ]);
  });
});
