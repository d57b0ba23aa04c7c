import { describe, expect, test } from "vitest";
import { liveServer } from "../support/live";
import { openStored } from "../support/stored";
import { api, createDoc, share } from "./support";

/** "My documents" on the server: an owner key lists its holder's documents on any device. */
const env = liveServer({ env: { AUTH_DELAY_BASE_MS: "0" } });

/** The key events of the audit log, read from the store's own database. */
async function audit(): Promise<
  { event: string; doc_id: string | null; role: string; link_id: string; target: string | null }[]
> {
  const db = await openStored(env.server);
  try {
    return await db.rows("SELECT * FROM audit_log WHERE event LIKE 'key.%' ORDER BY seq");
  } finally {
    await db.close();
  }
}

describe("owner keys", () => {
  test("a key lists the documents of the owner links given to it, and only those", async () => {
    const a = await createDoc(env.server.url, { title: "鍵A" });
    const b = await createDoc(env.server.url, { title: "鍵B" });
    const other = await createDoc(env.server.url, { title: "他人の文書" });
    const editOfOther = await share(env.server.url, other, "edit");
    const made = await api(env.server.url, "/api/owner/keys", {
      body: {
        documents: [
          { id: a.id, token: a.token },
          { id: b.id, token: b.token },
          { id: other.id, token: editOfOther.token },
          { id: other.id, token: "D".repeat(43) },
        ],
      },
    });
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.body.attached).toEqual([a.id, b.id]);
    expect(made.body.refused.map((r: { code: string }) => r.code)).toEqual(["role", "token_invalid"]);

    const list = await api(env.server.url, "/api/owner/documents", { token: key });
    expect(list.status).toBe(200);
    expect(list.body.documents.map((d: { title: string }) => d.title).sort()).toEqual(["鍵A", "鍵B"]);
    expect(list.body.documents.every((d: { role: string }) => d.role === "owner")).toBe(true);
    expect((await api(env.server.url, "/api/owner/documents")).status).toBe(401);
    const wrong = await api(env.server.url, "/api/owner/documents", { token: "E".repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.ja).toContain("所有者キー");
    // A document link is not a key.
    expect((await api(env.server.url, "/api/owner/documents", { token: a.token })).status).toBe(403);
  });

  test("on a new device the key gives a fresh owner link of a listed document, recorded as such", async () => {
    const doc = await createDoc(env.server.url, { title: "異動前の文書" });
    const key = (
      await api(env.server.url, "/api/owner/keys", { body: { documents: [{ id: doc.id, token: doc.token }] } })
    ).body.key as string;
    const fresh = await api(env.server.url, `/api/owner/documents/${doc.id}/link`, {
      token: key,
      body: { label: "新しいPC" },
    });
    expect(fresh.status).toBe(201);
    expect(fresh.body.role).toBe("owner");
    expect(fresh.body.token).not.toBe(doc.token);
    const shares = await api(env.server.url, `/api/documents/${doc.id}/shares`, { token: fresh.body.token });
    expect(shares.status).toBe(200);
    expect(shares.body.shares.map((s: { label: string }) => s.label)).toContain("所有者キーから（新しいPC）");

    const stranger = await createDoc(env.server.url);
    expect(
      (await api(env.server.url, `/api/owner/documents/${stranger.id}/link`, { token: key, body: {} })).status,
    ).toBe(404);
    // The key is a credential of this server: the organisation's templates are listed with it.
    expect((await api(env.server.url, "/api/templates", { token: key })).body.organization).toBe("listed");

    const log = (await audit()).filter((r) => r.doc_id === doc.id);
    expect(log.map((r) => [r.event, r.role, r.target])).toEqual([
      ["key.attach", "key", doc.shareId],
      ["key.link", "key", fresh.body.shareId],
    ]);
    expect(JSON.stringify(await audit())).not.toContain(key);
  });

  test("documents join later, leave the list, show in the trash; a replaced key stops working", async () => {
    const key = (await api(env.server.url, "/api/owner/keys", { body: {} })).body.key as string;
    const a = await createDoc(env.server.url, { title: "後からA" });
    const b = await createDoc(env.server.url, { title: "後からB" });
    const added = await api(env.server.url, "/api/owner/documents", {
      token: key,
      body: {
        documents: [
          { id: a.id, token: a.token },
          { id: b.id, token: b.token },
        ],
      },
    });
    expect(added.body.attached).toEqual([a.id, b.id]);
    expect((await api(env.server.url, `/api/owner/documents/${b.id}`, { method: "DELETE", token: key })).status).toBe(
      200,
    );
    await api(env.server.url, `/api/documents/${a.id}`, { method: "DELETE", token: a.token });
    const list = await api(env.server.url, "/api/owner/documents", { token: key });
    expect(
      list.body.documents.map((d: { id: string; deletedAt: number | null }) => [d.id, d.deletedAt !== null]),
    ).toEqual([[a.id, true]]);

    const replaced = await api(env.server.url, "/api/owner/keys/replace", { token: key, body: {} });
    expect(replaced.status).toBe(201);
    expect((await api(env.server.url, "/api/owner/documents", { token: key })).status).toBe(403);
    const again = await api(env.server.url, "/api/owner/documents", { token: replaced.body.key });
    expect(again.body.documents.map((d: { id: string }) => d.id)).toEqual([a.id]);
  });
});
