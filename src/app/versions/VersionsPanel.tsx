import { useCallback, useEffect, useState } from "react";
import type { MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import { type ActivityEntry, ApiError, api, type VersionInfo } from "../api/client";
import type { PanelProps } from "../editor/panels";
import { PublishWarning } from "../review/PublishWarning";
import { PublishedTemplates } from "../templates/PublishedTemplates";
import "../start/start.css";

const SUGGESTED = ["第三者点検前", "公表版"];

/** 版: named snapshots (view, download, restore) and the coarse log of who changed what. */
export function VersionsPanel({ lang, session, readOnly, model }: PanelProps) {
  const t = useCallback((k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v), [lang]);
  const { docId, token } = session;
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [activity, setActivity] = useState<ActivityEntry[]>([]);
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const fail = useCallback(
    (e: unknown) => setMessage({ text: e instanceof ApiError ? e.text(lang) : String(e), error: true }),
    [lang],
  );
  const refresh = useCallback(async () => {
    if (!docId || !token) return;
    try {
      const [v, a] = await Promise.all([api.versions(docId, token), api.activity(docId, token)]);
      setVersions(v.versions);
      setActivity(a.activity);
    } catch (e) {
      fail(e);
    }
  }, [docId, token, fail]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!docId || !token) return <div className="server-panel muted">{t("share.local")}</div>;
  const date = (ms: number) => new Date(ms).toLocaleString(lang === "ja" ? "ja-JP" : "en-GB");
  const download = async (v: VersionInfo) => {
    try {
      const { model } = await api.versionModel(docId, token, v.id);
      const blob = new Blob([`${JSON.stringify(model, null, 2)}\n`], { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${(model.title || docId).replace(/[\\/:*?"<>|]/g, "_")}_${v.name}.nagare.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div className="server-panel" data-testid="versions-panel">
      {message && (
        <p className={message.error ? "error" : "muted"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {!readOnly && (
        <form
          className="row"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!name.trim()) return;
            try {
              await api.createVersion(docId, token, name.trim());
              setName("");
              setMessage(null);
              await refresh();
            } catch (err) {
              fail(err);
            }
          }}
        >
          <strong>{t("versions.create")}</strong>
          <input
            aria-label={t("versions.name")}
            data-testid="version-name"
            list="nagare-version-names"
            maxLength={300}
            value={name}
            placeholder={SUGGESTED.join(" / ")}
            onChange={(e) => setName(e.target.value)}
          />
          <datalist id="nagare-version-names">
            {SUGGESTED.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <button type="submit" disabled={!name.trim()} data-testid="version-save">
            {t("versions.save")}
          </button>
          <PublishWarning model={model} lang={lang} name={name} />
        </form>
      )}
      <ul>
        {versions?.length === 0 && <li className="muted">{t("versions.none")}</li>}
        {(versions ?? []).map((v) => (
          <li key={v.id}>
            <strong>{v.name}</strong>
            <span className="muted">
              {date(v.createdAt)}
              {v.createdBy ? ` · ${v.createdBy}` : ""} · {t("versions.counts", { nodes: v.nodes, flows: v.flows })}
            </span>
            <div className="row">
              <a href={`/d/${docId}/v/${v.id}#t=${token}&role=view`} target="_blank" rel="noreferrer">
                {t("versions.view")}
              </a>
              <button type="button" onClick={() => download(v)}>
                {t("versions.download")}
              </button>
              {!readOnly && (
                <button
                  type="button"
                  onClick={async () => {
                    if (!window.confirm(t("versions.confirmRestore", { name: v.name }))) return;
                    try {
                      await api.restoreVersion(docId, token, v.id);
                      setMessage({ text: t("versions.restored", { name: v.name }), error: false });
                      await refresh();
                    } catch (e) {
                      fail(e);
                    }
                  }}
                >
                  {t("versions.restore")}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <PublishedTemplates lang={lang} docId={docId} token={token} isOwner={session.role === "owner"} />
      <strong>{t("versions.activity")}</strong>
      <ul data-testid="activity">
        {activity.length === 0 && <li className="muted">{t("versions.activity.none")}</li>}
        {activity.map((a) => (
          <li key={`${a.at}:${a.actor}`}>
            <span>
              {date(a.at)} · <strong>{a.actor}</strong>
            </span>
            <span className="muted">
              {t("versions.activity.row", { nodes: a.nodes, flows: a.flows, other: a.other })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
