import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { liveServer } from "../support/live";
import { startServer } from "../support/server";
import { openStored } from "../support/stored";
import { api, connectClient, createDoc, rawUpgrade, share, synced, waitFor } from "./support";

// No slowdown here: this file checks status codes; the throttle has its own server below.
const env = liveServer({ env: { AUTH_DELAY_BASE_MS: "0" } });

const wsUrl = (id: string, token?: string) =>
  `${env.server.url.replace("http", "ws")}/ws/${id}${token === undefined ? "" : `?token=${encodeURIComponent(token)}`}`;

describe("access by link", () => {
  test("HTTP: no token 401, wrong token 403, token of another document 403, revoked 403", async () => {
    const doc = await createDoc(env.server.url);
    const other = await createDoc(env.server.url);
    expect((await api(env.server.url, `/api/documents/${doc.id}`)).status).toBe(401);
    const wrong = await api(env.server.url, `/api/documents/${doc.id}`, { token: "A".repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.ja).toBeTruthy();
    expect(wrong.body.error.en).toBeTruthy();
    expect((await api(env.server.url, `/api/documents/${doc.id}/model`, { token: other.token })).status).toBe(403);
    const link = await share(env.server.url, doc, "edit", "委託先");
    expect((await api(env.server.url, `/api/documents/${doc.id}`, { token: link.token })).status).toBe(200);
    const revoke = await api(env.server.url, `/api/documents/${doc.id}/shares/${link.shareId}`, {
      method: "DELETE",
      token: doc.token,
    });
    expect(revoke.status).toBe(200);
    expect((await api(env.server.url, `/api/documents/${doc.id}`, { token: link.token })).status).toBe(403);
  });

  test("roles: an edit link cannot share or delete; a view link cannot rename or make versions", async () => {
    const doc = await createDoc(env.server.url);
    const edit = await share(env.server.url, doc, "edit");
    const view = await share(env.server.url, doc, "view");
    const s = (r: { status: number }) => r.status;
    expect(
      s(await api(env.server.url, `/api/documents/${doc.id}/shares`, { token: edit.token, body: { role: "view" } })),
    ).toBe(403);
    expect(s(await api(env.server.url, `/api/documents/${doc.id}`, { token: edit.token, method: "DELETE" }))).toBe(403);
    expect(
      s(
        await api(env.server.url, `/api/documents/${doc.id}`, {
          token: view.token,
          method: "PATCH",
          body: { title: "x" },
        }),
      ),
    ).toBe(403);
    expect(
      s(await api(env.server.url, `/api/documents/${doc.id}/versions`, { token: view.token, body: { name: "v" } })),
    ).toBe(403);
    expect(s(await api(env.server.url, `/api/documents/${doc.id}/model`, { token: view.token }))).toBe(200);
  });

  test("WebSocket: no token 401, wrong 403, revoked 403, all without upgrading; bad ids refused", async () => {
    const doc = await createDoc(env.server.url);
    expect((await rawUpgrade(wsUrl(doc.id))).status).toBe(401);
    expect((await rawUpgrade(wsUrl(doc.id, "x".repeat(43)))).status).toBe(403);
    const link = await share(env.server.url, doc, "view");
    const ok = await rawUpgrade(wsUrl(doc.id, link.token));
    expect(ok.status).toBe(101);
    ok.ws?.close();
    await api(env.server.url, `/api/documents/${doc.id}/shares/${link.shareId}`, {
      method: "DELETE",
      token: doc.token,
    });
    expect((await rawUpgrade(wsUrl(doc.id, link.token))).status).toBe(403);
    expect(
      (await rawUpgrade(`${env.server.url.replace("http", "ws")}/ws/..%2F..%2Fetc?token=${doc.token}`)).status,
    ).toBe(400);
    expect((await rawUpgrade(`${env.server.url.replace("http", "ws")}/ws/a/b?token=${doc.token}`)).status).toBe(404);
    expect((await rawUpgrade(wsUrl(doc.id, doc.token), { origin: "https://evil.example" })).status).toBe(403);
  });

  test("revoking a link closes its open connection for good, others stay", async () => {
    const doc = await createDoc(env.server.url);
    const link = await share(env.server.url, doc, "edit", "外部");
    const owner = connectClient(env.server.url, doc.id, doc.token);
    const guest = connectClient(env.server.url, doc.id, link.token);
    await synced(owner, guest);
    await api(env.server.url, `/api/documents/${doc.id}/shares/${link.shareId}`, {
      method: "DELETE",
      token: doc.token,
    });
    await waitFor(() => guest.conn.status() === "refused", 5_000, "guest refused");
    expect(guest.conn.notice()?.code).toBe("revoked");
    expect(owner.conn.status()).toBe("connected");
    owner.close();
    guest.close();
  });

  test("a link that never worked ends in 'refused' instead of retrying forever", async () => {
    const doc = await createDoc(env.server.url);
    const c = connectClient(env.server.url, doc.id, "y".repeat(43));
    await waitFor(() => c.conn.status() === "refused", 10_000, "refused");
    expect(c.conn.notice()?.code).toBe("token_invalid");
    c.close();
  });

  test("tokens are long random secrets, stored only as hashes, never logged", async () => {
    const doc = await createDoc(env.server.url);
    expect(doc.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(doc.link).toBe(`/d/${doc.id}#t=${doc.token}&role=owner`);
    await rawUpgrade(wsUrl(doc.id, "z".repeat(43)));
    await api(env.server.url, `/api/documents/${doc.id}`, { token: "q".repeat(43) });
    const c = connectClient(env.server.url, doc.id, doc.token);
    await synced(c);
    c.close();
    const stored = await openStored(env.server);
    const rows = await stored.everything().finally(() => stored.close());
    expect(rows).toContain(doc.id);
    expect(rows).not.toContain(doc.token);
    if (stored.kind === "sqlite") {
      // On SQLite also the file's bytes, freed pages and the write-ahead log included.
      const dbBytes = fs.readFileSync(path.join(env.server.dataDir, "nagare.sqlite"));
      const wal = path.join(env.server.dataDir, "nagare.sqlite-wal");
      const all = Buffer.concat([dbBytes, fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0)]);
      expect(all.includes(Buffer.from(doc.token))).toBe(false);
    }
    expect(env.server.output()).not.toContain(doc.token);
    expect(env.server.output()).not.toContain("z".repeat(43));
    expect(env.server.output()).not.toContain("q".repeat(43));
  });

  test("responses carry a strict Content-Security-Policy and security headers", async () => {
    for (const p of ["/", "/api/health", "/d/abc"]) {
      const res = await fetch(env.server.url + p);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
    const html = await (await fetch(env.server.url)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  test("writes from another site's page are refused", async () => {
    const res = await fetch(`${env.server.url}/api/documents`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "text/plain" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    const same = await fetch(`${env.server.url}/api/documents`, {
      method: "POST",
      headers: { origin: env.server.url, "content-type": "application/json" },
      body: "{}",
    });
    expect(same.status).toBe(201);
  });

  test("invalid document ids are refused", async () => {
    const doc = await createDoc(env.server.url);
    expect((await api(env.server.url, "/api/documents/a.b", { token: doc.token })).status).toBe(404);
    expect((await api(env.server.url, `/api/documents/${"x".repeat(65)}`, { token: doc.token })).status).toBe(404);
  });
});

describe("guessing is slowed", () => {
  test("repeated bad tokens from one address wait longer and longer", async () => {
    const slow = await startServer({ env: { AUTH_DELAY_BASE_MS: "40" } });
    try {
      const doc = await createDoc(slow.url);
      const times: number[] = [];
      for (let i = 0; i < 9; i++) {
        const t0 = Date.now();
        const r = await api(slow.url, `/api/documents/${doc.id}`, { token: `${"b".repeat(42)}${i}` });
        expect(r.status).toBe(403);
        times.push(Date.now() - t0);
      }
      // Five free attempts, then 40, 80, 160, 320 ms before the check.
      expect(times[8]).toBeGreaterThanOrEqual(300);
      expect(times[8]).toBeGreaterThan((times[6] ?? 0) * 2);
      const ws = await (async () => {
        const t0 = Date.now();
        const r = await rawUpgrade(`${slow.url.replace("http", "ws")}/ws/${doc.id}?token=${"c".repeat(43)}`);
        return { ms: Date.now() - t0, status: r.status };
      })();
      expect(ws.status).toBe(403);
      expect(ws.ms).toBeGreaterThanOrEqual(600);
    } finally {
      await slow.stop();
    }
  });
});
