import { useEffect, useId, useRef, useState } from "react";
import type { WriteResult } from "../../document";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import {
  LAWS,
  type LegalBasis,
  legalBasisSchema,
  type Problem,
  SAFEGUARDS,
  type Safeguard,
  type SafeguardKind,
} from "../../model";

/**
 * A small declarative form for model objects: each field names a (dotted) path, a control and its label.
 * Every change is validated by the caller's schema (onPatch); when it fails, the field shows the problem and
 * keeps what was typed, and nothing is written.
 */

export type Option = readonly [value: string, label: string];

export type FieldSpec =
  | { k: string; t: "text" | "textarea" | "date"; label: MessageKey; required?: boolean }
  | { k: string; t: "select"; label: MessageKey; options: Option[]; required?: boolean }
  | { k: string; t: "tristate" | "bool"; label: MessageKey }
  | { k: string; t: "int"; label: MessageKey; nullable?: boolean }
  | { k: string; t: "lines"; label: MessageKey }
  | { k: string; t: "multi"; label: MessageKey; options: Option[] }
  | { k: string; t: "safeguards"; label: MessageKey }
  | { k: string; t: "legal"; label: MessageKey };

/** A ref that follows `value` when it changes and may be moved ahead by the component's own writes. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}

export const termOptions = (rec: Record<string, { ja: string; en: string }>, lang: Lang): Option[] =>
  Object.entries(rec).map(([k, v]) => [k, v[lang]] as const);
export const plainOptions = (list: readonly string[]): Option[] => list.map((v) => [v, v] as const);

function getPath(obj: unknown, path: string): unknown {
  let cur = obj as Record<string, unknown> | undefined;
  for (const part of path.split(".")) cur = cur?.[part] as Record<string, unknown> | undefined;
  return cur;
}

/** The top-level patch that sets a dotted path; empty nested objects are removed. */
export function patchFor(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  if (!rest.length) return { [head]: value };
  const inner = { ...((obj[head] as Record<string, unknown>) ?? {}) };
  const sub = patchFor(inner, rest.join("."), value);
  for (const [k, v] of Object.entries(sub)) {
    if (v === undefined) delete inner[k];
    else inner[k] = v;
  }
  return { [head]: Object.keys(inner).length ? inner : undefined };
}

export function problemText(problems: Problem[], lang: Lang): string {
  return problems
    .slice(0, 3)
    .map((p) => `${p.path ? `${p.path}: ` : ""}${lang === "ja" ? p.ja : p.en}`)
    .join(" / ");
}

interface FormProps {
  specs: FieldSpec[];
  value: Record<string, unknown>;
  /** Writes a patch; the gesture names the field so that typing into it is one undo step. */
  onPatch: (patch: Record<string, unknown>, gesture: string) => WriteResult;
  lang: Lang;
  readOnly: boolean;
  idPrefix: string;
}

export function FieldList({ specs, value, onPatch, lang, readOnly, idPrefix }: FormProps) {
  return (
    <div className="field-list">
      {specs.map((s) => (
        <Field key={s.k} spec={s} value={value} onPatch={onPatch} lang={lang} readOnly={readOnly} idPrefix={idPrefix} />
      ))}
    </div>
  );
}

function Field({ spec, value, onPatch, lang, readOnly, idPrefix }: { spec: FieldSpec } & Omit<FormProps, "specs">) {
  const [error, setError] = useState<string | null>(null);
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const id = useId();
  const current = getPath(value, spec.k);
  const gesture = `${idPrefix}:${spec.k}`;
  // What this field last wrote wins over a render that has not seen the document update yet.
  const latest = useLatest(value);
  const write = (v: unknown) => {
    const patch = patchFor(latest.current, spec.k, v);
    const r = onPatch(patch, gesture);
    setError(r.ok ? null : problemText(r.problems, lang));
    if (r.ok) latest.current = { ...latest.current, ...patch };
    return r.ok;
  };
  // A field shows the error of its own last edit only.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another element is shown
  useEffect(() => setError(null), [idPrefix]);
  let control: React.ReactNode;
  switch (spec.t) {
    case "text":
    case "textarea":
    case "date":
      control = (
        <TextControl
          id={id}
          multiline={spec.t === "textarea"}
          type={spec.t === "date" ? "date" : "text"}
          value={typeof current === "string" ? current : ""}
          disabled={readOnly}
          resetKey={idPrefix}
          onChange={(s) => write(spec.t === "date" ? s || null : s === "" && !spec.required ? undefined : s)}
        />
      );
      break;
    case "select":
      control = (
        <select
          id={id}
          disabled={readOnly}
          value={typeof current === "string" ? current : ""}
          onChange={(e) => write(e.target.value === "" ? undefined : e.target.value)}
        >
          {!spec.required ? <option value="">{t("editor.insp.unset")}</option> : null}
          {spec.options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      );
      break;
    case "tristate":
    case "bool": {
      const v = current === true ? "yes" : current === false ? "no" : "";
      control = (
        <select
          id={id}
          disabled={readOnly}
          value={v}
          onChange={(e) => {
            const s = e.target.value;
            const unset = spec.t === "tristate" ? null : undefined;
            write(s === "yes" ? true : s === "no" ? false : unset);
          }}
        >
          <option value="">{spec.t === "tristate" ? t("editor.insp.unknown") : t("editor.insp.unset")}</option>
          <option value="yes">{t("editor.insp.yes")}</option>
          <option value="no">{t("editor.insp.no")}</option>
        </select>
      );
      break;
    }
    case "int":
      control = (
        <TextControl
          id={id}
          type="number"
          value={typeof current === "number" ? String(current) : ""}
          disabled={readOnly}
          resetKey={idPrefix}
          onChange={(s) => {
            if (s.trim() === "") return write(spec.nullable ? null : undefined);
            const n = Number(s);
            return write(Number.isFinite(n) ? n : s);
          }}
        />
      );
      break;
    case "lines":
      control = (
        <TextControl
          id={id}
          multiline
          value={Array.isArray(current) ? (current as string[]).join("\n") : ""}
          placeholder={t("editor.insp.linesHint")}
          disabled={readOnly}
          resetKey={idPrefix}
          onChange={(s) =>
            write(
              s
                .split("\n")
                .map((x) => x.trim())
                .filter(Boolean),
            )
          }
        />
      );
      break;
    case "multi": {
      const set = new Set(Array.isArray(current) ? (current as string[]) : []);
      const live = () => {
        const v = getPath(latest.current, spec.k);
        return new Set(Array.isArray(v) ? (v as string[]) : []);
      };
      control = (
        <div className="checklist" id={id}>
          {spec.options.map(([v, l]) => (
            <label key={v}>
              <input
                type="checkbox"
                disabled={readOnly}
                checked={set.has(v)}
                onChange={(e) => {
                  const next = live();
                  if (e.target.checked) next.add(v);
                  else next.delete(v);
                  write(spec.options.map(([o]) => o).filter((o) => next.has(o)));
                }}
              />
              {l}
            </label>
          ))}
        </div>
      );
      break;
    }
    case "safeguards":
      control = (
        <SafeguardsControl
          value={Array.isArray(current) ? (current as Safeguard[]) : []}
          lang={lang}
          readOnly={readOnly}
          resetKey={idPrefix}
          onChange={write}
        />
      );
      break;
    case "legal":
      control = (
        <LegalBasisControl
          value={Array.isArray(current) ? (current as LegalBasis[]) : []}
          lang={lang}
          readOnly={readOnly}
          resetKey={idPrefix}
          onChange={write}
        />
      );
      break;
  }
  return (
    <div className={`field field-${spec.t} ${error ? "has-error" : ""}`} data-field={spec.k}>
      <label htmlFor={id}>{t(spec.label)}</label>
      {control}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** A text input with a local draft: typing stays visible even when it cannot be saved yet. */
export function TextControl({
  id,
  value,
  onChange,
  multiline,
  type = "text",
  disabled,
  placeholder,
  resetKey,
  ariaLabel,
}: {
  ariaLabel?: string;
  id?: string;
  value: string;
  onChange: (s: string) => boolean | undefined;
  multiline?: boolean;
  type?: string;
  disabled?: boolean;
  placeholder?: string;
  resetKey?: string;
}) {
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the document unless the person is typing
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, resetKey]);
  const common = {
    id,
    "aria-label": ariaLabel,
    value: draft,
    disabled,
    placeholder,
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
    },
    onKeyDown: (e: React.KeyboardEvent) => e.stopPropagation(),
  };
  return multiline ? (
    <textarea
      {...common}
      rows={3}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(e.target.value);
      }}
    />
  ) : (
    <input
      {...common}
      type={type}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}

/** Safeguards as a checklist in the 評価書's words, each with an optional note. */
function SafeguardsControl({
  value,
  lang,
  readOnly,
  onChange,
  resetKey,
}: {
  value: Safeguard[];
  lang: Lang;
  readOnly: boolean;
  onChange: (v: Safeguard[]) => boolean;
  resetKey: string;
}) {
  const byKind = new Map(value.map((s) => [s.kind, s]));
  const latest = useLatest(value);
  const set = (kind: SafeguardKind, on: boolean, note?: string) => {
    const liveByKind = new Map(latest.current.map((s) => [s.kind, s]));
    const next = (Object.keys(SAFEGUARDS) as SafeguardKind[]).flatMap((k) => {
      if (k === kind) return on ? [{ kind, ...(note ? { note } : {}) }] : [];
      const cur = liveByKind.get(k);
      return cur ? [cur] : [];
    });
    const ok = onChange(next);
    if (ok) latest.current = next;
    return ok;
  };
  return (
    <div className="checklist safeguards">
      {(Object.keys(SAFEGUARDS) as SafeguardKind[]).map((k) => {
        const cur = byKind.get(k);
        return (
          <div key={k} className="safeguard-row">
            <label>
              <input
                type="checkbox"
                disabled={readOnly}
                checked={!!cur}
                onChange={(e) => set(k, e.target.checked, cur?.note)}
              />
              {SAFEGUARDS[k][lang]}
            </label>
            {cur ? (
              <TextControl
                value={cur.note ?? ""}
                placeholder={translate(lang, "editor.insp.note.optional")}
                disabled={readOnly}
                resetKey={resetKey}
                onChange={(s) => set(k, true, s || undefined)}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

const LEGAL_FIELDS: { k: keyof LegalBasis; label: MessageKey; t: "text" | "int" }[] = [
  { k: "article", label: "editor.f.article", t: "text" },
  { k: "paragraph", label: "editor.f.paragraph", t: "int" },
  { k: "item", label: "editor.f.item", t: "int" },
  { k: "tableRow", label: "editor.f.tableRow", t: "text" },
  { k: "ministerialOrdinance", label: "editor.f.ministerialOrdinance", t: "text" },
  { k: "ordinance", label: "editor.f.ordinance", t: "text" },
  { k: "text", label: "editor.f.text", t: "text" },
];

/** Legal bases as structured rows: law, article, paragraph, item, 別表 row, 主務省令, 条例, and the text. */
function LegalBasisControl({
  value,
  lang,
  readOnly,
  onChange,
  resetKey,
}: {
  value: LegalBasis[];
  lang: Lang;
  readOnly: boolean;
  onChange: (v: LegalBasis[]) => boolean;
  resetKey: string;
}) {
  const [rowError, setRowError] = useState<string | null>(null);
  const latest = useLatest(value);
  const commit = (next: LegalBasis[]) => {
    const ok = onChange(next);
    if (ok) latest.current = next;
    return ok;
  };
  const update = (i: number, patch: Partial<LegalBasis>) => {
    const merged = { ...latest.current[i], ...patch } as Record<string, unknown>;
    for (const [k, v] of Object.entries(merged)) if (v === undefined || v === "") delete merged[k];
    const r = legalBasisSchema.safeParse(merged);
    if (!r.success) {
      setRowError(r.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join(" / "));
      return false;
    }
    setRowError(null);
    return commit(latest.current.map((b, j) => (j === i ? r.data : b)));
  };
  return (
    <div className="legal-list">
      {value.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
        <div className="legal-row" key={i} data-testid="legal-row">
          <select
            aria-label={translate(lang, "editor.f.law")}
            disabled={readOnly}
            value={b.law}
            onChange={(e) => update(i, { law: e.target.value as LegalBasis["law"] })}
          >
            {Object.entries(LAWS).map(([k, v]) => (
              <option key={k} value={k}>
                {v[lang]}
              </option>
            ))}
          </select>
          {LEGAL_FIELDS.map((f) => (
            <div key={f.k} className={`legal-field legal-${f.k}`}>
              <span>{translate(lang, f.label)}</span>
              <TextControl
                ariaLabel={translate(lang, f.label)}
                type={f.t === "int" ? "number" : "text"}
                value={b[f.k] === undefined ? "" : String(b[f.k])}
                disabled={readOnly}
                resetKey={`${resetKey}:${i}`}
                onChange={(s) => {
                  if (f.t === "int") return update(i, { [f.k]: s === "" ? undefined : Number(s) });
                  return update(i, { [f.k]: s === "" ? undefined : s });
                }}
              />
            </div>
          ))}
          {!readOnly ? (
            <button type="button" className="link" onClick={() => commit(latest.current.filter((_, j) => j !== i))}>
              {translate(lang, "editor.insp.remove")}
            </button>
          ) : null}
        </div>
      ))}
      {rowError ? (
        <div className="field-error" role="alert">
          {rowError}
        </div>
      ) : null}
      {!readOnly ? (
        <button type="button" onClick={() => commit([...latest.current, { law: "mynumber_act" }])}>
          {translate(lang, "editor.insp.addBasis")}
        </button>
      ) : null}
    </div>
  );
}
