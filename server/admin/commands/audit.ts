import { AUDIT_EVENTS } from "../../owners/audit";
import type { AuditEntry } from "../../store/owners";
import { type AdminCommand, localTime, parseArgs, parseDate, UsageError } from "../command";

/** The audit log, oldest first, filtered by document, event and date; link labels looked up for reading. */
export const auditCommand: AdminCommand = {
  name: "audit",
  usage: "audit [--doc ID] [--event NAME] [--since DATE] [--until DATE] [--limit N] [--json]",
  summary: {
    ja: "監査ログを表示（文書・種類・日付で絞り込み）",
    en: "print the audit log (filter by document, event, date)",
  },
  run: async (args, { store, io }) => {
    const { positional, options, set } = parseArgs(args, ["doc", "event", "since", "until", "limit"], ["json"]);
    if (positional.length) throw new UsageError(`余分な引数 / unexpected argument: ${positional[0]}`);
    const event = options.event;
    if (event !== undefined && !(AUDIT_EVENTS as readonly string[]).includes(event))
      throw new UsageError(`不明な種類 / unknown event: ${event} (${AUDIT_EVENTS.join(", ")})`);
    const limit = options.limit === undefined ? undefined : Number(options.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw new UsageError(`--limit は正の整数 / --limit must be a positive integer: ${options.limit}`);
    // --until DATE includes that whole day.
    const until =
      options.until === undefined
        ? undefined
        : parseDate(options.until, "until") + (/^\d{4}-\d{2}-\d{2}$/.test(options.until) ? 86_400_000 : 1);
    const rows = await store.owners.readAudit({
      docId: options.doc,
      event,
      since: options.since === undefined ? undefined : parseDate(options.since, "since"),
      until,
      limit,
    });
    if (set.has("json")) {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const labels = new Map<string, Map<string, string>>();
    const labelOf = async (r: AuditEntry) => {
      if (!r.docId || !r.linkId || !["owner", "edit", "review", "view"].includes(r.role ?? "")) return "";
      let of = labels.get(r.docId);
      if (!of) {
        of = new Map((await store.tokensOf(r.docId)).map((t) => [t.id, t.label]));
        labels.set(r.docId, of);
      }
      return of.get(r.linkId) ?? "";
    };
    for (const r of rows) {
      const label = await labelOf(r);
      io.out(
        [
          localTime(r.at),
          r.event,
          r.docId ?? "-",
          `${r.role ?? "-"}${r.linkId ? `:${r.linkId}` : ""}${label ? `「${label}」` : ""}`,
          r.address ?? "-",
          r.target ?? "-",
          r.detail ?? "",
        ].join("\t") + "\n",
      );
    }
    if (rows.length === 0) io.err("該当する記録はありません / no matching entries\n");
    return 0;
  },
};
