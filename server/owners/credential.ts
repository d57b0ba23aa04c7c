import type http from "node:http";
import { hashToken, tokenTag } from "../auth";
import type { TokenRow } from "../db";
import { clientAddress, HttpError } from "../http/respond";
import { bearerToken, type Ctx } from "../http/router";
import type { OwnerKeyRow } from "../store/owners";

/**
 * "A valid token of this server": a live link (not revoked, its document not deleted) or an owner key.
 * Organisation templates are listed and copied only with one; which document it belongs to does not matter.
 */
export type Credential = { kind: "link"; token: TokenRow } | { kind: "key"; key: OwnerKeyRow };

const SECRET = /^[A-Za-z0-9_-]{20,100}$/;

/** The credential behind a secret; `guess` when the server never issued it (revoked ones are not guesses). */
export async function checkCredential(ctx: Ctx, secret: string): Promise<Credential | { guess: boolean }> {
  if (!SECRET.test(secret)) return { guess: true };
  const hash = hashToken(secret);
  const row = await ctx.store.tokenByHash(hash);
  if (row && row.revoked_at === null) {
    const doc = await ctx.store.getDocument(row.doc_id);
    if (doc && doc.deleted_at === null) return { kind: "link", token: row };
  }
  const key = row ? undefined : await ctx.store.owners.keyByHash(hash);
  if (key && key.revokedAt === null) return { kind: "key", key };
  return { guess: !row && !key };
}

export const credentialMissing = () =>
  new HttpError(
    401,
    "token_missing",
    "この操作には、このサーバーの文書のリンク（または所有者キー）が必要です",
    "this needs a link to a document on this server (or an owner key)",
  );

/** The caller's credential, or null when none was sent; a wrong one is refused (and slows further guesses). */
export async function optionalCredential(ctx: Ctx, req: http.IncomingMessage): Promise<Credential | null> {
  const secret = bearerToken(req);
  if (!secret) return null;
  const found = await checkCredential(ctx, secret);
  if (!("kind" in found)) {
    ctx.log(`http refused credential ${tokenTag(secret)} token_invalid`);
    // Only the answer to a failed guess waits; a valid credential never does.
    if (found.guess) await ctx.throttle.failed(clientAddress(req), [secret]);
    throw new HttpError(
      403,
      "token_invalid",
      "このリンク（またはキー）は使えません（誤り、取り消し済み、または文書が削除済み）",
      "this link (or key) is not valid here (wrong, revoked, or its document was deleted)",
    );
  }
  return found;
}

export async function requireCredential(ctx: Ctx, req: http.IncomingMessage): Promise<Credential> {
  const found = await optionalCredential(ctx, req);
  if (!found) throw credentialMissing();
  return found;
}
