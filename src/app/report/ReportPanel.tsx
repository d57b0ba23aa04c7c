import { memo, useEffect, useMemo, useState } from "react";
import { type Lang, type MessageKey, translate } from "../../i18n";
import { ASSESSMENT_KINDS, type AssessmentKind, type OrgProfile, profileAnswerText } from "../../model";
import { itemThreadCounts } from "../../review/list";
import {
  checksText,
  citeLegalBasis,
  type FilledItem,
  generateReport,
  isDiagramItem,
  itemLabels,
  LEGAL_BASIS_PRESETS,
  presetById,
  valueLines,
} from "../../sections";
import { ApiError, api, type VersionInfo } from "../api/client";
import type { ElementIds, PanelProps } from "../editor/panels";
import { downloadBytes } from "../export/download";
import { useOrgProfile } from "../profile/use-profile";
import { canComment, reviewUi, useReviewUi } from "../review/state";
import { writeAnswer } from "./answers";
import { loadEarlierVersion, localToday, makeReport, type ReportExport, type ReportFormat } from "./report-export";
import "./report.css";

type Tr = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Why the Word file was made in the browser instead of by the server, as a sentence before "saved". */
function localNote(t: Tr, local: ReportExport["local"]): string {
  if (!local) return "";
  if (local.why === "no-link") return `${t("report.export.localDocument")} `;
  if (local.why === "server") return `${t("report.export.localAfterServer", { message: local.message ?? "" })} `;
  return `${t("report.export.local")} `;
}

/** Waits until the model has been still for a moment, so typing on the canvas does not regenerate each key. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const hasSources = (it: FilledItem) => it.sources.nodes.length + it.sources.flows.length > 0;
const toIds = (it: FilledItem): ElementIds => ({ nodes: it.sources.nodes, flows: it.sources.flows });

/** The part of a line that selects its source elements on the canvas (a plain block when it has none). */
function Linked({
  item,
  select,
  className,
  title,
  children,
}: {
  item: FilledItem;
  select: (ids: ElementIds) => void;
  className: string;
  title?: string;
  children: React.ReactNode;
}) {
  if (!hasSources(item)) return <span className={className}>{children}</span>;
  return (
    <button type="button" className={`${className} rp-linked`} title={title} onClick={() => select(toIds(item))}>
      {children}
    </button>
  );
}

/** Whether an item or anything under it still needs a person. */
function open(it: FilledItem): boolean {
  return it.needsInput || it.children.some(open);
}

interface ItemProps {
  item: FilledItem;
  depth: number;
  t: Tr;
  lang: Lang;
  onlyOpen: boolean;
  readOnly: boolean;
  editing: string | null;
  setEditing: (id: string | null) => void;
  save: (id: string, value: string | null) => void;
  select: (ids: ElementIds) => void;
  /** 公表日 for citations of legal-basis presets. */
  date: string | null;
  /** The organisation's common answers the document draws on (null: none, or a local document). */
  profile: OrgProfile | null;
  review: ReviewLines;
  /** The item a thread asked to show (outlined). */
  shown: string | null;
}

/** 第三者点検 on the lines: the threads on each item, and how a line opens a remark or its threads. */
interface ReviewLines {
  counts: ReadonlyMap<string, { total: number; open: number }>;
  /** 項目 labels as the record prints them (「Ⅱ-3-② 入手方法」). */
  labels: ReadonlyMap<string, string>;
  /** Opens the remark form on the item; null for a view link, which cannot write remarks. */
  comment: ((id: string, label: string) => void) | null;
  /** Opens the item's threads in the 点検の指摘 panel. */
  show: (id: string) => void;
}

const lineLabel = (item: FilledItem, review: ReviewLines) =>
  review.labels.get(item.id) ?? [item.number, item.title].filter(Boolean).join(" ");

/** The number of threads on an item, red while one is open: a button to its threads. */
function ThreadMarker({ item, review, t }: { item: FilledItem; review: ReviewLines; t: Tr }) {
  const c = review.counts.get(item.id);
  if (!c) return null;
  const label = t("report.review.marker", { n: c.total, open: c.open, item: lineLabel(item, review) });
  return (
    <button
      type="button"
      className={`rp-thread-marker ${c.open ? "is-open" : "is-done"}`}
      data-testid="report-thread-marker"
      data-count={c.total}
      data-open={c.open}
      aria-label={label}
      title={label}
      onClick={() => review.show(item.id)}
    >
      {c.total}
    </button>
  );
}

/** 「指摘」 on a line: the remark form of the 点検の指摘 panel, on this item. */
function CommentButton({ item, review, t }: { item: FilledItem; review: ReviewLines; t: Tr }) {
  const comment = review.comment;
  if (!comment) return null;
  const label = lineLabel(item, review);
  return (
    <button
      type="button"
      className="rp-comment"
      data-testid="report-comment"
      aria-label={t("report.review.comment", { item: label })}
      title={t("report.review.comment", { item: label })}
      onClick={() => comment(item.id, label)}
    >
      {t("report.review.commentShort")}
    </button>
  );
}

/** Legal-basis items offer the common bases, cited with the numbers in force on the 公表日. */
function BasisPicker({ lang, date, t, add }: { lang: Lang; date: string | null; t: Tr; add: (s: string) => void }) {
  return (
    <select
      value=""
      data-testid="report-basis-preset"
      onChange={(e) => {
        const preset = presetById(e.target.value);
        if (!preset) return;
        const basis = preset.build(date, { tableRow: "○", ordinance: "○○条例第○条" });
        add(citeLegalBasis(basis, date));
      }}
    >
      <option value="">{t("report.basisPreset")}</option>
      {LEGAL_BASIS_PRESETS.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label[lang]}
        </option>
      ))}
    </select>
  );
}

function Editor({
  item,
  t,
  lang,
  date,
  save,
  cancel,
}: {
  item: FilledItem;
  t: Tr;
  lang: Lang;
  date: string | null;
  save: (v: string) => void;
  cancel: () => void;
}) {
  const initialChecks = new Set((item.checks ?? []).filter((c) => c.checked).map((c) => c.label));
  const [text, setText] = useState(item.kind === "none_box" ? item.value : item.value || item.suggestion || "");
  const [checks, setChecks] = useState(initialChecks);
  // The words in the parentheses after a box: (税務課), その他 (FAX) …
  const [details, setDetails] = useState<Record<string, string>>(() =>
    Object.fromEntries((item.checks ?? []).filter((c) => c.detail).map((c) => [c.label, c.detail as string])),
  );
  const labels = item.choices ?? item.checks?.map((c) => c.label) ?? [];
  const submit = () => {
    if (item.kind === "checkbox") {
      const kept = labels
        .filter((l) => checks.has(l))
        .map((l) => ({ label: l, checked: true, ...(details[l]?.trim() ? { detail: details[l].trim() } : {}) }));
      save(checksText(kept));
    } else save(text);
  };
  let field: React.ReactNode;
  if (item.kind === "single" || item.kind === "sufficiency")
    field = (
      <select value={text} onChange={(e) => setText(e.target.value)} data-testid="report-editor-select">
        <option value="">{t("report.select")}</option>
        {(item.choices ?? []).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  else if (item.kind === "checkbox")
    field = (
      <div className="rp-checks">
        {labels.map((c) => (
          <div key={c} className="rp-check">
            <label>
              <input
                type="checkbox"
                checked={checks.has(c)}
                onChange={(e) => {
                  const next = new Set(checks);
                  if (e.target.checked) next.add(c);
                  else next.delete(c);
                  setChecks(next);
                }}
              />{" "}
              {c}
            </label>
            {checks.has(c) && (
              <input
                type="text"
                className="rp-detail"
                aria-label={t("report.detail", { label: c })}
                placeholder={t("report.detailHint")}
                value={details[c] ?? ""}
                onChange={(e) => setDetails({ ...details, [c]: e.target.value })}
              />
            )}
          </div>
        ))}
      </div>
    );
  else if (item.kind === "none_box")
    field = (
      <label>
        <input type="checkbox" checked={text === "true"} onChange={(e) => setText(String(e.target.checked))} />{" "}
        {t("report.checked")}
      </label>
    );
  else
    field = (
      <>
        {item.title.includes("法令上の根拠") && (
          <BasisPicker
            lang={lang}
            date={date}
            t={t}
            add={(c) => setText((prev) => (prev.trim() ? `${prev}\n${c}` : c))}
          />
        )}
        <textarea
          value={text}
          rows={Math.min(12, Math.max(3, text.split("\n").length + 1))}
          onChange={(e) => setText(e.target.value)}
          data-testid="report-editor-text"
        />
      </>
    );
  return (
    <div className="rp-editor">
      {field}
      <div className="rp-editor-actions">
        <button type="button" onClick={submit} data-testid="report-save">
          {t("report.save")}
        </button>
        <button type="button" onClick={cancel}>
          {t("report.cancel")}
        </button>
      </div>
    </div>
  );
}

/** Whether clearing the document's answer brings back an answer of the organisation profile. */
function backToProfile(item: FilledItem, profile: OrgProfile | null): boolean {
  if (!profile || !item.profileKey) return false;
  if (item.profileKey === "security.physicalDetail" || item.profileKey === "security.technicalDetail")
    return profile.systems.length > 0 || profileAnswerText(profile, item.profileKey) !== null;
  return profileAnswerText(profile, item.profileKey) !== null;
}

const Item = memo(function Item(p: ItemProps) {
  const { item, depth, t, lang } = p;
  if (p.onlyOpen && !open(item)) return null;
  if (item.kind === "heading") {
    const Tag = depth === 0 ? "details" : "div";
    const head = (
      <>
        {item.number && <span className="rp-no">{item.number}</span>} {item.title}
        {item.mark && " ※"}
      </>
    );
    const children = item.children.map((c) => <Item key={c.id} {...p} item={c} depth={depth + 1} />);
    // Threads on a heading (a numbered part chosen in the remark form) are counted beside it.
    const marker = p.review.counts.has(item.id) ? <ThreadMarker item={item} review={p.review} t={t} /> : null;
    if (Tag === "details")
      return (
        <details className={`rp-section${p.shown === item.id ? " rp-shown" : ""}`} open data-heading={item.id}>
          <summary>{head}</summary>
          {marker ? <div className="rp-section-threads">{marker}</div> : null}
          {children}
        </details>
      );
    const title = (
      <Linked item={item} select={p.select} className={`rp-group-title${item.needsInput ? " rp-need" : ""}`}>
        {head}
      </Linked>
    );
    return (
      <div
        className={`rp-group rp-depth-${Math.min(depth, 4)}${p.shown === item.id ? " rp-shown" : ""}`}
        data-heading={item.id}
      >
        {marker ? (
          <div className="rp-group-head">
            {title}
            {marker}
          </div>
        ) : (
          title
        )}
        {children}
      </div>
    );
  }
  if (isDiagramItem(item)) return null;
  const lines = valueLines(item);
  const badge =
    item.state === "missing" ? "report.needsInput" : item.state === "suggested" ? "report.needsConfirm" : null;
  const editable = !p.readOnly && item.kind !== "table";
  const editing = p.editing === item.id;
  return (
    <div
      className={`rp-item rp-state-${item.state}${item.needsInput ? " rp-need" : ""}${p.shown === item.id ? " rp-shown" : ""}`}
      data-item={item.id}
      data-state={item.state}
    >
      <Linked item={item} select={p.select} className="rp-main" title={t("report.showOnCanvas")}>
        <span className="rp-label">
          {item.number && <span className="rp-no">{item.number.split("-").at(-1)}</span>} {item.title}
          {item.mark && " ※"}
          {badge && <span className={`rp-badge rp-badge-${item.state}`}>{t(badge)}</span>}
          {item.fromProfile && (
            <span
              className="rp-badge rp-badge-profile"
              title={t("report.fromProfileHint")}
              data-testid="report-from-profile"
            >
              {t("report.fromProfile")}
            </span>
          )}
        </span>
        {lines.length > 0 && (
          <span className="rp-value">
            {lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own
              <span className="rp-line" key={i}>
                {l}
              </span>
            ))}
          </span>
        )}
        {item.note && <span className="rp-note">{item.note[lang]}</span>}
      </Linked>
      {item.state === "answer" && item.suggestion && (
        <p className="rp-note">{t("report.suggestion", { value: item.kind === "checkbox" ? "…" : item.suggestion })}</p>
      )}
      {!editing && (editable || p.review.comment || p.review.counts.has(item.id)) && (
        <div className="rp-actions">
          <ThreadMarker item={item} review={p.review} t={t} />
          <CommentButton item={item} review={p.review} t={t} />
          {editable && item.state === "suggested" && (
            <button
              type="button"
              onClick={() => p.save(item.id, item.kind === "checkbox" ? checksText(item.checks) : item.value)}
              data-testid="report-confirm"
            >
              {t("report.confirm")}
            </button>
          )}
          {editable && (
            <button type="button" onClick={() => p.setEditing(item.id)} data-testid="report-edit">
              {item.fromProfile ? t("report.overrideHere") : t("report.edit")}
            </button>
          )}
          {editable && item.state === "answer" && (
            <button type="button" onClick={() => p.save(item.id, null)} data-testid="report-reset">
              {backToProfile(item, p.profile) ? t("report.backToProfile") : t("report.reset")}
            </button>
          )}
        </div>
      )}
      {editing && (
        <Editor
          item={item}
          t={t}
          lang={lang}
          date={p.date}
          save={(v) => p.save(item.id, v)}
          cancel={() => p.setEditing(null)}
        />
      )}
    </div>
  );
});

/** The document's saved versions (none for a document kept only in this browser), fetched when the panel opens. */
function useVersions(session: PanelProps["session"], lang: Lang): { list: VersionInfo[]; error: string | null } {
  const [state, setState] = useState<{ list: VersionInfo[]; error: string | null }>({ list: [], error: null });
  const { docId, token } = session;
  useEffect(() => {
    if (!docId || !token) return;
    let alive = true;
    api.versions(docId, token).then(
      (v) => alive && setState({ list: v.versions, error: null }),
      (e) => alive && setState({ list: [], error: e instanceof ApiError ? e.text(lang) : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [docId, token, lang]);
  return state;
}

type Status = { kind: "idle" } | { kind: "working" } | { kind: "done"; text: string } | { kind: "error"; text: string };

/**
 * The 評価書 generated from the drawing, beside the canvas: items the graph decides, suggestions to confirm and
 * the items a person must write (要記入). Clicking a line selects the elements it came from; answers are
 * written to the shared document and exported with Word, HTML, Markdown or JSON.
 */
export function ReportPanel({ ydoc, model, lang, session, readOnly, select, openPanel }: PanelProps) {
  const t: Tr = (key, vars) => translate(lang, key, vars);
  const debounced = useDebounced(model, 250);
  // Which 評価書 to show: the document's own, or another one the threshold also requires (基礎 with 全項目 …).
  const [kindView, setKindView] = useState<AssessmentKind | "">("");
  const profile = useOrgProfile(session);
  const generated = useMemo(
    () =>
      debounced
        ? generateReport(debounced, { ...(kindView ? { kind: kindView } : {}), ...(profile ? { profile } : {}) })
        : null,
    [debounced, kindView, profile],
  );
  const labels = useMemo(
    () => (generated && debounced ? itemLabels(generated, debounced.files.length) : new Map<string, string>()),
    [generated, debounced],
  );
  const mayComment = canComment(session.role);
  const counts = useMemo(() => (model ? itemThreadCounts(model) : new Map()), [model]);
  const review = useMemo<ReviewLines>(
    () => ({
      counts,
      labels,
      comment: mayComment
        ? (id, label) => {
            reviewUi.composeOn({ kind: "item", id, label });
            openPanel?.("comments");
          }
        : null,
      show: (id) => {
        reviewUi.focusOn(`item:${id}`);
        openPanel?.("comments");
      },
    }),
    [counts, labels, mayComment, openPanel],
  );
  const versions = useVersions(session, lang);
  // A thread's 「評価書で表示」: the item's line scrolled into view and focused, once the items are drawn.
  const wanted = useReviewUi().showItem;
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted || !generated) return;
    const id = CSS.escape(wanted.id);
    const line = document.querySelector<HTMLElement>(
      `.report-panel [data-item="${id}"], .report-panel [data-heading="${id}"]`,
    );
    reviewUi.showItem(null);
    if (!line) {
      // The item is gone (its 委託事項 deleted …) or belongs to another kind of 評価書 than the one shown.
      setStatus({ kind: "error", text: translate(lang, "report.review.itemMissing", { item: wanted.label }) });
      return;
    }
    line.scrollIntoView({ block: "center" });
    line.querySelector<HTMLElement>("button")?.focus({ preventScroll: true });
    setShown(wanted.id);
  }, [wanted, generated, lang]);
  // 変更箇所: the saved version to compare with ("" → none, the table stays 「－」) and the 変更日.
  const [sinceId, setSinceId] = useState("");
  const [changedOn, setChangedOn] = useState(localToday);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  if (!model || !generated) return <p className="panel-empty">{t("report.invalid")}</p>;
  const g = generated;
  const th = g.threshold;
  const kindName = ASSESSMENT_KINDS[g.kind][lang];
  const order = { basic: 0, focused: 1, full: 2 } as const;
  const highest = th.required.reduce((m, k) => Math.max(m, order[k]), 0);
  const tooLow = th.code !== null && th.required.length > 0 && order[g.kind] < highest;
  const requiredNames = th.required.map((k) => ASSESSMENT_KINDS[k][lang]).join(" + ");

  const save = (id: string, value: string | null) => {
    const r = writeAnswer(ydoc, id, value);
    if (!r.ok) setStatus({ kind: "error", text: t("report.saveFailed", { reason: r.reason[lang] }) });
    else setEditing(null);
  };

  const since = versions.list.find((v) => v.id === sinceId) ?? null;
  const run = async (format: ReportFormat) => {
    setStatus({ kind: "working" });
    try {
      const earlier =
        since && session.docId && session.token
          ? await loadEarlierVersion(session.docId, session.token, since.id, changedOn || null, lang)
          : undefined;
      const out = await makeReport(format, {
        model,
        ...(kindView ? { kind: kindView } : {}),
        profile,
        link: session,
        lang,
        ...(earlier ? { since: earlier } : {}),
      });
      downloadBytes(out.bytes, out.file, out.type);
      setStatus({
        kind: "done",
        text: `${localNote(t, out.local)}${t("report.export.done", { file: out.file })}`,
      });
    } catch (e) {
      setStatus({
        kind: "error",
        text: t("report.export.failed", { message: e instanceof Error ? e.message : String(e) }),
      });
    }
  };

  return (
    <section className="report-panel" data-testid="report-panel">
      <header className="rp-header">
        <label className="rp-kind">
          {t("report.kindPick")}{" "}
          <select
            value={kindView}
            onChange={(e) => setKindView(e.target.value as AssessmentKind | "")}
            data-testid="report-kind"
          >
            <option value="">{t("report.kindOwn", { kind: ASSESSMENT_KINDS[model.meta.assessmentKind][lang] })}</option>
            {(["basic", "focused", "full"] as const).map((k) => (
              <option key={k} value={k}>
                {ASSESSMENT_KINDS[k][lang]}
                {th.required.includes(k) ? ` ${t("report.kindRequired")}` : ""}
              </option>
            ))}
          </select>
        </label>
        <strong>{t("report.kind", { kind: kindName })}</strong>
        <p data-testid="report-threshold">
          {t("report.threshold", { result: th.code === null ? th[lang] : th[lang] })}
        </p>
        <p className="rp-note">{t("report.thresholdWhy", { why: th.explanation[lang] })}</p>
        {th.code !== null && (
          <p className="rp-note">
            {th.required.length ? t("report.required", { kinds: requiredNames }) : t("report.requiredNone")}
          </p>
        )}
        {tooLow && <p className="rp-warn">{t("report.kindTooLow", { kind: kindName, required: requiredNames })}</p>}
        <p data-testid="report-counts">
          {t("report.counts", {
            missing: g.stats.needsInput - g.stats.suggested,
            suggested: g.stats.suggested,
            answered: g.stats.answered,
            items: g.stats.items,
          })}
        </p>
        <label>
          <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />{" "}
          {t("report.onlyOpen")}
        </label>
        {readOnly && <p className="rp-note">{t("report.readOnly")}</p>}
        {session?.docId && session.token && (
          <p className="rp-note">
            <a
              href={`/profile#t=${encodeURIComponent(session.token)}`}
              target="_blank"
              rel="noopener"
              title={t("profile.openHint")}
              data-testid="report-open-profile"
            >
              {t("profile.open")}
            </a>
          </p>
        )}
        {session.docId && session.token ? (
          <div className="rp-changes">
            <label>
              {t("report.changes.since")}{" "}
              <select value={sinceId} onChange={(e) => setSinceId(e.target.value)} data-testid="report-since">
                <option value="">{t("report.changes.none")}</option>
                {versions.list.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
            {since ? (
              <label>
                {t("report.changes.date")}{" "}
                <input
                  type="date"
                  value={changedOn}
                  onChange={(e) => setChangedOn(e.target.value)}
                  data-testid="report-changed-on"
                />
              </label>
            ) : null}
            <p className="rp-note" data-testid="report-changes-note">
              {versions.error
                ? t("report.changes.loadFailed", { message: versions.error })
                : since
                  ? t("report.changes.with", { name: since.name })
                  : versions.list.length
                    ? t("report.changes.without")
                    : t("report.changes.noVersions")}
            </p>
          </div>
        ) : null}
        <div className="rp-export">
          {(["docx", "html", "md", "json"] as const).map((f) => (
            <button
              key={f}
              type="button"
              disabled={status.kind === "working"}
              onClick={() => run(f)}
              data-testid={`report-export-${f}`}
            >
              {t(`report.export.${f}`)}
            </button>
          ))}
        </div>
        <p className={`rp-status rp-status-${status.kind}`} role="status">
          {status.kind === "working"
            ? t("report.export.working")
            : status.kind === "done" || status.kind === "error"
              ? status.text
              : ""}
        </p>
      </header>
      {g.orphanAnswers.length > 0 && (
        <details className="rp-orphans" data-testid="report-orphans">
          <summary>{t("report.orphans", { n: g.orphanAnswers.length })}</summary>
          <p className="rp-note">{t("report.orphansWhy")}</p>
          {g.orphanAnswers.map((o) => (
            <div key={o.id} className="rp-item rp-orphan">
              <span className="rp-label">{o.id}</span>
              <span className="rp-value">{o.value}</span>
              {!readOnly && (
                <div className="rp-actions">
                  <button type="button" onClick={() => save(o.id, null)}>
                    {t("report.orphanDelete")}
                  </button>
                </div>
              )}
            </div>
          ))}
        </details>
      )}
      <div className="rp-body">
        {g.items.map((it) => (
          <Item
            key={it.id}
            item={it}
            depth={0}
            t={t}
            lang={lang}
            onlyOpen={onlyOpen}
            readOnly={readOnly}
            editing={editing}
            setEditing={setEditing}
            save={save}
            select={select}
            date={model.meta.publishedOn}
            profile={profile}
            review={review}
            shown={shown}
          />
        ))}
      </div>
    </section>
  );
}
