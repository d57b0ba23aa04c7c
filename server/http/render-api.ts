import { serializeProfile } from "../../src/model";
import { checkToken } from "../auth";
import { actorOf, auditRead } from "../owners/audit";
import { hasAnswers, readProfile } from "../profile";
import type { RenderPool } from "../render/pool";
import { RENDER_ROUTES } from "../render/registry";
import { HttpError, readBody, sendError } from "./respond";
import { authorize, bearerToken, type Route } from "./router";

/**
 * `POST /api/render/<path>?document=<id>&…` with `Authorization: Bearer <token>` and a model as the body.
 * Rendering costs CPU and memory, so it is for people who hold a link to a document on this server (any
 * role); the model in the body need not be that document. The body is parsed, validated and rendered in a
 * worker thread (server/render/pool.ts); this handler only checks the caller, reads the bytes and answers.
 */
export function renderRoutes(pool: RenderPool): Route[] {
  return [
    {
      method: "POST",
      pattern: /^\/api\/render\/([A-Za-z0-9/_.-]{1,100})$/,
      handle: async (ctx, { req, res, params, url }) => {
        const path = params[0] ?? "";
        if (!RENDER_ROUTES.some((r) => r.path === path))
          throw new HttpError(404, "no_renderer", "この出力形式はありません", "no such renderer");
        const docId = url.searchParams.get("document") ?? "";
        if (!bearerToken(req)) {
          const missing = await checkToken(ctx.store, docId, null);
          if (!missing.ok) throw new HttpError(missing.status, missing.code, missing.ja, missing.en);
        }
        if (!docId)
          throw new HttpError(
            400,
            "document_missing",
            "どの文書のリンクか（document）を指定してください",
            "say which document the link belongs to (document=<id>)",
          );
        const token = await authorize(ctx, req, docId, "view");
        if ((await ctx.store.getDocument(docId))?.deleted_at != null)
          throw new HttpError(410, "deleted", "文書はごみ箱にあります", "the document is in the trash");
        const body = await readBody(req, ctx.config.render.maxBytes);

        const gone = new AbortController();
        res.on("close", () => gone.abort());
        // The 評価書 draws on the organisation's common answers held by this server.
        const stored = path === "report" ? await readProfile(ctx.store, ctx.log) : null;
        const profile = stored && hasAnswers(stored.profile) ? serializeProfile(stored.profile) : undefined;
        const answer = await pool.run(
          { path, query: url.search.replace(/^\?/, ""), body, ...(profile ? { profile } : {}) },
          gone.signal,
        );
        if (res.destroyed || res.writableEnded) return;
        const out = answer.outcome;
        if (!out.ok) {
          if (out.detail) ctx.log(`render failed (${path}): ${out.detail}`);
          if (answer.retryAfter) res.setHeader("retry-after", String(answer.retryAfter));
          return sendError(
            res,
            new HttpError(out.status, out.code, out.ja, out.en, out.problems ? { problems: out.problems } : {}),
          );
        }
        // Recorded under the link's document; the rendered model is whatever the body held.
        await auditRead(ctx, req, "export.render", {
          docId,
          actor: actorOf(token),
          target: path,
          detail: url.searchParams.get("format"),
        });
        const ascii = out.filename.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "_");
        res.writeHead(200, {
          "content-type": out.contentType,
          "cache-control": "no-store",
          "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`,
          ...(answer.ms !== undefined ? { "server-timing": `render;dur=${answer.ms.toFixed(1)}` } : {}),
        });
        res.end(out.body);
      },
    },
  ];
}
