import { LIMITS, loadDocumentValue } from "../../src/model";
import { RENDER_ROUTES } from "../render/registry";
import { HttpError, readBody } from "./respond";
import type { Route } from "./router";

/** Renders run on the server's CPU: a few at a time, the rest are told to retry. */
const MAX_CONCURRENT_RENDERS = 2;
let running = 0;

/** `POST /api/render/<path>`: the body is a model, validated before any renderer sees it. */
export const renderRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/api\/render\/([A-Za-z0-9/_.-]{1,100})$/,
    handle: async (_ctx, { req, res, params, url }) => {
      const route = RENDER_ROUTES.find((r) => r.path.replace(/^\/+/, "") === params[0]);
      if (!route) throw new HttpError(404, "no_renderer", "この出力形式はありません", "no such renderer");
      const body = await readBody(req, LIMITS.fileBytes);
      let raw: unknown;
      try {
        raw = JSON.parse(body.toString("utf8"));
      } catch {
        throw new HttpError(400, "bad_json", "JSON として読めません", "the body is not valid JSON");
      }
      const loaded = loadDocumentValue(raw);
      if (!loaded.ok)
        throw new HttpError(422, "invalid_document", "文書の形式が正しくありません", "the document is not valid", {
          problems: loaded.problems.slice(0, 200),
        });
      if (running >= MAX_CONCURRENT_RENDERS)
        throw new HttpError(
          503,
          "busy",
          "出力処理が混み合っています。少し待ってから再試行してください",
          "renderer busy, retry shortly",
        );
      running++;
      try {
        const out = await route.handle(loaded.doc, url.searchParams);
        const ascii = out.filename.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "_");
        res.writeHead(200, {
          "content-type": out.contentType,
          "cache-control": "no-store",
          "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`,
        });
        res.end(out.body);
      } catch (e) {
        // Renderers report a bad query with an error carrying a 4xx `status` and "日本語 / English".
        const status = (e as { status?: unknown }).status;
        if (typeof status === "number" && status >= 400 && status < 500 && e instanceof Error) {
          const [ja, en] = e.message.split(" / ");
          throw new HttpError(status, "render_query", ja ?? e.message, en ?? ja ?? e.message);
        }
        throw e;
      } finally {
        running--;
      }
    },
  },
];
