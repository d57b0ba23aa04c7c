import { useCallback, useEffect, useState } from "react";
import { type Lang, type MessageKey, translate } from "../../i18n";
import {
  loadProfileText,
  type OrgProfile,
  PROFILE_GROUPS,
  PROFILE_ITEMS,
  type ProfileItemDef,
  type ProfileSystem,
  serializeProfile,
} from "../../model";
import { ApiError, type Problem } from "../api/client";
import { downloadBytes, safeFileBase } from "../export/download";
import { PROFILE_FILE_SUFFIX, profileApi, profileCredential, type StoredProfile } from "./profile-api";
import "../start/start.css";
import "./profile.css";

type T = (k: MessageKey, v?: Record<string, string | number>) => string;
type Answers = Record<string, string | string[] | undefined>;

type Load =
  | { state: "loading" }
  | { state: "no-credential" }
  | { state: "error"; text: string }
  | { state: "ready"; stored: StoredProfile };

/**
 * 団体の共通回答: the answers every 評価書 of the organisation gives the same way, in plain questions for a 担当課
 * staff member (the 様式's wording beside each), saved on the server by an owner, imported and exported as a
 * `*.nagare-profile.json` file.
 */
export function ProfilePage({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }) {
  const t: T = useCallback((k, v) => translate(lang, k, v), [lang]);
  const [token] = useState(() => profileCredential());
  const [load, setLoad] = useState<Load>(() => (token ? { state: "loading" } : { state: "no-credential" }));
  const [draft, setDraft] = useState<OrgProfile | null>(null);
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string; problems?: Problem[] } | null>(null);

  useEffect(() => {
    // The token handed over in the address is not left in the address bar or the history.
    if (window.location.hash) history.replaceState(null, "", window.location.pathname);
    if (!token) return;
    profileApi.get(token).then(
      (stored) => {
        setLoad({ state: "ready", stored });
        setDraft(stored.profile);
      },
      (e) => setLoad({ state: "error", text: e instanceof ApiError ? `${e.ja} / ${e.en}` : String(e) }),
    );
  }, [token]);

  const edit = (next: OrgProfile) => {
    setDraft(next);
    setDirty(true);
    setMessage(null);
  };
  const setAnswer = (key: string, value: string | string[] | undefined) => {
    if (!draft) return;
    const answers: Answers = { ...(draft.answers as Answers) };
    const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value === "");
    if (empty) delete answers[key];
    else answers[key] = value;
    edit({ ...draft, answers: answers as OrgProfile["answers"] });
  };

  const save = async () => {
    if (!draft || !token) return;
    try {
      const stored = await profileApi.put(token, draft);
      setLoad({ state: "ready", stored });
      setDraft(stored.profile);
      setDirty(false);
      setMessage({ kind: "ok", text: t("profile.saved") });
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      setMessage({
        kind: "error",
        text: t("profile.saveFailed", { reason: err ? err.text(lang) : String(e) }),
        problems: err?.problems ?? [],
      });
    }
  };

  const exportFile = () => {
    if (!draft) return;
    downloadBytes(
      serializeProfile(draft),
      `${safeFileBase(draft.title || t("profile.title"))}${PROFILE_FILE_SUFFIX}`,
      "application/json",
    );
  };

  const importFile = async (file: File) => {
    const loaded = loadProfileText(await file.text());
    if (!loaded.ok) {
      setMessage({
        kind: "error",
        text: t("profile.importFailed", { file: file.name, count: loaded.problems.length }),
        problems: loaded.problems,
      });
      return;
    }
    edit(loaded.profile);
    setMessage({ kind: "ok", text: t("profile.imported", { file: file.name }) });
  };

  const canEdit = load.state === "ready" && load.stored.canEdit;
  const answered = draft ? PROFILE_ITEMS.filter((i) => (draft.answers as Answers)[i.key] !== undefined).length : 0;

  return (
    <main className="start-page profile-page" data-testid="profile-page">
      <header className="start-header">
        <div>
          <h1>{t("profile.title")}</h1>
          <p className="tagline">{t("profile.intro")}</p>
        </div>
        <div className="profile-header-actions">
          <button type="button" className="lang" onClick={() => setLang(lang === "ja" ? "en" : "ja")}>
            {t("profile.language")}
          </button>
          <a href="/">{t("profile.back")}</a>
        </div>
      </header>
      {load.state === "loading" && <p>{t("profile.loading")}</p>}
      {load.state === "no-credential" && <p className="start-error">{t("profile.needLink")}</p>}
      {load.state === "error" && (
        <p className="start-error" role="alert">
          {load.text}
        </p>
      )}
      {load.state === "ready" && draft && (
        <>
          <div className="profile-bar">
            <span data-testid="profile-answered">
              {t("profile.answered", { count: answered, total: PROFILE_ITEMS.length })}
            </span>
            <span className="profile-muted">
              {load.stored.updatedAt
                ? t("profile.updated", { at: new Date(load.stored.updatedAt).toLocaleString(lang) })
                : t("profile.neverSaved")}
            </span>
            {canEdit && (
              <button type="button" className="primary" onClick={save} disabled={!dirty} data-testid="profile-save">
                {t("profile.save")}
              </button>
            )}
            <button type="button" onClick={exportFile} data-testid="profile-export">
              {t("profile.export")}
            </button>
            {canEdit && (
              <label className="profile-import">
                {t("profile.import")}
                <input
                  type="file"
                  accept=".json,application/json"
                  data-testid="profile-import"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) void importFile(f);
                    e.target.value = "";
                  }}
                />
              </label>
            )}
            {dirty && <span className="profile-dirty">{t("profile.unsaved")}</span>}
          </div>
          {!canEdit && <p className="profile-muted">{t("profile.readOnly")}</p>}
          {message && (
            <div
              className={message.kind === "error" ? "start-error" : "profile-ok"}
              role={message.kind === "error" ? "alert" : "status"}
              data-testid="profile-message"
            >
              <p>{message.text}</p>
              {message.problems && message.problems.length > 0 && (
                <ul className="problems">
                  {message.problems.slice(0, 50).map((p) => (
                    <li key={`${p.path}:${p.ja}`}>
                      <code>{p.path || "/"}</code> {lang === "ja" ? p.ja : p.en}
                      <span className="other-lang">{lang === "ja" ? p.en : p.ja}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <fieldset disabled={!canEdit} className="profile-form">
            <label className="profile-field">
              <span className="profile-ask">{t("profile.docTitle")}</span>
              <input type="text" value={draft.title} onChange={(e) => edit({ ...draft, title: e.target.value })} />
            </label>
            {PROFILE_GROUPS.map((group) => (
              <section key={group} className="profile-group" data-group={group}>
                <h2>{t(`profile.group.${group}` as MessageKey)}</h2>
                {PROFILE_ITEMS.filter((i) => i.group === group).map((def) => (
                  <ProfileField
                    key={def.key}
                    def={def}
                    t={t}
                    value={(draft.answers as Answers)[def.key]}
                    set={(v) => setAnswer(def.key, v)}
                  />
                ))}
                {group === "security" && (
                  <Systems t={t} systems={draft.systems} set={(systems) => edit({ ...draft, systems })} />
                )}
              </section>
            ))}
          </fieldset>
        </>
      )}
    </main>
  );
}

function ProfileField({
  def,
  t,
  value,
  set,
}: {
  def: ProfileItemDef;
  t: T;
  value: string | string[] | undefined;
  set: (v: string | string[] | undefined) => void;
}) {
  const ask = t(`profile.item.${def.key}` as MessageKey);
  const form = <span className="profile-form-title">{t("profile.formTitle", { title: def.title })}</span>;
  if (def.kind === "single")
    return (
      <fieldset className="profile-field profile-choice" data-item={def.key}>
        <legend className="profile-ask">{ask}</legend>
        {form}
        {[...(def.choices ?? []), ""].map((c) => (
          <label key={c || "none"}>
            <input type="radio" name={def.key} checked={(value ?? "") === c} onChange={() => set(c || undefined)} />{" "}
            {c || t("profile.unanswered")}
          </label>
        ))}
      </fieldset>
    );
  if (def.kind === "checkbox") {
    const picked = new Set(Array.isArray(value) ? value : []);
    return (
      <fieldset className="profile-field profile-choice" data-item={def.key}>
        <legend className="profile-ask">{ask}</legend>
        {form}
        {(def.choices ?? []).map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={picked.has(c)}
              onChange={(e) => {
                const next = (def.choices ?? []).filter((x) => (x === c ? e.target.checked : picked.has(x)));
                set(next);
              }}
            />{" "}
            {c}
          </label>
        ))}
      </fieldset>
    );
  }
  const text = typeof value === "string" ? value : "";
  const short = def.key === "organization" || def.key === "department" || def.key === "departmentHead";
  const id = `profile-${def.key}`;
  return (
    <div className="profile-field" data-item={def.key}>
      <label className="profile-ask" htmlFor={id}>
        {ask}
      </label>
      {form}
      {short ? (
        <input id={id} type="text" value={text} onChange={(e) => set(e.target.value)} />
      ) : (
        <textarea
          id={id}
          value={text}
          rows={Math.min(10, Math.max(2, text.split("\n").length + 1))}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </div>
  );
}

function Systems({ t, systems, set }: { t: T; systems: ProfileSystem[]; set: (s: ProfileSystem[]) => void }) {
  const change = (i: number, patch: Partial<ProfileSystem>) =>
    set(systems.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <div className="profile-systems" data-testid="profile-systems">
      <h3>{t("profile.systems")}</h3>
      <p className="profile-muted">{t("profile.systemsIntro")}</p>
      {systems.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; names may repeat while typed
        <div className="profile-system" key={i}>
          <label className="profile-field">
            <span className="profile-ask">{t("profile.systemName")}</span>
            <input type="text" value={s.name} onChange={(e) => change(i, { name: e.target.value })} />
          </label>
          <label className="profile-field">
            <span className="profile-ask">{t("profile.systemPhysical")}</span>
            <textarea value={s.physical ?? ""} rows={2} onChange={(e) => change(i, { physical: e.target.value })} />
          </label>
          <label className="profile-field">
            <span className="profile-ask">{t("profile.systemTechnical")}</span>
            <textarea value={s.technical ?? ""} rows={2} onChange={(e) => change(i, { technical: e.target.value })} />
          </label>
          <button type="button" onClick={() => set(systems.filter((_, j) => j !== i))}>
            {t("profile.removeSystem")}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set([...systems, { name: "" }])} data-testid="profile-add-system">
        {t("profile.addSystem")}
      </button>
    </div>
  );
}
