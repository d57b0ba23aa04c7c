import { useCallback, useEffect, useState } from "react";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import {
  ApiError,
  api,
  type CreatedLink,
  type LookupResult,
  ownerApi,
  type Problem,
  type TemplateInfo,
} from "../api/client";
import { TemplateGallery } from "../templates/TemplateGallery";
import { editorHref, forgetLink, loadLinks, parseLink, rememberLink, type StoredLink } from "./links";
import { OwnerKeyPanel } from "./OwnerKeyPanel";
import { loadOwnerKey, saveOwnerKey, takeOwnerKeyFromLocation } from "./owner-key";
import "./start.css";

type T = (k: MessageKey, v?: Record<string, string | number>) => string;

/** Lookup answers that mean a stored link will never work again: revoked or unknown, not found, deleted. */
const GONE = new Set([403, 404, 410]);

/** Days a deleted document stays in the trash (the server's default; the server decides). */
const TRASH_DAYS = 30;

/** The start page: new document (blank, template, import) and the documents this browser has links for. */
export function StartPage({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }) {
  const t: T = useCallback((k, v) => translate(lang, k, v), [lang]);
  const [error, setError] = useState<{ text: string; problems: Problem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  // A key arriving in the address (`/#k=…`, sent from another device) is taken over once.
  const [adopted] = useState(() => {
    const fromUrl = takeOwnerKeyFromLocation();
    if (fromUrl) saveOwnerKey(fromUrl);
    return fromUrl !== null;
  });
  const [ownerKey, setOwnerKey] = useState<string | null>(() => loadOwnerKey());
  // People coming back look for their documents first; a first visit starts with "new document".
  const [returning] = useState(() => loadLinks().length > 0 || loadOwnerKey() !== null);
  // A valid link of this server (or the owner key) shows the organisation's own templates too.
  const [credential, setCredential] = useState<string | null>(null);

  const open = async (created: CreatedLink) => {
    rememberLink({ id: created.id, token: created.token, role: created.role });
    // A new document joins the owner key's list; the first one made in this browser makes the key.
    const link = [{ id: created.id, token: created.token }];
    try {
      if (ownerKey) await ownerApi.attach(ownerKey, link);
      else saveOwnerKey((await ownerApi.create(link)).key);
    } catch {
      // The link is kept in this browser; the start page adds it to the list on the next visit.
    }
    window.location.assign(editorHref(created));
  };
  const run = async (what: () => Promise<CreatedLink>) => {
    setBusy(true);
    setError(null);
    try {
      await open(await what());
    } catch (e) {
      setError(
        e instanceof ApiError
          ? {
              text: e.problems.length ? t("start.import.failed", { count: e.problems.length }) : e.text(lang),
              problems: e.problems,
            }
          : { text: String(e), problems: [] },
      );
      setBusy(false);
    }
  };

  return (
    <main className="start-page">
      <header className="start-header">
        <div>
          <h1>{t("app.title")}</h1>
          <p className="tagline">{t("app.tagline")}</p>
        </div>
        <div className="start-header-actions">
          <a href="/profile" title={t("profile.openHint")} data-testid="start-profile">
            {t("profile.open")}
          </a>
          <button type="button" className="lang" onClick={() => setLang(lang === "ja" ? "en" : "ja")}>
            {t("start.language")}
          </button>
        </div>
      </header>
      {returning && <DocumentList t={t} lang={lang} onCredential={setCredential} />}
      {returning && <OwnerKeyPanel t={t} lang={lang} ownerKey={ownerKey} setOwnerKey={setOwnerKey} adopted={adopted} />}
      <NewDocument t={t} lang={lang} busy={busy} run={run} credential={ownerKey ?? credential} />
      {error && (
        <div className="start-error" role="alert">
          <p>{error.text}</p>
          {error.problems.length > 0 && (
            <ul className="problems">
              {error.problems.slice(0, 50).map((p) => (
                <li key={`${p.path}:${p.ja}`}>
                  <code>{p.path || "/"}</code> {lang === "ja" ? p.ja : p.en}
                  <span className="other-lang">{lang === "ja" ? p.en : p.ja}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {!returning && <DocumentList t={t} lang={lang} onCredential={setCredential} />}
      {!returning && (
        <OwnerKeyPanel t={t} lang={lang} ownerKey={ownerKey} setOwnerKey={setOwnerKey} adopted={adopted} />
      )}
    </main>
  );
}

function NewDocument({
  t,
  lang,
  busy,
  run,
  credential,
}: {
  t: T;
  lang: Lang;
  busy: boolean;
  run: (what: () => Promise<CreatedLink>) => Promise<void>;
  credential: string | null;
}) {
  const [title, setTitle] = useState("");
  const [jimuName, setJimuName] = useState("");
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [orgHidden, setOrgHidden] = useState(false);
  useEffect(() => {
    api
      .templates(credential)
      .catch(() => api.templates())
      .then((r) => {
        setTemplates(r.templates);
        setOrgHidden(r.organization !== "listed");
      })
      .catch(() => setTemplates([]));
  }, [credential]);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    await run(() => api.importDocument(text));
  };
  return (
    <section className="start-new" aria-labelledby="start-new-h">
      <h2 id="start-new-h">{t("start.new")}</h2>
      <div className="new-fields">
        <label>
          {t("start.new.title")}
          <input
            value={title}
            maxLength={300}
            placeholder={t("start.new.titlePlaceholder")}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label>
          {t("start.new.jimuName")}
          <input
            value={jimuName}
            maxLength={300}
            placeholder={t("start.new.jimuPlaceholder")}
            onChange={(e) => setJimuName(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="primary"
          disabled={busy}
          data-testid="new-blank"
          onClick={() => run(() => api.createDocument({ title, jimuName }))}
        >
          {busy ? t("start.new.creating") : t("start.new.blank")}
        </button>
      </div>
      <TemplateGallery
        lang={lang}
        busy={busy}
        templates={templates ?? undefined}
        onUse={(id) => run(() => api.createDocument({ template: id, title, jimuName }, credential))}
      />
      {orgHidden && <p className="muted">{t("templates.gallery.needsLink")}</p>}
      <h3>{t("start.new.import")}</h3>
      <p className="muted">{t("start.new.importHint")}</p>
      <label className={`file-button${busy ? " disabled" : ""}`}>
        {t("start.new.chooseFile")}
        <input
          type="file"
          accept=".json,application/json"
          disabled={busy}
          data-testid="import-file"
          onChange={(e) => {
            void onFile(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
    </section>
  );
}

function DocumentList({ t, lang, onCredential }: { t: T; lang: Lang; onCredential: (token: string | null) => void }) {
  const [links, setLinks] = useState<StoredLink[]>(() => loadLinks());
  const [results, setResults] = useState<Map<string, LookupResult> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [adding, setAdding] = useState("");
  const [addError, setAddError] = useState(false);
  const [forgotten, setForgotten] = useState<string[]>([]);

  const refresh = useCallback(async () => {
    const current = loadLinks();
    setLinks(current);
    if (!current.length) return setResults(new Map());
    try {
      const chunks: LookupResult[] = [];
      for (let i = 0; i < current.length; i += 200) {
        const r = await api.lookup(current.slice(i, i + 200).map(({ id, token }) => ({ id, token })));
        chunks.push(...r.documents);
      }
      // A revoked link, or one to a deleted document, never works again: forget it (once, with a note)
      // instead of asking the server about it on every visit. Other failures (damaged, busy) stay listed.
      const gone = chunks.filter((d) => !d.ok && GONE.has(d.status)).map((d) => d.id);
      for (const id of gone) forgetLink(id);
      if (gone.length) {
        setForgotten((before) => [...before, ...gone]);
        setLinks(loadLinks());
      }
      setResults(new Map(chunks.map((d) => [d.id, d])));
      setFailure(null);
      const usable = current.find((l) => chunks.some((d) => d.id === l.id && d.ok && d.deletedAt === null));
      onCredential(usable?.token ?? null);
    } catch (e) {
      setFailure(e instanceof ApiError ? e.text(lang) : String(e));
    }
  }, [lang, onCredential]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const act = async (what: () => Promise<unknown>) => {
    try {
      await what();
    } catch (e) {
      setFailure(e instanceof ApiError ? e.text(lang) : String(e));
    }
    await refresh();
  };

  const live = links.filter((l) => {
    const r = results?.get(l.id);
    return !(r?.ok && r.deletedAt !== null);
  });
  const trashed = links.filter((l) => {
    const r = results?.get(l.id);
    return r?.ok && r.deletedAt !== null;
  });
  const date = (ms: number) => new Date(ms).toLocaleString(lang === "ja" ? "ja-JP" : "en-GB");

  return (
    <section className="start-docs" aria-labelledby="start-docs-h">
      <h2 id="start-docs-h">{t("start.docs")}</h2>
      {failure && (
        <p className="start-error" role="alert">
          {failure}
        </p>
      )}
      {forgotten.length > 0 && (
        <p className="muted" role="status" data-testid="forgotten-links">
          {t("start.docs.forgotten", { count: forgotten.length, ids: forgotten.join(", ") })}
        </p>
      )}
      {!results && links.length > 0 && <p className="muted">{t("start.docs.loading")}</p>}
      {links.length === 0 && <p className="muted">{t("start.docs.none")}</p>}
      <ul className="doc-list" data-testid="doc-list">
        {live.map((l) => (
          <DocumentRow key={l.id} t={t} lang={lang} link={l} result={results?.get(l.id)} date={date} act={act} />
        ))}
      </ul>
      <form
        className="add-link"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseLink(adding);
          setAddError(!parsed);
          if (!parsed) return;
          rememberLink(parsed);
          setAdding("");
          void refresh();
        }}
      >
        <label>
          {t("start.docs.addLink")}
          <input
            value={adding}
            placeholder={t("start.docs.addLinkPlaceholder")}
            onChange={(e) => setAdding(e.target.value)}
          />
        </label>
        <button type="submit">{t("start.docs.add")}</button>
        {addError && <span className="start-error">{t("start.docs.badLink")}</span>}
      </form>
      {trashed.length > 0 && (
        <>
          <h3>{t("start.trash")}</h3>
          <ul className="doc-list trash" data-testid="trash-list">
            {trashed.map((l) => {
              const r = results?.get(l.id);
              if (!r?.ok) return null;
              return (
                <li key={l.id} className="doc-row">
                  <div className="doc-main">
                    <strong>{r.title || t("start.docs.untitled")}</strong>
                    <span className="muted">{r.jimuName}</span>
                    {r.purgeAt && <span className="muted">{t("start.trash.purgeAt", { at: date(r.purgeAt) })}</span>}
                  </div>
                  <div className="doc-actions">
                    <button type="button" onClick={() => act(() => api.restoreFromTrash(l.id, l.token))}>
                      {t("start.trash.restore")}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function DocumentRow({
  t,
  lang,
  link,
  result,
  date,
  act,
}: {
  t: T;
  lang: Lang;
  link: StoredLink;
  result: LookupResult | undefined;
  date: (ms: number) => string;
  act: (what: () => Promise<unknown>) => Promise<void>;
}) {
  const [editing, setEditing] = useState<{ title: string; jimuName: string } | null>(null);
  if (result && !result.ok)
    return (
      <li className="doc-row unavailable">
        <div className="doc-main">
          <code>{link.id}</code>
          <span className="start-error">
            {t("start.docs.unavailable", {
              reason: result.error ? (lang === "ja" ? result.error.ja : result.error.en) : String(result.status),
            })}
          </span>
        </div>
        <div className="doc-actions">
          <button type="button" onClick={() => act(async () => forgetLink(link.id))}>
            {t("start.docs.forget")}
          </button>
        </div>
      </li>
    );
  const title = result?.ok ? result.title : "";
  const jimuName = result?.ok ? result.jimuName : "";
  const role = result?.ok ? result.role : link.role;
  return (
    <li className="doc-row" data-doc-id={link.id}>
      {editing ? (
        <form
          className="doc-main rename"
          onSubmit={(e) => {
            e.preventDefault();
            const next = editing;
            setEditing(null);
            void act(() => api.rename(link.id, link.token, next));
          }}
        >
          <input
            aria-label={t("start.new.title")}
            value={editing.title}
            maxLength={300}
            onChange={(e) => setEditing({ ...editing, title: e.target.value })}
          />
          <input
            aria-label={t("start.new.jimuName")}
            value={editing.jimuName}
            maxLength={300}
            onChange={(e) => setEditing({ ...editing, jimuName: e.target.value })}
          />
          <button type="submit">{t("start.docs.save")}</button>
          <button type="button" onClick={() => setEditing(null)}>
            {t("start.docs.cancel")}
          </button>
        </form>
      ) : (
        <a className="doc-main" href={editorHref({ ...link, role })}>
          <strong>{title || t("start.docs.untitled")}</strong>
          <span className="muted">{jimuName}</span>
          <span className="muted">
            <span className={`role role-${role}`}>{t(`role.${role}`)}</span>
            {result?.ok && ` · ${t("start.docs.updated", { at: date(result.updatedAt) })}`}
          </span>
        </a>
      )}
      <div className="doc-actions">
        {role !== "view" && role !== "review" && !editing && (
          <button type="button" onClick={() => setEditing({ title, jimuName })}>
            {t("start.docs.rename")}
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            act(async () => {
              const copy = await api.duplicate(link.id, link.token);
              rememberLink({ id: copy.id, token: copy.token, role: copy.role });
            })
          }
        >
          {t("start.docs.duplicate")}
        </button>
        {role === "owner" ? (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(t("start.docs.confirmDelete", { title: title || link.id, days: TRASH_DAYS })))
                void act(() => api.remove(link.id, link.token));
            }}
          >
            {t("start.docs.delete")}
          </button>
        ) : (
          <button type="button" onClick={() => act(async () => forgetLink(link.id))}>
            {t("start.docs.forget")}
          </button>
        )}
      </div>
    </li>
  );
}
