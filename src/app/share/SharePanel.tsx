import { useCallback, useEffect, useState } from "react";
import type { MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import { ApiError, absoluteLink, api, type CreatedLink, type ShareInfo } from "../api/client";
import type { PanelProps } from "../editor/panels";
import "../start/start.css";

/**
 * 共有: the owner makes links with a role (編集, 点検 or 閲覧) and revokes them. Tokens are stored only as hashes
 * on the server, so a new link is shown once, right after it is made.
 */
export function SharePanel({ lang, session }: PanelProps) {
  const t = useCallback((k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v), [lang]);
  const { docId, token, role } = session;
  const [shares, setShares] = useState<ShareInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newRole, setNewRole] = useState<"edit" | "review" | "view">("view");
  const [label, setLabel] = useState("");
  const [created, setCreated] = useState<CreatedLink | null>(null);
  const [copied, setCopied] = useState(false);

  const fail = useCallback((e: unknown) => setError(e instanceof ApiError ? e.text(lang) : String(e)), [lang]);
  const refresh = useCallback(async () => {
    if (!docId || !token || role !== "owner") return;
    try {
      setShares((await api.shares(docId, token)).shares);
      setError(null);
    } catch (e) {
      fail(e);
    }
  }, [docId, token, role, fail]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!docId || !token) return <div className="server-panel muted">{t("share.local")}</div>;
  if (role !== "owner")
    return (
      <div className="server-panel">
        <p>{t("share.yourRole", { role: t(`role.${role}`) })}</p>
        <p className="muted">{t("share.notOwner")}</p>
      </div>
    );

  const date = (ms: number) => new Date(ms).toLocaleString(lang === "ja" ? "ja-JP" : "en-GB");
  return (
    <div className="server-panel" data-testid="share-panel">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row review-link-offer">
        <button
          type="button"
          data-testid="make-review-link"
          onClick={async () => {
            try {
              setCreated(await api.createShare(docId, token, "review", label.trim()));
              setCopied(false);
              setLabel("");
              await refresh();
            } catch (err) {
              fail(err);
            }
          }}
        >
          {t("share.reviewLink")}
        </button>
        <span className="muted">{t("share.reviewHint")}</span>
      </div>
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            setCreated(await api.createShare(docId, token, newRole, label.trim()));
            setCopied(false);
            setLabel("");
            await refresh();
          } catch (err) {
            fail(err);
          }
        }}
      >
        <strong>{t("share.create")}</strong>
        <label>
          {t("share.role")}{" "}
          <select
            value={newRole}
            onChange={(e) =>
              setNewRole(e.target.value === "edit" ? "edit" : e.target.value === "review" ? "review" : "view")
            }
          >
            <option value="edit">{t("role.edit")}</option>
            <option value="review">{t("role.review")}</option>
            <option value="view">{t("role.view")}</option>
          </select>
        </label>
        <input
          aria-label={t("share.label")}
          placeholder={t("share.labelPlaceholder")}
          maxLength={80}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button type="submit">{t("share.make")}</button>
      </form>
      {created && (
        <div className="new-link" data-testid="new-share-link">
          <div className="muted">{t("share.newLink")}</div>
          <code>{absoluteLink(created.link)}</code>{" "}
          <button
            type="button"
            onClick={() =>
              navigator.clipboard?.writeText(absoluteLink(created.link)).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t("share.copied") : t("share.copy")}
          </button>
        </div>
      )}
      <strong>{t("share.links")}</strong>
      <ul>
        {(shares ?? []).map((s) => (
          <li key={s.id} className={s.revokedAt ? "revoked" : ""}>
            <div className="row">
              <span className={`role role-${s.role}`}>{t(`role.${s.role}`)}</span>
              <span>{s.role === "owner" ? t("share.ownerLink") : s.label || "—"}</span>
            </div>
            <div className="row muted">
              {t("share.created", { at: date(s.createdAt) })}
              {s.revokedAt ? ` · ${t("share.revoked")}` : ""}
            </div>
            {!s.revokedAt && s.role !== "owner" && (
              <div className="row">
                <button
                  type="button"
                  onClick={async () => {
                    if (!window.confirm(t("share.confirmRevoke"))) return;
                    try {
                      await api.revokeShare(docId, token, s.id);
                      await refresh();
                    } catch (e) {
                      fail(e);
                    }
                  }}
                >
                  {t("share.revoke")}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
