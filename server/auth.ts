import crypto from "node:crypto";
import type { Role, TokenRow } from "./db";
import type { SharedCounters } from "./limits";
import type { Store } from "./store/store";

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
export async function docIdTag(store: Store, docId: string): Promise<string> {
  const known = await store.getDocument(docId).catch(() => undefined);
  return known ? docId : `?${hashToken(docId).slice(0, 8)}`;
}

export const ROLE_RANK: Record<Role, number> = { view: 1, review: 2, edit: 3, owner: 4 };

export type AuthResult =
  | { ok: true; token: TokenRow }
  | {
      ok: false;
      status: 401 | 403 | 404 | 410;
      code: string;
      ja: string;
      en: string;
      /**
       * The token is not one this server ever issued: a guess (or a typo). A revoked link or a link to another
       * document was issued once and is known to its holder; it is refused, but it is not a guess.
       */
      guess?: boolean;
    };

/** Checks a token against a document: missing → 401, unknown, revoked or for another document → 403. */
export async function checkToken(store: Store, docId: string, token: string | null | undefined): Promise<AuthResult> {
  if (!token)
    return {
      ok: false,
      status: 401,
      code: "token_missing",
      ja: "アクセス用のリンク（トークン）がありません",
      en: "no access token given",
    };
  // A token that is not of our format cannot match; refuse it without touching the database.
  const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await store.tokenByHash(hashToken(token)) : undefined;
  if (!row || row.doc_id !== docId || row.revoked_at !== null)
    return {
      ok: false,
      status: 403,
      code: "token_invalid",
      ja: "このリンクでは文書を開けません（誤り、または取り消し済み）",
      en: "this link does not give access to the document (wrong or revoked)",
      guess: !row,
    };
  const doc = await store.getDocument(docId);
  if (!doc) return { ok: false, status: 404, code: "not_found", ja: "文書が見つかりません", en: "document not found" };
  if (doc.deleted_at !== null && row.role !== "owner")
    return { ok: false, status: 410, code: "deleted", ja: "文書は削除されました", en: "the document was deleted" };
  return { ok: true, token: row };
}

/**
 * Slows down guessing, not users. Only a failed guess (a token this server never issued) is counted, and
 * only the answer to a failed check waits: a valid token is checked and answered at once, however many bad
 * ones came from the same address (behind a 庁内 proxy everyone shares one). Failures are counted per
 * address and per token prefix, so that trying the endings of a partly known token from many addresses is
 * slowed as well. After a few free failures each further one waits base·2ⁿ (capped); counts fade after a
 * quiet period. Behind several instances the counts are shared through Redis (server/limits.ts).
 */
export class BadTokenThrottle {
  private failures = new Map<string, { count: number; last: number }>();
  constructor(
    private baseMs: number,
    private maxMs = 10_000,
    private freeAttempts = 5,
    private forgetMs = 15 * 60_000,
    private shared: SharedCounters | null = null,
  ) {}

  private keys(address: string, token: string): string[] {
    return [`a:${address}`, `t:${token.slice(0, 8)}`];
  }

  private countOf(key: string, now: number): number {
    const f = this.failures.get(key);
    if (!f) return 0;
    if (now - f.last > this.forgetMs) {
      this.failures.delete(key);
      return 0;
    }
    return f.count;
  }

  /** The wait before answering the next failed check for this address and token. */
  delayFor(address: string, token: string, now = Date.now()): number {
    return this.wait(Math.max(...this.keys(address, token).map((k) => this.countOf(k, now))));
  }

  recordFailure(address: string, token: string, now = Date.now()): void {
    if (this.failures.size > 100_000) this.failures.clear();
    for (const k of this.keys(address, token)) this.failures.set(k, { count: this.countOf(k, now) + 1, last: now });
  }

  /**
   * Records the failed guesses of one request and waits as long as the counts before it ask: call only
   * after the check failed, never before a check (a valid token must not wait). With shared counters
   * (several instances) the counts are those of all instances.
   */
  async failed(address: string, tokens: string[]): Promise<void> {
    const now = Date.now();
    const ms = (await this.countShared(address, tokens)) ?? this.countLocally(address, tokens, now);
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }

  private countLocally(address: string, tokens: string[], now: number): number {
    const ms = Math.max(0, ...tokens.map((t) => this.delayFor(address, t, now)));
    for (const t of tokens) this.recordFailure(address, t, now);
    return ms;
  }

  /** The wait from the shared counts (null if they cannot be reached): each counts the failures before this request. */
  private async countShared(address: string, tokens: string[]): Promise<number | null> {
    if (!this.shared) return null;
    const by = new Map<string, number>();
    for (const t of tokens) for (const k of this.keys(address, t)) by.set(k, (by.get(k) ?? 0) + 1);
    const entries = [...by].map(([key, n]) => ({ key: `fail:${key}`, by: n }));
    const counts = await this.shared.add(entries, this.forgetMs);
    if (!counts) return null;
    const before = new Map(entries.map((e, i) => [e.key.slice(5), (counts[i] ?? 0) - e.by]));
    const count = Math.max(0, ...tokens.flatMap((t) => this.keys(address, t).map((k) => before.get(k) ?? 0)));
    return this.wait(count);
  }

  private wait(count: number): number {
    const over = count - this.freeAttempts;
    if (over < 0 || this.baseMs === 0) return 0;
    return Math.min(this.maxMs, this.baseMs * 2 ** over);
  }
}
