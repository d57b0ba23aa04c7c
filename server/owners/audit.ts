import type http from "node:http";
import type { TokenRow } from "../db";
import { clientAddress } from "../http/respond";
import type { Ctx } from "../http/router";
import type { AuditEntry } from "../store/owners";

/**
 * The audit log: who created or revoked a link, published, deleted, restored or exported what, and when.
 * A line names the acting link by its id and role (the token itself is never recorded). Lines are only
 * ever appended; the database refuses to change or delete them.
 */
export const AUDIT_EVENTS = [
  "document.create",
  "document.import",
  "document.duplicate",
  "document.delete",
  "document.restore",
  "document.purge",
  "link.create",
  "link.revoke",
  "export.model",
  "export.version",
  "export.render",
  "version.restore",
  "template.publish",
  "template.rename",
  "template.delete",
  "template.use",
  "key.create",
  "key.attach",
  "key.detach",
  "key.link",
  "profile.update",
  "admin.owner-link",
  "admin.export-all",
  "admin.backup",
  "admin.template-delete",
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** Who acted: a link (by id and role), an owner key (by id), the operator or the server itself. */
export type Actor =
  | { role: TokenRow["role"]; linkId: string }
  | { role: "key"; linkId: string }
  | { role: "admin" | "system"; linkId?: null };

export function actorOf(token: TokenRow | null | undefined): Actor | null {
  return token ? { role: token.role, linkId: token.id } : null;
}

export async function audit(
  ctx: Pick<Ctx, "store">,
  req: http.IncomingMessage | null,
  event: AuditEvent,
  what: { docId?: string | null; actor?: Actor | null; target?: string | null; detail?: string | null },
): Promise<void> {
  const entry: Omit<AuditEntry, "seq"> = {
    at: Date.now(),
    event,
    docId: what.docId ?? null,
    role: what.actor?.role ?? null,
    linkId: what.actor?.linkId ?? null,
    address: req ? clientAddress(req) : null,
    target: what.target ?? null,
    detail: what.detail ?? null,
  };
  await ctx.store.owners.appendAudit(entry);
}

/**
 * For reads (downloads of a model or a version): the reader gets the data even when the line cannot be
 * written (a full disk, a lost database), because reads are kept where possible; the failure is reported
 * on the server's log so that the operator sees the gap in the record.
 */
export async function auditRead(...args: Parameters<typeof audit>): Promise<void> {
  try {
    await audit(...args);
  } catch (e) {
    const [, , event, what] = args;
    console.error(
      `監査ログに記録できませんでした（${event}, 文書 ${what.docId ?? "-"}）／ could not write the audit log (${event}, document ${what.docId ?? "-"}): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
