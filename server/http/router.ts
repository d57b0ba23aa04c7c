import type http from "node:http";
import { type BadTokenThrottle, checkToken, DOC_ID, docIdTag, ROLE_RANK, tokenTag } from "../auth";
import type { ServerConfig } from "../config";
import type { Role, TokenRow } from "../db";
import type { CreationLimit } from "../limits";
import { type Store, storageFailure } from "../store/store";
import type { Rooms } from "../sync/rooms";
import { clientAddress, HttpError, sendError } from "./respond";

/** What every route handler can use. */
export interface Ctx {
  store: Store;
  rooms: Rooms;
  config: ServerConfig;
  throttle: BadTokenThrottle;
  /** New documents per address and minute (of all instances with Redis). */
  creations: CreationLimit;
  log: (line: string) => void;
}

export interface Call {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  params: string[];
  url: URL;
  /** Set for document routes: the checked token of the caller. */
  token: TokenRow | null;
  docId: string;
}

export interface Route {
  method: string;
  /** Matched against the path; for document routes the first group is the document id. */
  pattern: RegExp;
  /** Document routes: the least role allowed. The token is checked before anything else. */
  role?: Role;
  /** Owners may still reach a deleted document through this route (summary, restore from trash). */
  allowDeleted?: boolean;
  handle: (ctx: Ctx, call: Call) => Promise<void> | void;
}

export function bearerToken(req: http.IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? (m[1] ?? null) : null;
}

/** Token check shared by document routes and the few routes that name a document in their body. */
export async function authorize(ctx: Ctx, req: http.IncomingMessage, docId: string, least: Role): Promise<TokenRow> {
  if (!DOC_ID.test(docId)) throw new HttpError(400, "bad_id", "文書 ID が正しくありません", "invalid document id");
  const token = bearerToken(req);
  const address = clientAddress(req);
  const auth = await checkToken(ctx.store, docId, token);
  if (!auth.ok) {
    if (auth.status === 403) {
      ctx.log(`http refused ${await docIdTag(ctx.store, docId)} ${token ? tokenTag(token) : "-"} ${auth.code}`);
      if (auth.guess && token) await ctx.throttle.failed(address, [token]);
    }
    throw new HttpError(auth.status, auth.code, auth.ja, auth.en);
  }
  if (ROLE_RANK[auth.token.role] < ROLE_RANK[least])
    throw new HttpError(
      403,
      "role",
      least === "owner"
        ? "この操作は所有者のリンクでのみ行えます"
        : auth.token.role === "review"
          ? "点検用のリンクでは指摘の記入だけができます"
          : "閲覧用のリンクでは変更できません",
      least === "owner"
        ? "only the owner link may do this"
        : auth.token.role === "review"
          ? "a review link may only write review comments"
          : "a view-only link cannot change the document",
    );
  return auth.token;
}

export async function dispatch(ctx: Ctx, routes: Route[], req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost");
  try {
    // Another site's page must not make a visitor's browser change anything here.
    if (req.method !== "GET" && req.method !== "HEAD" && !sameOrigin(req, ctx.config.allowedOrigins))
      throw new HttpError(403, "bad_origin", "許可されていない接続元です", "origin not allowed");
    let pathMatched = false;
    for (const route of routes) {
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== req.method) continue;
      const params = m.slice(1).map((p) => decodeURIComponent(p ?? ""));
      let token: TokenRow | null = null;
      const docId = params[0] ?? "";
      if (route.role) {
        token = await authorize(ctx, req, docId, route.role);
        const doc = await ctx.store.getDocument(docId);
        if (doc?.deleted_at != null && !route.allowDeleted)
          throw new HttpError(410, "deleted", "文書はごみ箱にあります", "the document is in the trash");
      }
      await route.handle(ctx, { req, res, params, url, token, docId });
      return;
    }
    if (pathMatched) throw new HttpError(405, "method", "この操作はできません", "method not allowed");
    throw new HttpError(404, "not_found", "API が見つかりません", "no such API");
  } catch (e) {
    if (e instanceof HttpError) return sendError(res, e);
    if (e instanceof URIError)
      return sendError(res, new HttpError(400, "bad_path", "パスが正しくありません", "bad path"));
    // A full disk or an unwritable database file: the transaction was rolled back, say so plainly.
    const failure = storageFailure(e);
    if (failure) {
      ctx.log(`storage failed on ${req.method} ${url.pathname}: ${(e as Error).message}`);
      if (!res.headersSent) return sendError(res, failure === "disk" ? storageFailed() : storageUnreachable());
    }
    ctx.log(`internal error on ${req.method} ${url.pathname}: ${e instanceof Error ? e.stack : String(e)}`);
    if (!res.headersSent)
      sendError(res, new HttpError(500, "internal", "サーバー内部でエラーが起きました", "internal server error"));
    else res.end();
  }
}

/** Browsers send Origin with every cross-site write; it must be this server (or a listed origin). */
export function sameOrigin(req: http.IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The database server cannot be reached: nothing was stored, reads of what is not open wait for it. */
export function storageUnreachable(): HttpError {
  return new HttpError(
    503,
    "storage_unreachable",
    "データベースに接続できないため、いまは処理できません。変更は保存されていません。しばらくしてからもう一度お試しください",
    "the database cannot be reached, so this cannot be done right now; nothing was stored. Try again shortly",
  );
}

/** The change was not stored (full disk, unwritable database); nothing of it was kept. */
export function storageFailed(): HttpError {
  return new HttpError(
    503,
    "storage_failed",
    "サーバーで保存に失敗したため、変更は受け付けられませんでした（ディスクの空きを確認してください）",
    "the server could not store the change (check the free disk space)",
  );
}
