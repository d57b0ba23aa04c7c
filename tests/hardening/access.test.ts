import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type WebSocket from "ws";
import { emptyDocument, serializeDocument } from "../../src/model";
import {
  addNode,
  api,
  type Created,
  connectClient,
  createDoc,
  rawUpgrade,
  share,
  synced,
  waitFor,
} from "../server/support";
import { liveServer } from "../support/live";
import { startServer } from "../support/server";

/** Access guarantees: tokens never reach the logs, guessing gets slower, every response has the CSP. */
const env = liveServer({ env: { AUTH_DELAY_BASE_MS: "0" } });

describe("tokens never appear in the server's output", () => {
  test("every route and the WebSocket, with valid, wrong, revoked and view tokens", async () => {
    const tokens: string[] = [];
    const keep = <T extends Created>(c: T) => {
      tokens.push(c.token);
      return c;
    };
    const owner = keep(await createDoc(env.server.url, { title: "ログ" }));
    const edit = keep(await share(env.server.url, owner, "edit"));
    const view = keep(await share(env.server.url, owner, "view"));
    const revoked = keep(await share(env.server.url, owner, "edit"));
    await api(env.server.url, `/api/documents/${owner.id}/shares/${revoked.shareId}`, {
      method: "DELETE",
      token: owner.token,
    });
    const wrong = "W".repeat(43);
    tokens.push(wrong);
    const imported = await api(env.server.url, "/api/documents/import", { raw: serializeDocument(emptyDocument()) });
    keep(imported.body as Created);
    const D = `/api/documents/${owner.id}`;
    const v = await api(env.server.url, `${D}/versions`, { token: edit.token, body: { name: "v" } });
    const vid = v.body.id ?? v.body.version?.id;
    const calls: [string, string, unknown?][] = [
      ["GET", D],
      ["PATCH", D, { title: "ログ2" }],
      ["POST", `${D}/duplicate`, {}],
      ["GET", `${D}/model`],
      ["GET", `${D}/activity`],
      ["GET", `${D}/shares`],
      ["POST", `${D}/shares`, { role: "view" }],
      ["GET", `${D}/versions`],
      ["POST", `${D}/versions`, { name: "w" }],
      ["GET", `${D}/versions/${vid}/model`],
      ["POST", `${D}/versions/${vid}/restore`, {}],
      ["POST", "/api/templates", { documentId: owner.id, title: "雛形" }],
      ["DELETE", D],
      ["POST", `${D}/restore`, {}],
    ];
    for (const t of [owner.token, edit.token, view.token, revoked.token, wrong])
      for (const [method, p, body] of calls) {
        const r = await api(env.server.url, p, { method, token: t, body });
        if (r.status === 201 && typeof r.body?.token === "string") tokens.push(r.body.token);
      }
    await api(env.server.url, "/api/documents/lookup", {
      body: { links: tokens.map((token) => ({ id: owner.id, token })) },
    });
    // Tokens in odd places: as a document id, in a query string, in a malformed header.
    await api(env.server.url, `/api/documents/${owner.token}`, { token: owner.token });
    await fetch(`${env.server.url}/api/health?token=${owner.token}`);
    await fetch(`${env.server.url}${D}`, { headers: { authorization: `Basic ${owner.token}` } });
    // WebSocket: valid (with an edit and a malformed message), view, revoked, wrong.
    const c = connectClient(env.server.url, owner.id, edit.token);
    await synced(c);
    addNode(c.ydoc, "n", "x");
    for (const t of [view.token, revoked.token, wrong, owner.token]) {
      const r = await rawUpgrade(`${env.server.url.replace("http", "ws")}/ws/${owner.id}?token=${t}`);
      if (r.ws) {
        r.ws.send(Uint8Array.from([0xff, 0xfe, 0x00]));
        await new Promise((res) => (r.ws as WebSocket).on("close", res));
      }
    }
    c.close();
    // The server's output arrives through a pipe: one more refused link, logged after all of the above, marks
    // the point from which everything before it has been read.
    const refusals = () => env.server.output().split("ws refused").length;
    const logged = refusals();
    await rawUpgrade(`${env.server.url.replace("http", "ws")}/ws/${owner.id}?token=${"M".repeat(43)}`);
    await waitFor(() => refusals() > logged, 10_000, "the last refusal in the server's output");
    const out = env.server.output();
    expect(out).toContain("refused"); // the failures were logged, just not their tokens
    expect(tokens.length).toBeGreaterThanOrEqual(7);
    for (const t of tokens) {
      expect(out).not.toContain(t);
      expect(out).not.toContain(t.slice(0, 16)); // nor a prefix long enough to help a guess
    }
  });
});

describe("guessing is slowed", () => {
  test("each failure beyond the free ones waits at least twice as long, over HTTP and WebSocket alike", async () => {
    const slow = await startServer({ env: { AUTH_DELAY_BASE_MS: "50" } });
    try {
      const doc = await createDoc(slow.url);
      const ms: number[] = [];
      for (let i = 0; i < 9; i++) {
        const t0 = performance.now();
        if (i % 2) {
          const r = await rawUpgrade(`${slow.url.replace("http", "ws")}/ws/${doc.id}?token=${"g".repeat(42)}${i}`);
          expect(r.status).toBe(403);
        } else {
          const r = await api(slow.url, `/api/documents/${doc.id}/model`, { token: `${"h".repeat(42)}${i}` });
          expect(r.status).toBe(403);
        }
        ms.push(Math.round(performance.now() - t0));
      }
      console.log(`bad-token response times (ms): ${ms.join(", ")}`);
      // Five free attempts; then at least 50, 100, 200, 400 ms. The waits are floors: a loaded machine
      // only adds to them, so each step is checked against its floor rather than against its neighbour.
      for (let i = 5; i < 9; i++) expect(ms[i] as number).toBeGreaterThanOrEqual(50 * 2 ** (i - 5) - 5);
      expect(ms[8]).toBeGreaterThan(Math.min(...ms.slice(0, 5)) + 300);
      // A valid link still gets through (after its wait): the owner is not locked out.
      const ok = await api(slow.url, `/api/documents/${doc.id}`, { token: doc.token });
      expect(ok.status).toBe(200);
    } finally {
      await slow.stop();
    }
  });
});

describe("every response carries the strict Content-Security-Policy", () => {
  function checkCsp(what: string, headers: Headers | http.IncomingHttpHeaders) {
    const get = (k: string) =>
      headers instanceof Headers ? headers.get(k) : ((headers[k] as string | undefined) ?? null);
    const csp = get("content-security-policy") ?? "";
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/);
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(get("x-content-type-options"), what).toBe("nosniff");
  }

  test("HTML, JSON, errors, static files and refused WebSocket upgrades", async () => {
    const doc = await createDoc(env.server.url);
    const asset = fs.readdirSync(path.resolve(import.meta.dirname, "../../dist/assets"))[0];
    const requests: [string, string, RequestInit?][] = [
      ["HTML start page", "/"],
      ["HTML app route", `/d/${doc.id}`],
      ["static asset", `/assets/${asset}`],
      ["missing static file", "/assets/nope.js"],
      ["JSON", "/api/health"],
      ["JSON document", `/api/documents/${doc.id}`, { headers: { authorization: `Bearer ${doc.token}` } }],
      ["401", `/api/documents/${doc.id}`],
      ["403", `/api/documents/${doc.id}`, { headers: { authorization: `Bearer ${"x".repeat(43)}` } }],
      ["404 API", "/api/nope"],
      ["405", "/api/health", { method: "DELETE" }],
      [
        "400 bad JSON",
        "/api/documents",
        { method: "POST", body: "{", headers: { "content-type": "application/json" } },
      ],
      ["download", `/api/documents/${doc.id}/model`, { headers: { authorization: `Bearer ${doc.token}` } }],
    ];
    for (const [what, p, init] of requests) {
      const res = await fetch(env.server.url + p, init);
      await res.arrayBuffer();
      checkCsp(`${what} (${res.status})`, res.headers);
    }
    // A WebSocket upgrade answered with an HTTP error is a response too.
    const refused = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
      import("ws").then(({ default: WS }) => {
        const ws = new WS(`${env.server.url.replace("http", "ws")}/ws/${doc.id}`);
        ws.on("unexpected-response", (_req, res) => {
          resolve(res.headers);
          ws.terminate();
        });
        ws.on("open", () => reject(new Error("upgraded without a token")));
        ws.on("error", () => {});
      });
    });
    checkCsp("refused WebSocket upgrade", refused);
  });
});
