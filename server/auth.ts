import crypto from "node:crypto";
import type { Db, Role, TokenRow } from "./db";

/**
 * Links are the access: a token is a 32-byte random secret (base64url) that only its holder knows; the
 * database keeps its SHA-256 hash. Logs may show the first characters of the hash, never the token.
 */
export const DOC_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function newId(bytes = 12): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** What a log line may say about a token. */
export function tokenTag(token: string): string {
  return `#${hashToken(token).slice(0, 8)}`;
}

/**
 * What a log line may say about a requested document id: the id of an existing document, otherwise only
 * a tag — a mistyped or pasted link can put a token where the id belongs, and tokens never reach the log.
 */
export function docIdTag(db: Db, docId: string): string {
  return db.q.getDoc.get(docId) ? docId : `?${hashToken(docId).slice(0, 8)}`;
}

export const ROLE_RANK: Record<Role, number> = { view: 1, edit: 2, owner: 3 };

export type AuthResult =
  | { ok: true; token: TokenRow }
  | { ok: false; status: 401 | 403 | 404 | 410; code: string; ja: string; en: string };

/** Checks a token against a document: missing → 401, unknown, revoked or for another document → 403. */
export function checkToken(db: Db, docId: string, token: string | null | undefined): AuthResult {
  if (!token)
    return {
      ok: false,
      status: 401,
      code: "token_missing",
      ja: "アクセス用のリンク（トークン）がありません",
      en: "no access token given",
    };
  // A token that is not of our format cannot match; refuse it without touching the database.
  const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? db.q.tokenByHash.get(hashToken(token)) : undefined;
  if (!row || row.doc_id !== docId || row.revoked_at !== null)
    return {
      ok: false,
      status: 403,
      code: "token_invalid",
      ja: "このリンクでは文書を開けません（誤り、または取り消し済み）",
      en: "this link does not give access to the document (wrong or revoked)",
    };
  const doc = db.q.getDoc.get(docId);
  if (!doc) return { ok: false, status: 404, code: "not_found", ja: "文書が見つかりません", en: "document not found" };
  if (doc.deleted_at !== null && row.role !== "owner")
    return { ok: false, status: 410, code: "deleted", ja: "文書は削除されました", en: "the document was deleted" };
  return { ok: true, token: row };
}

/**
 * Slows down guessing: after a few bad tokens from one address, every further token check from that
 * address waits, doubling with each failure (capped), and the count fades after a quiet period.
 */
export class BadTokenThrottle {
  private failures = new Map<string, { count: number; last: number }>();
  constructor(
    private baseMs: number,
    private freeAttempts = 5,
    private maxMs = 10_000,
    private forgetMs = 15 * 60_000,
  ) {}

  delayFor(address: string, now = Date.now()): number {
    const f = this.failures.get(address);
    if (!f) return 0;
    if (now - f.last > this.forgetMs) {
      this.failures.delete(address);
      return 0;
    }
    const over = f.count - this.freeAttempts;
    if (over < 0 || this.baseMs === 0) return 0;
    return Math.min(this.maxMs, this.baseMs * 2 ** over);
  }

  recordFailure(address: string, now = Date.now()): void {
    const f = this.failures.get(address);
    this.failures.set(address, { count: (f && now - f.last <= this.forgetMs ? f.count : 0) + 1, last: now });
    if (this.failures.size > 100_000) this.failures.clear();
  }

  async wait(address: string): Promise<void> {
    const ms = this.delayFor(address);
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }
}
