import { useState } from "react";
import type * as Y from "yjs";
import { patchElement } from "../../document";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import {
  type Provision,
  parseRecipientTable,
  RECIPIENT_COLUMNS,
  type RecipientRow,
  recipientTableText,
  type TableProblem,
} from "../../model";

/**
 * The 提供先・移転先 a provision record stands for (printed as 別紙N and counted in Ⅱ5): rows edited in place,
 * or replaced as a whole by a table pasted from Excel or CSV. A paste with problems changes nothing and says
 * where each problem is.
 */
export function RecipientList({
  ydoc,
  provision,
  lang,
  readOnly,
}: {
  ydoc: Y.Doc;
  provision: Provision;
  lang: Lang;
  readOnly: boolean;
}) {
  const t = (k: MessageKey, vars?: Record<string, string | number>) => translate(lang, k, vars);
  const [paste, setPaste] = useState("");
  const [problems, setProblems] = useState<TableProblem[]>([]);
  const [status, setStatus] = useState("");
  const rows = provision.recipients;
  const write = (next: RecipientRow[]) => {
    const r = patchElement(ydoc, "provisions", provision.id, { recipients: next });
    setStatus(r.ok ? "" : t("recipients.refused", { message: r.problems.map((p) => p[lang]).join("; ") }));
    return r.ok;
  };
  const setCell = (i: number, col: (typeof RECIPIENT_COLUMNS)[number], value: string) => {
    const next = rows.map((r, j) => {
      if (j !== i) return r;
      const row: Record<string, string> = { ...r };
      if (value.trim() || col === "name") row[col] = value;
      else delete row[col];
      return row as RecipientRow;
    });
    // An empty name is not a recipient: keep the row until it has one.
    if (col === "name" && !value.trim()) return;
    write(next);
  };
  const importPaste = () => {
    const r = parseRecipientTable(paste);
    if (!r.ok) {
      setProblems(r.problems);
      setStatus("");
      return;
    }
    setProblems([]);
    if (write(r.rows)) {
      setPaste("");
      setStatus(t("recipients.imported", { n: r.rows.length }));
    }
  };
  const copy = async () => {
    await navigator.clipboard?.writeText(recipientTableText(rows, provision.kind));
    setStatus(t("recipients.copied"));
  };
  return (
    <div className="recipient-list" data-testid={`recipients-${provision.id}`}>
      <h5>
        {t("recipients.title")} <span className="count">{t("recipients.count", { n: rows.length })}</span>
      </h5>
      {rows.length === 0 ? (
        <p className="hint">
          {provision.recipientCount ? t("recipients.countOnly", { n: provision.recipientCount }) : t("recipients.none")}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              {RECIPIENT_COLUMNS.map((c) => (
                <th key={c}>{t(`recipients.col.${c}`)}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; the position is their identity here
              <tr key={i}>
                {RECIPIENT_COLUMNS.map((c) => (
                  <td key={c}>
                    <input
                      key={r[c] ?? ""}
                      aria-label={`${t(`recipients.col.${c}`)} ${i + 1}`}
                      defaultValue={r[c] ?? ""}
                      disabled={readOnly}
                      onBlur={(e) => {
                        if (e.currentTarget.value !== (r[c] ?? "")) setCell(i, c, e.currentTarget.value);
                      }}
                    />
                  </td>
                ))}
                <td>
                  {!readOnly ? (
                    <button
                      type="button"
                      className="danger"
                      aria-label={t("recipients.removeRow")}
                      onClick={() => write(rows.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly ? (
        <div className="recipient-tools">
          <button type="button" onClick={() => write([...rows, { name: t("recipients.newRow") }])}>
            {t("recipients.addRow")}
          </button>
          {rows.length ? (
            <>
              <button type="button" onClick={copy}>
                {t("recipients.copy")}
              </button>
              <button type="button" className="danger" onClick={() => write([])}>
                {t("recipients.clear")}
              </button>
            </>
          ) : null}
          <label>
            {t("recipients.paste")}
            <textarea
              data-testid={`recipients-paste-${provision.id}`}
              rows={4}
              value={paste}
              placeholder={t("recipients.pasteHint")}
              onChange={(e) => setPaste(e.currentTarget.value)}
            />
          </label>
          <button type="button" disabled={!paste.trim()} onClick={importPaste}>
            {t("recipients.import")}
          </button>
        </div>
      ) : null}
      {problems.length ? (
        <div className="problems" role="alert">
          <p>{t("recipients.problems")}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.row}:${p.column}:${p.en}`}>{p[lang]}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {status ? <p role="status">{status}</p> : null}
    </div>
  );
}
