import { useState } from "react";
import { type Lang, translate } from "../../i18n";
import type { NagareDocument } from "../../model";
import { downloadBytes } from "../export/download";
import { useOrgProfile } from "../profile/use-profile";
import { localToday, makeReport } from "../report/report-export";
import type { Session } from "../session";

type Status = { kind: "idle" } | { kind: "working" } | { kind: "done"; file: string } | { kind: "error"; text: string };

/**
 * On the versions page, beside the comparison: the 評価書 of the newer drawing as Word, its 変更箇所 made
 * against the older one (the same export as the 評価書 panel with that version chosen).
 */
export function ChangesExport({
  lang,
  session,
  older,
  newer,
}: {
  lang: Lang;
  session: Session;
  older: { name: string; model: NagareDocument };
  newer: NagareDocument;
}) {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(lang, k, v);
  const profile = useOrgProfile(session);
  const [changedOn, setChangedOn] = useState(localToday);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const run = async () => {
    setStatus({ kind: "working" });
    try {
      const out = await makeReport("docx", {
        model: newer,
        profile,
        link: session,
        lang,
        since: { model: older.model, name: older.name, changedOn: changedOn || null },
      });
      downloadBytes(out.bytes, out.file, out.type);
      setStatus({ kind: "done", file: out.file });
    } catch (e) {
      setStatus({
        kind: "error",
        text: t("report.export.failed", { message: e instanceof Error ? e.message : String(e) }),
      });
    }
  };
  return (
    <span className="version-report">
      <label>
        {t("report.changes.date")}{" "}
        <input
          type="date"
          value={changedOn}
          onChange={(e) => setChangedOn(e.target.value)}
          data-testid="version-changed-on"
        />
      </label>
      <button
        type="button"
        disabled={status.kind === "working"}
        onClick={() => void run()}
        title={t("versions.report.hint", { name: older.name })}
        data-testid="version-report"
      >
        {t("versions.report")}
      </button>
      <span role="status" className={status.kind === "error" ? "error" : "muted"} data-testid="version-report-status">
        {status.kind === "working"
          ? t("report.export.working")
          : status.kind === "done"
            ? t("report.export.done", { file: status.file })
            : status.kind === "error"
              ? status.text
              : ""}
      </span>
    </span>
  );
}
