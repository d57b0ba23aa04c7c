import { emptyDocument, LIMITS, loadDocumentText, serializeDocument } from "../../src/model";
import { collection, ROOT_KEY } from "../../src/sync/doc-shape";
import { checkToken } from "../auth";
import { changeLive, contentDisposition, createDocument, fileNameFor, readDocumentModel, summary } from "../documents";
import { actorOf, audit, auditRead } from "../owners/audit";
import { requireCredential } from "../owners/credential";
import { DOCUMENT_TRASHED } from "../sync/protocol";
import { CLOSE } from "../sync/websocket";
import { isOrganizationTemplate, templateModel } from "../templates";
import { repairStrings } from "../text";
import { clientAddress, HttpError, readBody, readJson, sendJson, str } from "./respond";
import type { Route } from "./router";

const ID = "([A-Za-z0-9_-]{1,64})";
const doc = (rest = "") => new RegExp(`^/api/documents/${ID}${rest}$`);

export const documentRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/api\/documents$/,
    handle: async (ctx, { req, res }) => {
      await ctx.creations.count(clientAddress(req));
      const body = await readJson(req);
      const title = str(body.title, "title", LIMITS.labelChars, "");
      const jimuName = str(body.jimuName, "jimuName", LIMITS.labelChars, "");
      let model = emptyDocument(title);
      const template = body.template === undefined ? null : str(body.template, "template", 80);
      // The organisation's own templates are copied only by holders of a valid link or owner key.
      const credential = template && isOrganizationTemplate(template) ? await requireCredential(ctx, req) : null;
      if (template) {
        model = await templateModel(ctx, template);
        if (title) model = { ...model, title };
      }
      if (jimuName) model = { ...model, meta: { ...model.meta, jimuName } };
      const created = await createDocument(ctx, model);
      await audit(ctx, req, "document.create", { docId: created.id, target: created.shareId, detail: template });
      if (credential)
        await audit(ctx, req, "template.use", {
          docId: created.id,
          actor: credential.kind === "link" ? actorOf(credential.token) : { role: "key", linkId: credential.key.id },
          target: template,
        });
      sendJson(res, 201, created);
    },
  },
  {
    method: "POST",
    pattern: /^\/api\/documents\/import$/,
    handle: async (ctx, { req, res }) => {
      await ctx.creations.count(clientAddress(req));
      const text = (await readBody(req, LIMITS.fileBytes + 1024)).toString("utf8");
      const loaded = loadDocumentText(text);
      if (!loaded.ok)
        throw new HttpError(
          422,
          "invalid_document",
          `ファイルを読み込めません（問題 ${loaded.problems.length} 件）`,
          `the file cannot be imported (${loaded.problems.length} problems)`,
          { problems: loaded.problems.slice(0, 200) },
        );
      // An import always becomes a new document; nothing existing is overwritten.
      // Text that cannot be stored as UTF-8 or holds control characters is repaired, visibly (U+FFFD).
      const created = await createDocument(ctx, repairStrings(loaded.doc));
      await audit(ctx, req, "document.import", { docId: created.id, target: created.shareId });
      sendJson(res, 201, { ...created, migratedFrom: loaded.migratedFrom ?? null });
    },
  },
  {
    method: "POST",
    pattern: /^\/api\/documents\/lookup$/,
    handle: async (ctx, { req, res }) => {
      const body = await readJson(req);
      const links = body.links;
      if (!Array.isArray(links))
        throw new HttpError(400, "bad_field", "links は配列で指定してください", "links must be an array", {
          path: "links",
        });
      if (links.length > ctx.config.maxListedDocuments)
        throw new HttpError(
          413,
          "too_many",
          `一度に確認できる文書は ${ctx.config.maxListedDocuments} 件までです`,
          `at most ${ctx.config.maxListedDocuments} documents per request`,
        );
      // Each entry is a token check: the same slowdown for bad guesses applies (to the answer, if one was).
      const address = clientAddress(req);
      const guesses: string[] = [];
      const documents = [];
      for (const l of links as unknown[]) documents.push(await lookupOne(l));
      async function lookupOne(l: unknown) {
        const { id, token } = (l ?? {}) as { id?: unknown; token?: unknown };
        if (typeof id !== "string" || typeof token !== "string")
          return {
            id: String(id),
            ok: false,
            status: 400,
            error: { code: "bad_link", ja: "リンクが不正です", en: "bad link" },
          };
        const auth = await checkToken(ctx.store, id, token);
        if (!auth.ok && auth.guess) guesses.push(token);
        if (!auth.ok)
          return { id, ok: false, status: auth.status, error: { code: auth.code, ja: auth.ja, en: auth.en } };
        const row = await ctx.store.getDocument(id);
        return row ? { ok: true, ...summary(ctx, row, auth.token.role) } : { id, ok: false, status: 404 };
      }
      if (guesses.length) await ctx.throttle.failed(address, guesses);
      sendJson(res, 200, { documents });
    },
  },
  {
    method: "GET",
    pattern: doc(),
    role: "view",
    allowDeleted: true,
    handle: async (ctx, { res, docId, token }) => {
      const row = await ctx.store.getDocument(docId);
      if (!row || !token) throw new HttpError(404, "not_found", "文書が見つかりません", "document not found");
      const room = ctx.rooms.get(docId);
      sendJson(res, 200, { ...summary(ctx, row, token.role), connected: room?.peers.size ?? 0 });
    },
  },
  {
    method: "PATCH",
    pattern: doc(),
    role: "edit",
    handle: async (ctx, { req, res, docId, token }) => {
      const body = await readJson(req);
      const title = body.title === undefined ? undefined : str(body.title, "title", LIMITS.labelChars);
      const jimuName = body.jimuName === undefined ? undefined : str(body.jimuName, "jimuName", LIMITS.labelChars);
      const by = body.by === undefined ? undefined : str(body.by, "by", 80);
      await changeLive(ctx, docId, by || token?.label || token?.role || "rename", (d) => {
        if (title !== undefined) d.getMap(ROOT_KEY).set("title", title);
        if (jimuName !== undefined) collection(d, "meta").set("jimuName", jimuName);
      });
      const row = await ctx.store.getDocument(docId);
      if (row && token) sendJson(res, 200, summary(ctx, row, token.role));
    },
  },
  {
    method: "DELETE",
    pattern: doc(),
    role: "owner",
    handle: async (ctx, { req, res, docId, token }) => {
      await ctx.store.setDeleted(docId, Date.now());
      await audit(ctx, req, "document.delete", { docId, actor: actorOf(token) });
      ctx.rooms.disconnect(docId, DOCUMENT_TRASHED, CLOSE.deleted);
      const row = await ctx.store.getDocument(docId);
      if (row) sendJson(res, 200, summary(ctx, row, "owner"));
    },
  },
  {
    method: "POST",
    pattern: doc("/restore"),
    role: "owner",
    allowDeleted: true,
    handle: async (ctx, { req, res, docId, token }) => {
      await ctx.store.setDeleted(docId, null);
      await audit(ctx, req, "document.restore", { docId, actor: actorOf(token) });
      const row = await ctx.store.getDocument(docId);
      if (row) sendJson(res, 200, summary(ctx, row, "owner"));
    },
  },
  {
    method: "POST",
    pattern: doc("/duplicate"),
    role: "view",
    handle: async (ctx, { req, res, docId, token }) => {
      await ctx.creations.count(clientAddress(req));
      const body = await readJson(req);
      const { doc: model } = await readDocumentModel(ctx, docId);
      const fallback = `${model.title || model.meta.jimuName}（コピー）`.slice(0, LIMITS.labelChars);
      const title = str(body.title, "title", LIMITS.labelChars, fallback);
      const created = await createDocument(ctx, { ...model, title });
      await audit(ctx, req, "document.duplicate", { docId, actor: actorOf(token), target: created.id });
      sendJson(res, 201, created);
    },
  },
  {
    method: "GET",
    pattern: doc("/model"),
    role: "view",
    handle: async (ctx, { req, res, docId, token }) => {
      const { doc: model } = await readDocumentModel(ctx, docId);
      await auditRead(ctx, req, "export.model", { docId, actor: actorOf(token) });
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
        "content-disposition": contentDisposition(fileNameFor(model, docId)),
      });
      res.end(serializeDocument(model));
    },
  },
  {
    method: "GET",
    pattern: doc("/activity"),
    role: "view",
    handle: async (ctx, { res, docId, url }) => {
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get("limit") ?? 200) || 200));
      const rows = await ctx.store.activityOf(docId, limit);
      sendJson(res, 200, {
        activity: rows.map((r) => ({
          at: r.minute * 60_000,
          actor: r.actor,
          nodes: r.nodes,
          flows: r.flows,
          other: r.other,
        })),
      });
    },
  },
];
