import { describe, expect, test } from "vitest";
import { emptyDocument, serializeDocument } from "../../src/model";
import { postRender } from "../support/render";
import { type RunningServer, startServer } from "../support/server";
import { openStored } from "../support/stored";
import { api, type Created, createDoc, share } from "./support";

/**
 * The audit log on the real server: links created and revoked, publications, deletions, restores and
 * exports, each with time, role and link id — never a token — appended only, and still there after the
 * process is killed.
 */
interface Row {
  seq: number;
  at: number;
  event: string;
  doc_id: string | null;
  role: string | null;
  link_id: string | null;
  address: string | null;
  target: string | null;
  detail: string | null;
}

async function auditRows(s: RunningServer): Promise<Row[]> {
  const db = await openStored(s);
  try {
    return await db.rows<Row>("SELECT * FROM audit_log ORDER BY seq");
  } finally {
    await db.close();
  }
}

describe("audit log", () => {
  test("records who did what with role and link id, never a token; refuses changes; survives SIGKILL", async () => {
    let s = await startServer({ env: { TRASH_DAYS: "0", AUTH_DELAY_BASE_MS: "0" } });
    try {
      const t0 = Date.now();
      const tokens: string[] = [];
      const keep = (c: Created) => {
        tokens.push(c.token);
        return c;
      };
      const doc = keep(await createDoc(s.url, { title: "監査" }));
      const edit = keep(await share(s.url, doc, "edit", "委託先"));
      const view = keep(await share(s.url, doc, "view"));
      const D = `/api/documents/${doc.id}`;
      expect((await api(s.url, `${D}/shares/${view.shareId}`, { method: "DELETE", token: doc.token })).status).toBe(
        200,
      );
      expect((await api(s.url, `${D}/model`, { token: edit.token })).status).toBe(200);
      const version = await api(s.url, `${D}/versions`, { token: edit.token, body: { name: "公表版" } });
      expect((await api(s.url, `${D}/versions/${version.body.id}/model`, { token: doc.token })).status).toBe(200);
      expect(
        (await api(s.url, `${D}/versions/${version.body.id}/restore`, { token: edit.token, body: {} })).status,
      ).toBe(200);
      const published = await api(s.url, "/api/templates", {
        token: doc.token,
        body: { documentId: doc.id, title: "雛" },
      });
      expect(published.status).toBe(201);
      const copy = await api(s.url, `${D}/duplicate`, { token: edit.token, body: {} });
      keep(copy.body);
      expect((await api(s.url, D, { method: "DELETE", token: doc.token })).status).toBe(200);
      expect((await api(s.url, `${D}/restore`, { token: doc.token, body: {} })).status).toBe(200);
      const svg = await postRender(s, edit, "diagram", "format=svg", serializeDocument(emptyDocument("図")));
      expect(svg.status).toBe(200);
      const imported = await api(s.url, "/api/documents/import", { raw: serializeDocument(emptyDocument("取込")) });
      keep(imported.body);
      // Refused attempts change nothing and are not events of the document.
      expect((await api(s.url, `${D}/shares`, { token: edit.token, body: { role: "view" } })).status).toBe(403);

      const rows = await auditRows(s);
      const ofDoc = rows
        .filter((r) => r.doc_id === doc.id)
        .map((r) => [r.event, r.role, r.link_id, r.target, r.detail]);
      expect(ofDoc).toEqual([
        ["document.create", null, null, doc.shareId, null],
        ["link.create", "owner", doc.shareId, edit.shareId, "edit 委託先"],
        ["link.create", "owner", doc.shareId, view.shareId, "view"],
        ["link.revoke", "owner", doc.shareId, view.shareId, null],
        ["export.model", "edit", edit.shareId, null, null],
        ["export.version", "owner", doc.shareId, version.body.id, "公表版"],
        ["version.restore", "edit", edit.shareId, version.body.id, "公表版"],
        ["template.publish", "owner", doc.shareId, published.body.id, "雛"],
        ["document.duplicate", "edit", edit.shareId, copy.body.id, null],
        ["document.delete", "owner", doc.shareId, null, null],
        ["document.restore", "owner", doc.shareId, null, null],
        ["export.render", "edit", edit.shareId, "diagram", "svg"],
      ]);
      expect(rows.find((r) => r.doc_id === imported.body.id)?.event).toBe("document.import");
      for (const r of rows) {
        expect(r.at).toBeGreaterThanOrEqual(t0);
        expect(r.address).toMatch(/127\.0\.0\.1/);
      }
      const text = JSON.stringify(rows);
      for (const t of tokens) {
        expect(text).not.toContain(t);
        expect(text).not.toContain(t.slice(0, 16));
      }

      // Append-only, in the database itself: a second connection cannot change or remove a line.
      const rw = await openStored(s);
      try {
        await expect(rw.run("UPDATE audit_log SET role = 'view'")).rejects.toThrow(/append-only/);
        await expect(rw.run("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      } finally {
        await rw.close();
      }
      expect(await auditRows(s)).toEqual(rows);

      // Answered means stored: a line written before the process is killed is there after the restart,
      // and the purge of the trashed document (TRASH_DAYS=0, at start) is recorded though the document is gone.
      expect((await api(s.url, D, { method: "DELETE", token: doc.token })).status).toBe(200);
      await s.stop("SIGKILL");
      s = await startServer({ dataDir: s.dataDir, env: { TRASH_DAYS: "0" } });
      const after = (await auditRows(s)).filter((r) => r.doc_id === doc.id);
      expect(after.slice(-2).map((r) => [r.event, r.role])).toEqual([
        ["document.delete", "owner"],
        ["document.purge", "system"],
      ]);
      expect((await api(s.url, `${D}/model`, { token: doc.token })).status).toBe(403);
    } finally {
      await s.stop();
    }
  });
});
