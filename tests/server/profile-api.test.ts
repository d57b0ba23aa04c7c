import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { liveServer } from "../support/live";
import { postRender } from "../support/render";
import { openStored } from "../support/stored";
import { api, createDoc, share } from "./support";

/** The organisation's common answers on the server: read with any link, saved by an owner, used by the 評価書. */
const env = liveServer({ env: { AUTH_DELAY_BASE_MS: "0" } });
const EXAMPLE = fs.readFileSync(
  path.resolve(import.meta.dirname, "../../docs/examples/kakuu-shi.nagare-profile.json"),
  "utf8",
);

describe("organisation profile API", () => {
  test("empty at first; an edit or view link reads it but only an owner saves it, and the save is audited", async () => {
    const url = env.server.url;
    const doc = await createDoc(url, { title: "国民年金" });
    const edit = await share(url, doc, "edit", "担当");
    expect((await api(url, "/api/profile")).status).toBe(401);
    const first = await api(url, "/api/profile", { token: edit.token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ updatedAt: null, canEdit: false, profile: { format: "nagare-profile" } });

    const byEdit = await api(url, "/api/profile", { token: edit.token, method: "PUT", raw: EXAMPLE });
    expect(byEdit.status).toBe(403);
    expect(byEdit.body.error.code).toBe("role");

    const bad = await api(url, "/api/profile", {
      token: doc.token,
      method: "PUT",
      raw: JSON.stringify({ format: "nagare-profile", schemaVersion: 1, answers: { "disclosure.fee": "高い" } }),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems[0].path).toBe("answers.disclosure.fee");
    expect(bad.body.error.problems[0].ja).toMatch(/選択肢/);

    const saved = await api(url, "/api/profile", { token: doc.token, method: "PUT", raw: EXAMPLE });
    expect(saved.status).toBe(200);
    const read = await api(url, "/api/profile", { token: edit.token });
    expect(read.body.profile.answers.organization).toBe("架空市長");
    expect(read.body.updatedBy).toBe(doc.shareId);

    const stored = await openStored(env.server);
    try {
      const lines = await stored.rows(
        "SELECT role, link_id, doc_id, detail FROM audit_log WHERE event = 'profile.update'",
      );
      expect(lines).toEqual([
        { role: "owner", link_id: doc.shareId, doc_id: doc.id, detail: expect.stringMatching(/items/) },
      ]);
    } finally {
      await stored.close();
    }
  });

  test("an owner key saves it too, recorded with the key's id", async () => {
    const url = env.server.url;
    const doc = await createDoc(url, { title: "子ども医療費" });
    const key = await api(url, "/api/owner/keys", { body: { documents: [{ id: doc.id, token: doc.token }] } });
    expect(key.status).toBe(201);
    const saved = await api(url, "/api/profile", { token: key.body.key, method: "PUT", raw: EXAMPLE });
    expect(saved.status).toBe(200);
    expect(saved.body.updatedBy).toBe(key.body.keyId);
    const stored = await openStored(env.server);
    try {
      const [last] = await stored.rows(
        "SELECT role, link_id FROM audit_log WHERE event = 'profile.update' ORDER BY seq DESC LIMIT 1",
      );
      expect(last).toEqual({ role: "key", link_id: key.body.keyId });
    } finally {
      await stored.close();
    }
  });

  test("the 評価書 export of a document fills from the stored profile; profile=none leaves it out", async () => {
    const url = env.server.url;
    const doc = await createDoc(url, { title: "住民基本台帳" });
    await api(url, "/api/profile", { token: doc.token, method: "PUT", raw: EXAMPLE });
    const model = fs.readFileSync(
      path.resolve(import.meta.dirname, "../../templates/osaka-shiei-jutaku.nagare.json"),
      "utf8",
    );
    const withProfile = await (await postRender(env.server, doc, "report", "format=md", model)).text();
    expect(withProfile).toContain("架空市個人情報保護審議会による第三者点検");
    const without = await (await postRender(env.server, doc, "report", "format=md&profile=none", model)).text();
    expect(without).not.toContain("架空市個人情報保護審議会");
    const count = (s: string) => s.match(/【要記入】/g)?.length ?? 0;
    expect(count(withProfile)).toBeLessThan(count(without));
  }, 60_000);
});
