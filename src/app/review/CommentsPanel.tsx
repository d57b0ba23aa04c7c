import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";
import { savedIdentity } from "../../canvas/presence";
import { addReply, addThread, deleteThread, setThreadStatus } from "../../document/comments";
import { type Lang, type MessageKey, translate } from "../../i18n";
import {
  COMMENT_STATUS_IDS,
  type CommentStatus,
  type CommentTarget,
  type CommentThread,
  type NagareDocument,
  type Problem,
} from "../../model";
import {
  describeTarget,
  isOpenStatus,
  orderedThreads,
  REVIEW_SECTIONS,
  type ReviewSection,
  reviewSummary,
  sectionOf,
  targetElementId,
  threadKey,
} from "../../review/list";
import type { PanelProps } from "../editor/panels";
import { downloadBytes, safeFileBase } from "../export/download";
import { canComment, reviewUi, useReviewUi } from "./state";
import "./review.css";

type Tr = (k: MessageKey, v?: Record<string, string | number>) => string;
type TargetChoice = "selection" | "item" | "point";
type StatusFilter = "all" | "openOnly" | CommentStatus;

const when = (iso: string, lang: Lang) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === "ja" ? "ja-JP" : "en-GB");
};
const problemText = (problems: Problem[], lang: Lang) => problems.map((p) => (lang === "ja" ? p.ja : p.en)).join(" / ");

/** The ids to select for a thread's element, by collection. */
function idsOf(target: CommentTarget) {
  const id = targetElementId(target);
  if (!id) return null;
  return target.kind === "node" ? { nodes: [id] } : target.kind === "flow" ? { flows: [id] } : { groups: [id] };
}

function exists(model: NagareDocument, target: CommentTarget): boolean {
  return !describeTarget(model, target).gone;
}

/**
 * 点検の指摘: every review thread with filters (status, author, part), a form for a new remark on the
 * selected element, a 評価書 item or a point of the canvas, replies and statuses, the record's export and
 * the presenter. A view link reads; every other link writes.
 */
export function CommentsPanel({ ydoc, model, lang, session, selection, reveal, openPanel }: PanelProps) {
  const t: Tr = (k, v) => translate(lang, k, v);
  const rf = useReactFlow();
  const ui = useReviewUi();
  const writable = canComment(session.role);
  const [name, setName] = useState(() => savedIdentity()?.name ?? "");
  const [status, setStatus] = useState<StatusFilter>("all");
  const [author, setAuthor] = useState("");
  const [section, setSection] = useState<ReviewSection | "">("");
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const composeRef = useRef<HTMLTextAreaElement>(null);
  // A request to write a remark (Shift+M, the context menu) focuses the form.
  useEffect(() => {
    if (ui.composeRequest) composeRef.current?.focus();
  }, [ui.composeRequest]);

  if (!model) return <p className="muted">{t("app.loading")}</p>;
  const threads = orderedThreads(model);
  const summary = reviewSummary(model);
  const numbers = new Map(threads.map((th, i) => [th.id, i + 1]));
  const authors = [...new Set(threads.map((th) => th.author))].sort();
  const shown = threads.filter(
    (th) =>
      (status === "all" || (status === "openOnly" ? isOpenStatus(th.status) : th.status === status)) &&
      (!author || th.author === author) &&
      (!section || sectionOf(th.target) === section) &&
      (!ui.focus || threadKey(th.target) === ui.focus),
  );
  const focusText = ui.focus ? focusLabel(model, threads, ui.focus, lang) : null;

  const jump = (th: CommentThread) => {
    const ids = idsOf(th.target);
    if (ids) reveal?.(ids);
    else if (th.target.kind === "item") {
      // A 評価書 item: its line in the 評価書 panel.
      reviewUi.showItem({ id: th.target.id, label: th.target.label || th.target.id });
      openPanel?.("report");
    } else if (th.target.kind === "point")
      void rf.setCenter(th.target.x, th.target.y, { zoom: Math.max(rf.getZoom(), 1), duration: 250 });
  };
  const exportRecord = async (format: "docx" | "csv") => {
    const base = `${safeFileBase(model.meta.jimuName || model.title)}_指摘事項一覧`;
    if (format === "csv") {
      const { reviewCsv } = await import("../../review/csv");
      downloadBytes(reviewCsv(model), `${base}.csv`, "text/csv;charset=utf-8");
      setMessage({ text: t("review.export.saved", { file: `${base}.csv` }), error: false });
    } else {
      const { renderReviewDocx } = await import("../../render/docx/review");
      downloadBytes(
        await renderReviewDocx(model),
        `${base}.docx`,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      );
      setMessage({ text: t("review.export.saved", { file: `${base}.docx` }), error: false });
    }
  };

  return (
    <div className="comments-panel" data-testid="comments-panel">
      {session.role === "review" ? <p className="muted">{t("review.mode")}</p> : null}
      {message ? (
        <p className={message.error ? "error" : "muted"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      ) : null}
      {writable ? (
        <NewThread
          model={model}
          lang={lang}
          t={t}
          name={name}
          setName={setName}
          selection={selection}
          composeRef={composeRef}
          viewCentre={() => {
            const el = document.querySelector(".nagare-canvas")?.getBoundingClientRect();
            return el
              ? rf.screenToFlowPosition({ x: el.left + el.width / 2, y: el.top + el.height / 2 })
              : { x: 0, y: 0 };
          }}
          onSubmit={(target, text) => {
            const r = addThread(ydoc, { target, author: name, text });
            setMessage(
              r.ok
                ? { text: t("review.new.added"), error: false }
                : { text: t("review.failed", { why: problemText(r.problems, lang) }), error: true },
            );
            return r.ok;
          }}
        />
      ) : (
        <p className="muted">{t("review.viewOnly")}</p>
      )}
      <div className="row">
        <button
          type="button"
          data-testid="review-present"
          disabled={summary.open === 0}
          onClick={() => reviewUi.present(true)}
          aria-keyshortcuts="Shift+P"
        >
          {t("review.present")}
        </button>
      </div>
      <fieldset className="filters">
        <legend>{t("review.filter.title")}</legend>
        <label>
          {t("review.filter.status")}{" "}
          <select
            value={status}
            data-testid="filter-status"
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            <option value="all">{t("review.filter.all")}</option>
            <option value="openOnly">{t("review.filter.openOnly")}</option>
            {COMMENT_STATUS_IDS.map((s) => (
              <option key={s} value={s}>
                {t(`review.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("review.filter.author")}{" "}
          <select value={author} data-testid="filter-author" onChange={(e) => setAuthor(e.target.value)}>
            <option value="">{t("review.filter.all")}</option>
            {authors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("review.filter.section")}{" "}
          <select
            value={section}
            data-testid="filter-section"
            onChange={(e) => setSection(e.target.value as ReviewSection | "")}
          >
            <option value="">{t("review.filter.all")}</option>
            {REVIEW_SECTIONS.map((s) => (
              <option key={s} value={s}>
                {t(`review.section.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {focusText ? (
        <p className="row">
          <span>{t("review.filter.target", { what: focusText })}</span>
          <button type="button" onClick={() => reviewUi.focusOn(null)}>
            {t("review.filter.clearTarget")}
          </button>
        </p>
      ) : null}
      <p className="muted" role="status" data-testid="review-count">
        {t("review.count", { shown: shown.length, total: summary.total, open: summary.open })}
      </p>
      {threads.length === 0 ? <p className="muted">{t("review.none")}</p> : null}
      {threads.length > 0 && shown.length === 0 ? <p className="muted">{t("review.noneMatch")}</p> : null}
      <ul className="threads" aria-label={t("review.panel.title")}>
        {shown.map((th) => (
          <ThreadView
            key={th.id}
            thread={th}
            no={numbers.get(th.id) ?? 0}
            model={model}
            lang={lang}
            t={t}
            writable={writable}
            mayDelete={writable && (session.role !== "review" || th.author === name.trim())}
            onJump={() => jump(th)}
            onReply={(text) => {
              const r = addReply(ydoc, th.id, { author: name, text });
              if (!r.ok) setMessage({ text: t("review.failed", { why: problemText(r.problems, lang) }), error: true });
              return r.ok;
            }}
            onStatus={(s, reason) => {
              const r = setThreadStatus(ydoc, th.id, { status: s, reason, by: name });
              if (!r.ok) setMessage({ text: t("review.failed", { why: problemText(r.problems, lang) }), error: true });
              return r.ok;
            }}
            onDelete={() => {
              if (window.confirm(t("review.delete.confirm"))) deleteThread(ydoc, th.id);
            }}
            nameMissing={!name.trim()}
          />
        ))}
      </ul>
      <fieldset>
        <legend>{t("review.export.title")}</legend>
        <div className="row">
          <button type="button" data-testid="review-export-docx" onClick={() => void exportRecord("docx")}>
            {t("review.export.docx")}
          </button>
          <button type="button" data-testid="review-export-csv" onClick={() => void exportRecord("csv")}>
            {t("review.export.csv")}
          </button>
        </div>
      </fieldset>
    </div>
  );
}

function focusLabel(model: NagareDocument, threads: CommentThread[], key: string, lang: Lang): string {
  const th = threads.find((x) => threadKey(x.target) === key);
  return th ? describeTarget(model, th.target)[lang] : key;
}

/** The form of a new remark: on the selected element, a 評価書 item, or the point at the centre of the view. */
function NewThread({
  model,
  lang,
  t,
  name,
  setName,
  selection,
  composeRef,
  viewCentre,
  onSubmit,
}: {
  model: NagareDocument;
  lang: Lang;
  t: Tr;
  name: string;
  setName: (s: string) => void;
  selection: PanelProps["selection"];
  composeRef: React.RefObject<HTMLTextAreaElement | null>;
  viewCentre: () => { x: number; y: number };
  onSubmit: (target: CommentTarget, text: string) => boolean;
}) {
  const [choice, setChoice] = useState<TargetChoice>("selection");
  const [itemId, setItemId] = useState("");
  const [text, setText] = useState("");
  // A 評価書 line's 「指摘」 names its item: the form opens on it (also an item the list below does not offer).
  const [preset, setPreset] = useState<{ id: string; label: string } | null>(null);
  const asked = useReviewUi().composeTarget;
  useEffect(() => {
    if (asked?.kind !== "item") return;
    setChoice("item");
    setPreset({ id: asked.id, label: asked.label ?? asked.id });
    setItemId(asked.id);
    reviewUi.takeComposeTarget();
  }, [asked]);
  const selected: CommentTarget | null = selection?.flows[0]
    ? { kind: "flow", id: selection.flows[0] }
    : selection?.nodes[0]
      ? { kind: "node", id: selection.nodes[0] }
      : selection?.groups[0]
        ? { kind: "group", id: selection.groups[0] }
        : null;
  const listed = useReportItems(model, choice === "item");
  const items = listed && preset && !listed.some((x) => x.id === preset.id) ? [preset, ...listed] : listed;
  const item = items?.find((x) => x.id === itemId) ?? (preset?.id === itemId ? preset : undefined);
  const target: CommentTarget | null =
    choice === "selection"
      ? selected
      : choice === "item"
        ? item
          ? { kind: "item", id: item.id, label: item.label }
          : null
        : { kind: "point", ...roundPoint(viewCentre()) };
  const ready = target !== null && text.trim() !== "" && name.trim() !== "";
  return (
    <form
      aria-label={t("review.new.title")}
      data-testid="new-thread"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready || !target) return;
        if (onSubmit(target, text)) setText("");
      }}
    >
      <strong>{t("review.new.title")}</strong>
      <label>
        {t("review.name")}
        <input
          value={name}
          maxLength={80}
          data-testid="review-name"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!name.trim()}
          aria-describedby={name.trim() ? undefined : "review-name-hint"}
        />
      </label>
      {!name.trim() ? (
        <span id="review-name-hint" className="muted">
          {t("review.name.needed")}
        </span>
      ) : null}
      <fieldset>
        <legend>{t("review.new.target")}</legend>
        <label>
          <input
            type="radio"
            name="review-target"
            checked={choice === "selection"}
            onChange={() => setChoice("selection")}
          />{" "}
          {t("review.target.selection")}:{" "}
          <span data-testid="review-selected">
            {selected ? describeTarget(model, selected)[lang] : t("review.target.noSelection")}
          </span>
        </label>
        <label>
          <input type="radio" name="review-target" checked={choice === "item"} onChange={() => setChoice("item")} />{" "}
          {t("review.target.item")}
        </label>
        {choice === "item" ? (
          items || item ? (
            <select
              aria-label={t("review.item.choose")}
              value={itemId}
              data-testid="review-item"
              onChange={(e) => setItemId(e.target.value)}
            >
              <option value="">{t("review.item.choose")}</option>
              {(items ?? (item ? [item] : [])).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
          ) : (
            <span className="muted">{t("review.item.loading")}</span>
          )
        ) : null}
        <label>
          <input type="radio" name="review-target" checked={choice === "point"} onChange={() => setChoice("point")} />{" "}
          {t("review.target.point")}
        </label>
      </fieldset>
      <label>
        {t("review.new.text")}
        <textarea
          ref={composeRef}
          value={text}
          maxLength={20_000}
          data-testid="review-text"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" disabled={!ready} data-testid="review-add">
        {t("review.new.submit")}
      </button>
    </form>
  );
}

const roundPoint = (p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** The numbered Ⅱ and Ⅲ items of the generated 評価書, computed only when asked for. */
function useReportItems(model: NagareDocument, wanted: boolean): { id: string; label: string }[] | null {
  const [items, setItems] = useState<{ id: string; label: string }[] | null>(null);
  const [made, setMade] = useState(false);
  useEffect(() => {
    if (!wanted || made) return;
    setMade(true);
    let alive = true;
    void import("../../sections").then(({ generateReport, itemLabels }) => {
      const g = generateReport(model);
      // Labelled as the record and the 変更箇所 name them (with the file's name when there are several).
      const labels = itemLabels(g, model.files.length);
      const out: { id: string; label: string }[] = [];
      const walk = (it: { id: string; number: string; title: string; children: unknown[] }) => {
        if (it.number && /^III?(\.|$)/.test(it.id))
          out.push({ id: it.id, label: labels.get(it.id) ?? `${it.number} ${it.title}` });
        for (const c of it.children) walk(c as typeof it);
      };
      for (const it of g.items) walk(it);
      if (alive) setItems(out);
    });
    return () => {
      alive = false;
    };
  }, [wanted, made, model]);
  return items;
}

function ThreadView({
  thread,
  no,
  model,
  lang,
  t,
  writable,
  mayDelete,
  nameMissing,
  onJump,
  onReply,
  onStatus,
  onDelete,
}: {
  thread: CommentThread;
  no: number;
  model: NagareDocument;
  lang: Lang;
  t: Tr;
  writable: boolean;
  mayDelete: boolean;
  nameMissing: boolean;
  onJump: () => void;
  onReply: (text: string) => boolean;
  onStatus: (s: CommentStatus, reason: string) => boolean;
  onDelete: () => void;
}) {
  const [reply, setReply] = useState("");
  const [nextStatus, setNextStatus] = useState<CommentStatus>(thread.status);
  const [reason, setReason] = useState(thread.reason ?? "");
  useEffect(() => {
    setNextStatus(thread.status);
    setReason(thread.reason ?? "");
  }, [thread.status, thread.reason]);
  const what = describeTarget(model, thread.target)[lang];
  const headId = `thread-${thread.id}`;
  const canJump = thread.target.kind === "point" || thread.target.kind === "item" || exists(model, thread.target);
  const reasonMissing = nextStatus === "not_needed" && !reason.trim();
  return (
    <li
      className="thread"
      aria-labelledby={headId}
      data-testid="thread"
      data-thread={thread.id}
      data-status={thread.status}
    >
      <div className="thread-head">
        <strong id={headId}>{t("review.thread.label", { no, what })}</strong>
        <span className={`status-chip status-${thread.status}`} data-testid="thread-status">
          {t(`review.status.${thread.status}`)}
        </span>
        {canJump ? (
          <button type="button" className="link" onClick={onJump} data-testid="thread-jump">
            {t(thread.target.kind === "item" ? "review.jumpItem" : "review.jump")}
          </button>
        ) : (
          <span className="muted">{t("review.gone")}</span>
        )}
      </div>
      <div className="meta">
        {thread.author} · {when(thread.at, lang)}
      </div>
      <p className="thread-text">{thread.text}</p>
      {thread.reason ? (
        <p className="meta">
          {t("review.reason")}: {thread.reason}
        </p>
      ) : null}
      {thread.statusBy && thread.statusAt ? (
        <p className="meta">{t("review.status.by", { by: thread.statusBy, at: when(thread.statusAt, lang) })}</p>
      ) : null}
      {thread.replies.length ? (
        <div>
          <div className="meta">{t("review.replies", { n: thread.replies.length })}</div>
          {thread.replies.map((r) => (
            <div key={r.id} className="reply" data-testid="reply">
              <div className="meta">
                {r.author} · {when(r.at, lang)}
              </div>
              {r.text}
            </div>
          ))}
        </div>
      ) : null}
      {writable ? (
        <>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (reply.trim() && !nameMissing && onReply(reply)) setReply("");
            }}
          >
            <label>
              {t("review.reply")}
              <textarea
                value={reply}
                maxLength={20_000}
                data-testid="reply-text"
                onChange={(e) => setReply(e.target.value)}
              />
            </label>
            <button type="submit" disabled={!reply.trim() || nameMissing} data-testid="reply-send">
              {t("review.reply.submit")}
            </button>
          </form>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (!reasonMissing && !nameMissing) onStatus(nextStatus, reason);
            }}
          >
            <label>
              {t("review.status")}{" "}
              <select
                value={nextStatus}
                data-testid="status-select"
                onChange={(e) => setNextStatus(e.target.value as CommentStatus)}
              >
                {COMMENT_STATUS_IDS.map((s) => (
                  <option key={s} value={s}>
                    {t(`review.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            {nextStatus === "not_needed" || thread.reason ? (
              <label>
                {t("review.reason")}{" "}
                <input
                  value={reason}
                  maxLength={20_000}
                  data-testid="status-reason"
                  aria-invalid={reasonMissing}
                  onChange={(e) => setReason(e.target.value)}
                />
              </label>
            ) : null}
            <button
              type="submit"
              data-testid="status-save"
              disabled={
                reasonMissing || nameMissing || (nextStatus === thread.status && reason === (thread.reason ?? ""))
              }
            >
              {t("review.status.save")}
            </button>
            {reasonMissing ? <span className="muted">{t("review.reason.needed")}</span> : null}
            {mayDelete ? (
              <button type="button" className="link" onClick={onDelete}>
                {t("review.delete")}
              </button>
            ) : null}
          </form>
        </>
      ) : null}
    </li>
  );
}
