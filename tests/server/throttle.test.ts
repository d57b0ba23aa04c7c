import crypto from "node:crypto";
import http from "node:http";
import { describe, expect, test } from "vitest";
import { liveServer } from "../support/live";
import { api, createDoc, rawUpgrade, share } from "./support";

// Small steps so that the waits are visible but short: 5 free failures, then 20, 40, 80 … ms, at most 1.5 s.
const env = liveServer({ env: { AUTH_DELAY_BASE_MS: "20", AUTH_DELAY_MAX_MS: "1500" } });
const MAX = 1500;

const guess = (prefix = "") => prefix + crypto.randomBytes(32).toString("base64url").slice(prefix.length);

/** A GET from another loopback address (127.0.0.x), as a different client would be. */
function getFrom(localAddress: string, path: string, token: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${env.server.url}${path}`, {
      localAddress,
      headers: { authorization: `Bearer ${token}` },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function timed<T>(what: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await what();
  return { value, ms: performance.now() - t0 };
}

describe("throttling slows guessing, not users", () => {
  test("revoked links and links of another document are refused but are not counted as guesses", async () => {
    const doc = await createDoc(env.server.url);
    const other = await createDoc(env.server.url);
    const link = await share(env.server.url, doc, "edit");
    await api(env.server.url, `/api/documents/${doc.id}/shares/${link.shareId}`, {
      method: "DELETE",
      token: doc.token,
    });
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await timed(() => getFrom("127.0.0.9", `/api/documents/${doc.id}`, i % 2 ? link.token : other.token));
      expect(r.value.status).toBe(403);
      times.push(r.ms);
    }
    // Counted, the last ones would wait 20·2⁶ = 1.3 s and more.
    expect(Math.max(...times)).toBeLessThan(MAX / 2);
  });

  test("a valid token is never delayed after 20 bad ones from the same address", async () => {
    const doc = await createDoc(env.server.url);
    const view = await share(env.server.url, doc, "view");
    const bad = await Promise.all(
      Array.from({ length: 20 }, () => api(env.server.url, `/api/documents/${doc.id}`, { token: guess() })),
    );
    expect(bad.map((r) => r.status)).toEqual(Array(20).fill(403));
    // The 21st guess waits the longest step …
    const pendingGuess = timed(() => api(env.server.url, `/api/documents/${doc.id}/model`, { token: guess() }));
    // … while valid tokens from the same address are answered at once, over HTTP, WebSocket and the lookup.
    const valid = await timed(() => api(env.server.url, `/api/documents/${doc.id}`, { token: doc.token }));
    expect(valid.value.status).toBe(200);
    const ws = await timed(() =>
      rawUpgrade(`${env.server.url.replace("http", "ws")}/ws/${doc.id}?token=${view.token}`),
    );
    expect(ws.value.status).toBe(101);
    ws.value.ws?.close();
    const lookup = await timed(() =>
      api(env.server.url, "/api/documents/lookup", { body: { links: [{ id: doc.id, token: view.token }] } }),
    );
    expect(lookup.value.body.documents[0].ok).toBe(true);
    for (const t of [valid, ws, lookup]) expect(t.ms).toBeLessThan(MAX / 2);
    const slow = await pendingGuess;
    expect(slow.value.status).toBe(403);
    expect(slow.ms).toBeGreaterThanOrEqual(MAX - 5);
  });

  test("guesses that share a token prefix are slowed even when each comes from another address", async () => {
    const doc = await createDoc(env.server.url);
    const ms: number[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await getFrom(`127.0.0.${20 + i}`, `/api/documents/${doc.id}`, guess("KnownPfx"));
      expect(r.status).toBe(403);
      ms.push(r.ms);
    }
    // Five free, then at least 20, 40, 80, 160 ms although every address failed only once.
    for (let i = 5; i < 9; i++) expect(ms[i] as number).toBeGreaterThanOrEqual(20 * 2 ** (i - 5) - 5);
  });
});
