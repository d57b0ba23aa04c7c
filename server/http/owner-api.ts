import type http from "node:http";
import { checkToken, hashToken, newId, newToken, tokenTag } from "../auth";
import { addToken, summary } from "../documents";
import { audit } from "../owners/audit";
import type { OwnerKeyRow } from "../store/owners";
import { clientAddress, HttpError, readJson, sendJson, str } from "./respond";
import { bearerToken, type Ctx, type Route } from "./router";

/**
 * Owner keys: "my documents" kept on the server rather than in one browser. A key is a secret like a link
 * (32 random bytes, stored as a hash) that lists the documents its holder owns. Whoever holds it sees the
 * list on any device and gets a fresh owner link for a listed document there (each device its own link,
 * revocable in the share panel like any other). A document joins the list only with its owner link.
 */
const ID = "([A-Za-z0-9_-]{1,64})";
const KEY_SECRET = /^[A-Za-z0-9_-]{20,100}$/;

async function requireKey(ctx: Ctx, req: http.IncomingMessage): Promise<OwnerKeyRow> {
  const secret = bearerToken(req);
  if (!secret) throw new HttpError(401, "key_missing", "所有者キーがありません", "no owner key given");
  const key = KEY_SECRET.test(secret) ? await ctx.store.owners.keyByHash(hashToken(secret)) : undefined;
  if (!key || key.revokedAt !== null) {
    ctx.log(`http refused owner key ${tokenTag(secret)}`);
    if (!key) await ctx.throttle.failed(clientAddress(req), [secret]);
    throw new HttpError(
      403,
      "key_invalid",
      "この所有者キーは使えません（誤り、または作り直し済み）",
      "this owner key is not valid (wrong, or replaced by a new one)",
    );
  }
  return key;
}

const asKey = (key: OwnerKeyRow) => ({ role: "key" as const, linkId: key.id });

/** Adds documents given by their owner links; links that are not owner links of a live document are skipped. */
async function attachAll(ctx: Ctx, req: http.IncomingMessage, key: OwnerKeyRow, links: unknown) {
  if (links === undefined) return { attached: [] as string[], refused: [] as { id: string; code: string }[] };
  if (!Array.isArray(links) || links.length > ctx.config.maxListedDocuments)
    throw new HttpError(
      400,
      "bad_field",
      `documents は ${ctx.config.maxListedDocuments} 件までの配列で指定してください`,
      `documents must be an array of at most ${ctx.config.maxListedDocuments}`,
      { path: "documents" },
    );
  const attached: string[] = [];
  const refused: { id: string; code: string }[] = [];
  const guesses: string[] = [];
  for (const l of links) {
    const { id, token } = (l ?? {}) as { id?: unknown; token?: unknown };
    if (typeof id !== "string" || typeof token !== "string") {
      refused.push({ id: String(id), code: "bad_link" });
      continue;
    }
    const auth = await checkToken(ctx.store, id, token);
    if (!auth.ok || auth.token.role !== "owner") {
      if (!auth.ok && auth.guess) guesses.push(token);
      refused.push({ id, code: auth.ok ? "role" : auth.code });
      continue;
    }
    await ctx.store.owners.attachDocument(key.id, id, Date.now());
    await audit(ctx, req, "key.attach", { docId: id, actor: asKey(key), target: auth.token.id });
    attached.push(id);
  }
  if (guesses.length) await ctx.throttle.failed(clientAddress(req), guesses);
  return { attached, refused };
}

async function listed(ctx: Ctx, key: OwnerKeyRow) {
  const out = [];
  for (const d of await ctx.store.owners.documentsOfKey(key.id)) {
    const row = await ctx.store.getDocument(d.docId);
    if (row) out.push({ ...summary(ctx, row, "owner"), addedAt: d.addedAt });
  }
  return out;
}

export const ownerRoutes: Route[] = [
  {
    // A new key, optionally listing the documents of the owner links given.
    method: "POST",
    pattern: /^\/api\/owner\/keys$/,
    handle: async (ctx, { req, res }) => {
      await ctx.creations.count(clientAddress(req));
      const body = await readJson(req);
      const secret = newToken();
      const key: OwnerKeyRow = { id: newId(9), createdAt: Date.now(), revokedAt: null };
      await ctx.store.owners.createKey(key.id, hashToken(secret), key.createdAt);
      await audit(ctx, req, "key.create", { actor: asKey(key) });
      const { attached, refused } = await attachAll(ctx, req, key, body.documents);
      sendJson(res, 201, { key: secret, keyId: key.id, attached, refused });
    },
  },
  {
    // Replaces a key that may have leaked: the new one lists the same documents, the old one stops working.
    method: "POST",
    pattern: /^\/api\/owner\/keys\/replace$/,
    handle: async (ctx, { req, res }) => {
      const old = await requireKey(ctx, req);
      const secret = newToken();
      const key: OwnerKeyRow = { id: newId(9), createdAt: Date.now(), revokedAt: null };
      await ctx.store.owners.createKey(key.id, hashToken(secret), key.createdAt);
      for (const d of await ctx.store.owners.documentsOfKey(old.id))
        await ctx.store.owners.attachDocument(key.id, d.docId, d.addedAt);
      await ctx.store.owners.revokeKey(old.id, Date.now());
      await audit(ctx, req, "key.create", { actor: asKey(key), target: old.id, detail: "replaces" });
      sendJson(res, 201, { key: secret, keyId: key.id });
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/owner\/documents$/,
    handle: async (ctx, { req, res }) => {
      const key = await requireKey(ctx, req);
      sendJson(res, 200, { keyId: key.id, documents: await listed(ctx, key) });
    },
  },
  {
    method: "POST",
    pattern: /^\/api\/owner\/documents$/,
    handle: async (ctx, { req, res }) => {
      const key = await requireKey(ctx, req);
      const body = await readJson(req);
      sendJson(res, 200, await attachAll(ctx, req, key, body.documents));
    },
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^/api/owner/documents/${ID}$`),
    handle: async (ctx, { req, res, params }) => {
      const key = await requireKey(ctx, req);
      const docId = params[0] as string;
      if (!(await ctx.store.owners.detachDocument(key.id, docId)))
        throw new HttpError(404, "not_listed", "この文書は一覧にありません", "this document is not in the list");
      await audit(ctx, req, "key.detach", { docId, actor: asKey(key) });
      sendJson(res, 200, { id: docId, detached: true });
    },
  },
  {
    // A fresh owner link for this device, for a document the key lists.
    method: "POST",
    pattern: new RegExp(`^/api/owner/documents/${ID}/link$`),
    handle: async (ctx, { req, res, params }) => {
      const key = await requireKey(ctx, req);
      const docId = params[0] as string;
      const body = await readJson(req);
      const device = str(body.label, "label", 60, "").trim();
      const mine = (await ctx.store.owners.documentsOfKey(key.id)).some((d) => d.docId === docId);
      const row = mine ? await ctx.store.getDocument(docId) : undefined;
      if (!row)
        throw new HttpError(404, "not_listed", "この文書は一覧にありません", "this document is not in the list");
      const created = await addToken(ctx.store, docId, "owner", `所有者キーから${device ? `（${device}）` : ""}`);
      await audit(ctx, req, "key.link", { docId, actor: asKey(key), target: created.shareId });
      sendJson(res, 201, created);
    },
  },
];
