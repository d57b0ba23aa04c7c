import { useCallback, useEffect, useState } from "react";
import type { MessageKey } from "../../i18n";
import { ApiError, type KeyDocument, ownerApi } from "../api/client";
import { editorHref, loadLinks, rememberLink } from "./links";
import { forgetOwnerKey, ownerKeyLink, parseOwnerKey, saveOwnerKey } from "./owner-key";

type T = (k: MessageKey, v?: Record<string, string | number>) => string;

/**
 * The owner key on the start page: make one or enter one from another device; show and copy it; the
 * documents it lists that this browser has no link for yet, each opened with a fresh owner link.
 * Owner links kept in this browser are added to the key's list on every visit.
 */
export function OwnerKeyPanel({
  t,
  lang,
  ownerKey,
  setOwnerKey,
  adopted,
}: {
  t: T;
  lang: "ja" | "en";
  ownerKey: string | null;
  setOwnerKey: (k: string | null) => void;
  adopted: boolean;
}) {
  const [remote, setRemote] = useState<KeyDocument[] | null>(null);
  const [total, setTotal] = useState(0);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(
    adopted ? { text: t("owner.adopted"), error: false } : null,
  );
  const [shown, setShown] = useState(false);
  const [pasted, setPasted] = useState("");
  const fail = useCallback(
    (e: unknown) => setMessage({ text: e instanceof ApiError ? e.text(lang) : String(e), error: true }),
    [lang],
  );

  const sync = useCallback(async () => {
    if (!ownerKey) return setRemote(null);
    try {
      let listed = (await ownerApi.documents(ownerKey)).documents;
      const ids = new Set(listed.map((d) => d.id));
      const missing = loadLinks().filter((l) => l.role === "owner" && !ids.has(l.id));
      if (missing.length) {
        await ownerApi.attach(
          ownerKey,
          missing.map(({ id, token }) => ({ id, token })),
        );
        listed = (await ownerApi.documents(ownerKey)).documents;
      }
      const local = new Set(loadLinks().map((l) => l.id));
      setTotal(listed.length);
      setRemote(listed.filter((d) => !local.has(d.id)));
    } catch (e) {
      fail(e);
    }
  }, [ownerKey, fail]);
  useEffect(() => {
    void sync();
  }, [sync]);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setMessage({ text: t("owner.copied"), error: false });
    } catch {
      setShown(true);
    }
  };
  const create = async () => {
    try {
      const owned = loadLinks().filter((l) => l.role === "owner");
      const made = await ownerApi.create(owned.map(({ id, token }) => ({ id, token })));
      saveOwnerKey(made.key);
      setOwnerKey(made.key);
      setShown(true);
      setMessage({ text: t("owner.created"), error: false });
    } catch (e) {
      fail(e);
    }
  };
  const adopt = async () => {
    const key = parseOwnerKey(pasted);
    if (!key) return setMessage({ text: t("owner.badKey"), error: true });
    try {
      await ownerApi.documents(key);
      saveOwnerKey(key);
      setOwnerKey(key);
      setPasted("");
      setMessage({ text: t("owner.adopted"), error: false });
    } catch (e) {
      fail(e);
    }
  };
  const openHere = async (d: KeyDocument) => {
    if (!ownerKey) return;
    try {
      const device = navigator.platform ? `${navigator.platform}` : "";
      const link = await ownerApi.link(ownerKey, d.id, device.slice(0, 60));
      rememberLink({ id: link.id, token: link.token, role: "owner" });
      window.location.assign(editorHref(link));
    } catch (e) {
      fail(e);
    }
  };
  const date = (ms: number) => new Date(ms).toLocaleString(lang === "ja" ? "ja-JP" : "en-GB");

  return (
    <section className="start-owner" aria-labelledby="start-owner-h" data-testid="owner-key">
      <h2 id="start-owner-h">{t("owner.title")}</h2>
      {message && (
        <p className={message.error ? "start-error" : "muted"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {ownerKey ? (
        <>
          <p className="muted">{t("owner.have", { count: total })}</p>
          <div className="owner-key-row">
            <code data-testid="owner-key-text">{shown ? ownerKey : `${ownerKey.slice(0, 4)}…`}</code>
            <button type="button" onClick={() => setShown(!shown)}>
              {shown ? t("owner.hide") : t("owner.show")}
            </button>
            <button type="button" onClick={() => copy(ownerKeyLink(ownerKey))} data-testid="owner-key-copy-link">
              {t("owner.copyLink")}
            </button>
            <button type="button" onClick={() => copy(ownerKey)}>
              {t("owner.copyKey")}
            </button>
          </div>
          {remote && remote.length > 0 && (
            <>
              <h3>{t("owner.remote")}</h3>
              <ul className="doc-list" data-testid="owner-remote">
                {remote.map((d) => (
                  <li key={d.id} className="doc-row" data-doc-id={d.id}>
                    <div className="doc-main">
                      <strong>{d.title || t("start.docs.untitled")}</strong>
                      <span className="muted">{d.jimuName}</span>
                      <span className="muted">
                        {d.deletedAt !== null ? t("start.trash") : t("start.docs.updated", { at: date(d.updatedAt) })}
                      </span>
                    </div>
                    <div className="doc-actions">
                      <button type="button" onClick={() => openHere(d)}>
                        {t("owner.open")}
                      </button>
                      <button
                        type="button"
                        onClick={async () => {
                          try {
                            await ownerApi.detach(ownerKey, d.id);
                          } catch (e) {
                            fail(e);
                          }
                          await sync();
                        }}
                      >
                        {t("owner.remove")}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="owner-key-row">
            <button
              type="button"
              onClick={async () => {
                if (!window.confirm(t("owner.confirmReplace"))) return;
                try {
                  const next = await ownerApi.replace(ownerKey);
                  saveOwnerKey(next.key);
                  setOwnerKey(next.key);
                  setShown(true);
                  setMessage({ text: t("owner.replaced"), error: false });
                } catch (e) {
                  fail(e);
                }
              }}
            >
              {t("owner.replace")}
            </button>
            <button
              type="button"
              onClick={() => {
                if (!window.confirm(t("owner.confirmForget"))) return;
                forgetOwnerKey();
                setOwnerKey(null);
              }}
            >
              {t("owner.forget")}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">{t("owner.intro")}</p>
          <button type="button" className="primary" onClick={create} data-testid="owner-key-create">
            {t("owner.create")}
          </button>
        </>
      )}
      <form
        className="add-link"
        onSubmit={(e) => {
          e.preventDefault();
          void adopt();
        }}
      >
        <label>
          {ownerKey ? t("owner.adoptOther") : t("owner.adopt")}
          <input
            value={pasted}
            placeholder={t("owner.adoptPlaceholder")}
            data-testid="owner-key-input"
            onChange={(e) => setPasted(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="owner-key-use">
          {t("owner.use")}
        </button>
      </form>
    </section>
  );
}
