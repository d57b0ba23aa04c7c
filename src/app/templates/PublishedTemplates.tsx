import { useCallback, useEffect, useState } from "react";
import { type Lang, type MessageKey, translate } from "../../i18n";
import { ApiError, api, type PublicationInfo } from "../api/client";

/**
 * Publishing the document as a template of the organisation, and the templates it published (rename,
 * withdraw). Only the owner link may publish; other links see why the form is missing.
 */
export function PublishedTemplates({
  lang,
  docId,
  token,
  isOwner,
}: {
  lang: Lang;
  docId: string;
  token: string;
  isOwner: boolean;
}) {
  const t = useCallback((k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v), [lang]);
  const [list, setList] = useState<PublicationInfo[]>([]);
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fail = useCallback(
    (e: unknown) => setMessage({ text: e instanceof ApiError ? e.text(lang) : String(e), error: true }),
    [lang],
  );
  const refresh = useCallback(async () => {
    if (!isOwner) return;
    try {
      setList((await api.publications(docId, token)).templates);
    } catch (e) {
      fail(e);
    }
  }, [docId, token, isOwner, fail]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!isOwner)
    return (
      <p className="muted" data-testid="publish-owner-only">
        {t("templates.publish.ownerOnly")}
      </p>
    );
  const act = async (what: () => Promise<unknown>, done?: string) => {
    try {
      await what();
      setMessage(done ? { text: done, error: false } : null);
    } catch (e) {
      fail(e);
    }
    await refresh();
  };
  return (
    <div data-testid="publish-template">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const title = name.trim();
          if (!title) return;
          setName("");
          void act(() => api.saveAsTemplate(docId, token, title), t("versions.templateSaved", { name: title }));
        }}
      >
        <strong>{t("versions.saveTemplate")}</strong>
        <input
          aria-label={t("versions.templateName")}
          data-testid="template-name"
          maxLength={300}
          value={name}
          placeholder={t("versions.templateName")}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={!name.trim()} data-testid="template-publish">
          {t("versions.save")}
        </button>
      </form>
      <p className="muted">{t("templates.publish.hint")}</p>
      {message && (
        <p className={message.error ? "error" : "muted"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {list.length > 0 && (
        <>
          <strong>{t("templates.publish.list")}</strong>
          <ul data-testid="publications">
            {list.map((p) => (
              <li key={p.id} data-template={p.id}>
                {renaming?.id === p.id ? (
                  <form
                    className="row"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const title = renaming.title.trim();
                      setRenaming(null);
                      if (title) void act(() => api.renameTemplate(p.id, token, title));
                    }}
                  >
                    <input
                      aria-label={t("versions.templateName")}
                      maxLength={300}
                      value={renaming.title}
                      onChange={(e) => setRenaming({ id: p.id, title: e.target.value })}
                    />
                    <button type="submit">{t("start.docs.save")}</button>
                    <button type="button" onClick={() => setRenaming(null)}>
                      {t("start.docs.cancel")}
                    </button>
                  </form>
                ) : (
                  <>
                    <strong>{p.title}</strong>
                    <span className="muted">
                      {new Date(p.createdAt).toLocaleString(lang === "ja" ? "ja-JP" : "en-GB")} ·{" "}
                      {t("versions.counts", { nodes: p.nodes, flows: p.flows })}
                    </span>
                    <div className="row">
                      <button type="button" onClick={() => setRenaming({ id: p.id, title: p.title })}>
                        {t("start.docs.rename")}
                      </button>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => {
                          if (window.confirm(t("templates.publish.confirmWithdraw", { name: p.title })))
                            void act(() => api.deleteTemplate(p.id, token));
                        }}
                      >
                        {t("templates.publish.withdraw")}
                      </button>
                    </div>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
