import type { Ref } from "react";
import { rulesAvailable } from "../../canvas/findings";
import type { Participant } from "../../canvas/presence";
import type { Lang, MessageKey } from "../../i18n";
import type { ConnectionStatus, ServerNotice } from "../../sync/connect";
import { ActionButton } from "./ActionButton";
import { ACTIONS, type ActionContext, offered } from "./actions";
import { discardLocalCopy } from "./local-copy";
import { ParticipantList } from "./Presence";
import { SearchBox, type ViewSwitches, ViewToggles } from "./Toolbar";

/** The top bar: document and connection state, the toolbar actions, view switches, search, people. */
export function EditorToolbar(props: {
  ctx: ActionContext;
  title: string;
  docId: string | null;
  status: ConnectionStatus | "local";
  notice: ServerNotice | null;
  setLang: (l: Lang) => void;
  view: ViewSwitches;
  setView: (v: ViewSwitches) => void;
  openFindings: number | null;
  search: {
    inputRef: Ref<HTMLInputElement>;
    query: string;
    setQuery: (q: string) => void;
    matches: string[];
    onPick: () => void;
  };
  participants: Participant[];
  following: number | null;
  onFollow: (id: number | null) => void;
}) {
  const { ctx, status, notice } = props;
  const { t, lang } = ctx;
  const toolbar = ACTIONS.filter((a) => a.toolbar && offered(a, ctx));
  const help = ACTIONS.find((a) => a.id === "help");
  return (
    <header className="editor-toolbar">
      <a className="brand" href="/">
        {t("app.title")}
      </a>
      <span className="doc-title" title={props.title}>
        {props.title}
      </span>
      {ctx.readOnly ? (
        ctx.ui.canComment ? (
          <span className="badge readonly" title={t("review.mode")} data-testid="review-badge">
            {t("role.review")}
          </span>
        ) : (
          <span className="badge readonly">{t("editor.readOnly")}</span>
        )
      ) : null}
      <span className={`status status-${status}`} data-testid="status">
        {t(`editor.status.${status}` as MessageKey)}
      </span>
      {notice ? (
        <span className="server-notice" role="alert" data-testid="server-notice" data-code={notice.code}>
          {lang === "ja" ? notice.ja : notice.en}
          {status === "refused" && props.docId ? (
            <button
              type="button"
              onClick={() => discardLocalCopy(props.docId as string, t("editor.notice.discardConfirm"))}
            >
              {t("editor.notice.discardLocal")}
            </button>
          ) : null}
        </span>
      ) : null}
      <div className="toolbar-group" role="toolbar" aria-label={t("editor.toolbar.label")}>
        {toolbar.map((a) => (
          <ActionButton key={a.id} action={a} ctx={ctx} />
        ))}
      </div>
      <ViewToggles
        lang={lang}
        value={props.view}
        onChange={props.setView}
        openFindings={props.openFindings}
        engineMissing={!rulesAvailable()}
      />
      <SearchBox lang={lang} {...props.search} />
      <ParticipantList list={props.participants} lang={lang} following={props.following} onFollow={props.onFollow} />
      {help ? <ActionButton action={help} ctx={ctx} /> : null}
      <button
        type="button"
        lang={lang === "ja" ? "en" : "ja"}
        onClick={() => props.setLang(lang === "ja" ? "en" : "ja")}
      >
        {t("app.language")}
      </button>
    </header>
  );
}
