import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type WebSocket from "ws";
import * as Y from "yjs";
import { emptyDocument, loadDocumentValue, serializeDocument } from "../../src/model";
import { readModelTolerant } from "../../src/sync/doc-shape";
import {
  addNode,
  api,
  type Created,
  connectClient,
  createDoc,
  nodeIds,
  rawUpgrade,
  share,
  stateOf,
  synced,
  waitFor,
} from "../server/support";
import { type RunningServer, startServer } from "../support/server";
import { openStored } from "../support/stored";

/**
 * Every door of the server, with bad input: each HTTP route with missing, wrong, revoked and too-weak
 * tokens; malformed, invalid and oversized bodies; odd document ids; and hostile WebSocket messages.
 * Whatever is refused must come back with a bilingual `{error: {code, ja, en}}` and change nothing.
 */
let server: RunningServer;
let owner: Created;
let edit: Created;
let view: Created;
let revoked: Created;
let versionId: string;
let otherShareId: string;

beforeAll(async () => {
  server = await startServer({
    // No waiting between the many deliberate bad tokens here; the delay itself is measured in access.test.ts.
    env: { AUTH_DELAY_BASE_MS: "0", CREATE_PER_MINUTE: "1000", MAX_MESSAGE_BYTES: "65536" },
  });
  owner = await createDoc(server.url, { title: "扉" });
  edit = await share(server.url, owner, "edit", "編集");
  view = await share(server.url, owner, "view", "閲覧");
  revoked = await share(server.url, owner, "edit", "取消");
  const gone = await api(server.url, `/api/documents/${owner.id}/shares/${revoked.shareId}`, {
    method: "DELETE",
    token: owner.token,
  });
  expect(gone.status).toBeLessThan(300);
  otherShareId = (await share(server.url, owner, "view", "別")).shareId;
  const v = await api(server.url, `/api/documents/${owner.id}/versions`, { token: owner.token, body: { name: "v1" } });
  versionId = v.body.id ?? v.body.version?.id;
  expect(versionId).toBeTruthy();
});
afterAll(async () => {
  await server?.stop();
});

/** Rows in the store's database, read beside the running server (SQLite file or PostgreSQL). */
async function counts(): Promise<Record<string, number>> {
  const db = await openStored(server);
  try {
    const n = async (t: string) => (await db.rows<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))[0]?.n ?? -1;
    return {
      documents: await n("documents"),
      tokens: await n("tokens"),
      versions: await n("versions"),
      templates: await n("org_templates"),
      keys: await n("owner_keys"),
    };
  } finally {
    await db.close();
  }
}

function expectBilingualError(r: { status: number; body: unknown }, status: number | number[], code?: string) {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, JSON.stringify(r.body)).toContain(r.status);
  const err = (r.body as { error?: { code?: unknown; ja?: unknown; en?: unknown } }).error;
  expect(typeof err?.code).toBe("string");
  expect(err?.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese text
  expect(err?.en).toMatch(/[a-z]/);
  if (code) expect(err?.code).toBe(code);
}

// ---------------------------------------------------------------------------------------------------
// The document routes (server/http/documents-api.ts, sharing-api.ts) with the least role each needs.
type Role = "view" | "edit" | "owner";
interface DocRoute {
  method: string;
  /** As the README's API table writes it. */
  label: string;
  path: () => string;
  role: Role;
  body?: () => unknown;
}
const D = () => `/api/documents/${owner.id}`;
const DOC_ROUTES: DocRoute[] = [
  { method: "GET", label: "/api/documents/<id>", path: D, role: "view" },
  { method: "PATCH", label: "/api/documents/<id>", path: D, role: "edit", body: () => ({ title: "改名" }) },
  { method: "DELETE", label: "/api/documents/<id>", path: D, role: "owner" },
  { method: "POST", label: "…/restore", path: () => `${D()}/restore`, role: "owner", body: () => ({}) },
  { method: "POST", label: "…/duplicate", path: () => `${D()}/duplicate`, role: "view", body: () => ({}) },
  { method: "GET", label: "…/model", path: () => `${D()}/model`, role: "view" },
  { method: "GET", label: "…/activity", path: () => `${D()}/activity`, role: "view" },
  { method: "GET", label: "…/shares", path: () => `${D()}/shares`, role: "owner" },
  {
    method: "POST",
    label: "…/shares",
    path: () => `${D()}/shares`,
    role: "owner",
    body: () => ({ role: "view", label: "x" }),
  },
  { method: "DELETE", label: "…/shares/<shareId>", path: () => `${D()}/shares/${otherShareId}`, role: "owner" },
  { method: "GET", label: "…/versions", path: () => `${D()}/versions`, role: "view" },
  { method: "POST", label: "…/versions", path: () => `${D()}/versions`, role: "edit", body: () => ({ name: "v2" }) },
  { method: "GET", label: "…/versions/<vid>/model", path: () => `${D()}/versions/${versionId}/model`, role: "view" },
  {
    method: "POST",
    label: "…/versions/<vid>/restore",
    path: () => `${D()}/versions/${versionId}/restore`,
    role: "edit",
    body: () => ({}),
  },
  // Renders are for holders of a link to a document here; the model travels in the body.
  {
    method: "POST",
    label: "/api/render/diagram?document=<id>",
    path: () => `/api/render/diagram?format=svg&document=${owner.id}`,
    role: "view",
    body: () => JSON.parse(serializeDocument(emptyDocument())),
  },
];
const RANK: Record<Role, number> = { view: 0, edit: 1, owner: 2 };

const call = (r: DocRoute, token: string | undefined) =>
  api(server.url, r.path(), { method: r.method, token, body: r.body?.() });

describe("document routes refuse bad tokens before anything else, and change nothing", () => {
  const cases: [string, () => string | undefined, number, string | null][] = [
    ["no token", () => undefined, 401, null],
    ["a wrong token", () => "A".repeat(43), 403, null],
    ["a revoked token", () => revoked.token, 403, null],
    ["the token of another document", () => "", 403, null], // filled in below
  ];
  for (const route of DOC_ROUTES)
    test(`${route.method} ${route.label} (least role: ${route.role})`, async () => {
      const other = await createDoc(server.url);
      const before = await counts();
      for (const [name, token, status] of cases) {
        const t = name === "the token of another document" ? other.token : token();
        const r = await call(route, t);
        expectBilingualError(r, status);
      }
      // Too weak a link for this route: view for edits, view and edit for owner routes.
      for (const weak of [view, edit].filter((_, i) => i < RANK[route.role])) {
        const r = await call(route, weak.token);
        expectBilingualError(r, 403, "role");
      }
      expect(await counts()).toEqual({ ...before });
    });
});

describe("routes that name the document in the body", () => {
  test("POST /api/templates (least role: owner): no, wrong, revoked, view and edit tokens", async () => {
    const before = await counts();
    const body = { documentId: owner.id, title: "雛形" };
    const post = (token?: string) => api(server.url, "/api/templates", { token, body });
    expectBilingualError(await post(), 401);
    expectBilingualError(await post("A".repeat(43)), 403);
    expectBilingualError(await post(revoked.token), 403);
    expectBilingualError(await post(view.token), 403, "role");
    expectBilingualError(await post(edit.token), 403, "role");
    expect(await counts()).toEqual(before);
    const list = await api(server.url, "/api/templates", { token: owner.token });
    expect(JSON.stringify(list.body)).not.toContain("雛形");
  });

  test("unknown API paths and methods", async () => {
    expectBilingualError(await api(server.url, "/api/nothing"), 404);
    expectBilingualError(await api(server.url, "/api/health", { method: "DELETE" }), 405);
    expectBilingualError(await api(server.url, "/api/render/no-such-renderer", { body: {} }), 404);
    expectBilingualError(await api(server.url, "/api/render/..%2f..%2f..%2fetc%2fpasswd", { body: {} }), [400, 404]);
  });
});

describe("bodies: malformed JSON, wrong shapes, oversized", () => {
  const jsonRoutes: [string, string, () => string, () => string | undefined][] = [
    ["POST", "create", () => "/api/documents", () => undefined],
    ["POST", "lookup", () => "/api/documents/lookup", () => undefined],
    ["POST", "template", () => "/api/templates", () => undefined],
    ["PATCH", "rename", D, () => owner.token],
    ["POST", "share", () => `${D()}/shares`, () => owner.token],
    ["POST", "version", () => `${D()}/versions`, () => owner.token],
    ["POST", "import", () => "/api/documents/import", () => undefined],
    ["POST", "render", () => `/api/render/diagram?document=${owner.id}`, () => view.token],
  ];
  const bodies: [string, string][] = [
    ["not JSON", "{title: 'x'"],
    ["truncated JSON", '{"title": "x"'],
    ["an array", "[1,2,3]"],
    ["a string", '"hello"'],
    ["null", "null"],
  ];
  for (const [method, name, p, token] of jsonRoutes)
    test(`${name}: each malformed body is refused with a message`, async () => {
      const before = await counts();
      for (const [what, raw] of bodies) {
        const r = await api(server.url, p(), { method, token: token(), raw });
        expect(r.status, `${name} / ${what}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expectBilingualError(r, [400, 413, 422]);
      }
      expect(await counts()).toEqual(before);
    });

  const shapes: [string, string, () => string, () => string | undefined, unknown][] = [
    ["PATCH", "rename with a number title", D, () => owner.token, { title: 42 }],
    ["PATCH", "rename with a 10 000-character title", D, () => owner.token, { title: "長".repeat(10_000) }],
    ["POST", "share with an unknown role", () => `${D()}/shares`, () => owner.token, { role: "admin" }],
    ["POST", "version without a name", () => `${D()}/versions`, () => owner.token, { name: 7 }],
    ["POST", "create from an unknown template", () => "/api/documents", () => undefined, { template: "../../etc" }],
    ["POST", "lookup with links that are not a list", () => "/api/documents/lookup", () => undefined, { links: 3 }],
    ["POST", "template from a bad document id", () => "/api/templates", () => owner.token, { documentId: "../x" }],
  ];
  for (const [method, name, p, token, body] of shapes)
    test(name, async () => {
      const before = await counts();
      const r = await api(server.url, p(), { method, token: token(), body });
      expectBilingualError(r, [400, 404, 422]);
      expect(await counts()).toEqual(before);
      const info = await api(server.url, D(), { token: owner.token });
      expect(info.body.title).toBe("扉");
    });

  test("import: schema-invalid model files come back 422 with problems and create nothing", async () => {
    const valid = JSON.parse(serializeDocument(emptyDocument()));
    const invalid: [string, unknown][] = [
      ["a node without kind", { ...valid, nodes: [{ id: "n1", label: "x", position: { x: 0, y: 0 } }] }],
      ["a flow to a missing node", { ...valid, flows: [{ id: "f1", source: "a", target: "b" }] }],
      ["meta as a string", { ...valid, meta: "x" }],
      ["a future schema version", { ...valid, schemaVersion: 999 }],
      ["an empty object", {}],
    ];
    const before = await counts();
    for (const [what, body] of invalid) {
      const r = await api(server.url, "/api/documents/import", { body });
      expectBilingualError(r, [400, 422]);
      expect(r.status, what).toBe(422);
      expect(Array.isArray(r.body.error.problems), what).toBe(true);
      expect(r.body.error.problems.length).toBeGreaterThan(0);
    }
    expect(await counts()).toEqual(before);
  });

  test("oversized bodies are refused with 413 before being read", async () => {
    const before = await counts();
    const big = JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) });
    for (const [method, p, token] of [
      ["POST", "/api/documents", undefined],
      ["PATCH", D(), owner.token],
      ["POST", `${D()}/versions`, owner.token],
    ] as const) {
      const r = await api(server.url, p, { method, token, raw: big });
      expectBilingualError(r, 413);
    }
    const huge = JSON.stringify({ nodes: "x".repeat(21 * 1024 * 1024) });
    expectBilingualError(await api(server.url, "/api/documents/import", { raw: huge }), 413);
    expectBilingualError(
      await api(server.url, `/api/render/report?document=${owner.id}`, { raw: huge, token: view.token }),
      413,
    );
    expect(await counts()).toEqual(before);
  });
});

describe("document ids that are not ids", () => {
  const ids: [string, string][] = [
    ["an encoded path", "..%2f..%2fetc%2fpasswd"],
    ["a dotted path", ".."],
    ["200 characters", "a".repeat(200)],
    ["unicode", encodeURIComponent("文書１")],
    ["an encoded NUL", "abc%00"],
    ["broken percent-encoding", "%E0%A4%A"],
  ];
  for (const [name, id] of ids)
    test(name, async () => {
      const before = await counts();
      for (const [method, suffix] of [
        ["GET", ""],
        ["PATCH", ""],
        ["GET", "/model"],
        ["POST", "/versions"],
      ] as const) {
        const r = await api(server.url, `/api/documents/${id}${suffix}`, {
          method,
          token: owner.token,
          body: method === "GET" ? undefined : { title: "x", name: "x" },
        });
        expectBilingualError(r, [400, 404]);
      }
      const ws = await rawUpgrade(`${server.url.replace("http", "ws")}/ws/${id}?token=${owner.token}`);
      expect([400, 404]).toContain(ws.status);
      expect(await counts()).toEqual(before);
    });

  test("a template from a document id given in the body that is path-like", async () => {
    const before = await counts();
    const r = await api(server.url, "/api/templates", {
      token: owner.token,
      body: { documentId: "../../nagare", title: "x" },
    });
    expectBilingualError(r, [400, 404]);
    expect(await counts()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------
function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // sync
  encoding.writeVarUint(e, 2); // update
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A Yjs update made on a copy of the stored document, so that it applies cleanly on the server. */
function breakingUpdate(base: Y.Doc, breakIt: (d: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(copy);
  copy.transact(() => breakIt(copy));
  return Y.encodeStateAsUpdate(copy, sv);
}

describe("WebSocket messages", () => {
  const messages: [string, (base: Y.Doc) => Uint8Array, number, RegExp][] = [
    ["random bytes", () => Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x99]), 4400, /^malformed/],
    ["an empty message", () => new Uint8Array(0), 4400, /^malformed/],
    // ws closes with the standard 1009 ("message too big") and no reason text; the client shows its own notice.
    ["an oversized message", () => new Uint8Array(70_000).fill(7), 1009, /^$/],
    [
      "an update deleting the nodes collection",
      (b) => syncUpdate(breakingUpdate(b, (d) => d.getMap("nagare").delete("nodes"))),
      4422,
      /bad_structure/,
    ],
    [
      "an update setting 文書情報 to a string",
      (b) => syncUpdate(breakingUpdate(b, (d) => d.getMap("nagare").set("meta", "壊れた"))),
      4422,
      /bad_structure|bad_meta/,
    ],
    [
      "an update setting the title to a number",
      (b) => syncUpdate(breakingUpdate(b, (d) => d.getMap("nagare").set("title", 12))),
      4422,
      /bad_/,
    ],
  ];
  for (const [name, make, code, reason] of messages)
    test(name, async () => {
      const doc = await createDoc(server.url, { title: "接続" });
      const a = connectClient(server.url, doc.id, doc.token);
      const b = connectClient(server.url, doc.id, doc.token);
      await synced(a, b);
      addNode(a.ydoc, "keep", "残る");
      await waitFor(() => nodeIds(b.ydoc).includes("keep"));
      const before = stateOf(b.ydoc);
      const raw = await rawUpgrade(`${server.url.replace("http", "ws")}/ws/${doc.id}?token=${doc.token}`);
      const ws = raw.ws as WebSocket;
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.on("close", (c, r) => resolve({ code: c, reason: r.toString() })),
      );
      ws.send(make(a.ydoc));
      const c = await closed;
      expect(c.code).toBe(code);
      expect(c.reason).toMatch(reason);
      // The stored document unchanged and valid (read once the server's queued writes are done), others
      // undisturbed.
      const model = await api(server.url, `/api/documents/${doc.id}/model`, { token: doc.token });
      expect(model.status).toBe(200);
      expect(loadDocumentValue(model.body).ok).toBe(true);
      expect(model.body.nodes.map((n: { id: string }) => n.id)).toEqual(["keep"]);
      expect(a.conn.status()).toBe("connected");
      expect(b.conn.status()).toBe("connected");
      expect(stateOf(a.ydoc)).toBe(before);
      expect(stateOf(b.ydoc)).toBe(before);
      const fresh = connectClient(server.url, doc.id, doc.token);
      await synced(fresh);
      expect(stateOf(fresh.ydoc)).toBe(before);
      expect(readModelTolerant(fresh.ydoc).dropped).toEqual([]);
      addNode(b.ydoc, "after", "後");
      await waitFor(() => nodeIds(a.ydoc).includes("after"), 5_000, "others still sync");
      for (const cl of [a, b, fresh]) cl.close();
    });
});
