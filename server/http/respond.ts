import type http from "node:http";
import { repairText } from "../text";

/** JSON responses and bilingual errors: `{error: {code, ja, en, problems?}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly ja: string,
    readonly en: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(en);
  }
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, e: HttpError): void {
  sendJson(res, e.status, { error: { code: e.code, ja: e.ja, en: e.en, ...e.extra } });
}

/** Reads a request body up to `limit` bytes; larger bodies are refused with 413 before they are buffered. */
export async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw tooLarge(declared, limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) throw tooLarge(total, limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(bytes: number, limit: number): HttpError {
  return new HttpError(
    413,
    "too_large",
    `送信データが大きすぎます（${bytes} バイト、上限 ${limit} バイト）`,
    `request body too large (${bytes} bytes, limit ${limit})`,
  );
}

export async function readJson(req: http.IncomingMessage, limit = 1024 * 1024): Promise<Record<string, unknown>> {
  const body = await readBody(req, limit);
  if (body.length === 0) return {};
  try {
    const v = JSON.parse(body.toString("utf8"));
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
    return v as Record<string, unknown>;
  } catch {
    throw new HttpError(400, "bad_json", "JSON オブジェクトとして読めません", "the body is not a JSON object");
  }
}

/** The peer address (the server is reached directly; a proxy in front should pass its own limits). */
export function clientAddress(req: http.IncomingMessage): string {
  return req.socket.remoteAddress ?? "unknown";
}

export function str(v: unknown, field: string, max: number, fallback?: string): string {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "string" || v.length > max)
    throw new HttpError(
      400,
      "bad_field",
      `${field} は ${max} 字までの文字列で指定してください`,
      `${field} must be a string of at most ${max} characters`,
      { path: field },
    );
  return repairText(v);
}
