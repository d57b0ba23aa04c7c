import { useState } from "react";
import type * as Y from "yjs";
import { patchElement } from "../../document";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import { type PiiFile, RECORD_ITEM_CATEGORIES, RECORD_ITEM_CATEGORY_GROUPS } from "../../model";

type RecordItem = NonNullable<PiiFile["allRecordItems"]>[number];

/**
 * Every record item of a 特定個人情報ファイル (別添 特定個人情報ファイル記録項目), each under one of the 様式's
 * categories: rows edited in place, or lines pasted from a list (`項目名<TAB>分類`; without a known 分類 the
 * category chosen beside the paste box is used). A paste with an unknown category changes nothing and says which
 * line.
 */
export function RecordItemList({
  ydoc,
  file,
  lang,
  readOnly,
}: {
  ydoc: Y.Doc;
  file: PiiFile;
  lang: Lang;
  readOnly: boolean;
}) {
  const t = (k: MessageKey, vars?: Record<string, string | number>) => translate(lang, k, vars);
  const rows = file.allRecordItems ?? [];
  const [paste, setPaste] = useState("");
  const [category, setCategory] = useState<string>(RECORD_ITEM_CATEGORIES[0] as string);
  const [status, setStatus] = useState("");
  const write = (next: RecordItem[]) => {
    const r = patchElement(ydoc, "files", file.id, { allRecordItems: next });
    setStatus(r.ok ? "" : t("recordItems.refused", { message: r.problems.map((p) => p[lang]).join("; ") }));
    return r.ok;
  };
  const importPaste = () => {
    const added: RecordItem[] = [];
    const lines = paste.split(/\r?\n/).filter((l) => l.trim());
    for (const [i, line] of lines.entries()) {
      const [name = "", cat] = line.split("\t").map((c) => c.trim());
      if (!name) continue;
      if (cat && !(RECORD_ITEM_CATEGORIES as readonly string[]).includes(cat)) {
        setStatus(t("recordItems.badCategory", { line: i + 1, category: cat }));
        return;
      }
      added.push({ name, category: (cat || category) as RecordItem["category"] });
    }
    if (write([...rows, ...added])) {
      setPaste("");
      setStatus(t("recordItems.imported", { n: added.length }));
    }
  };
  const categorySelect = (value: string, onChange: (v: string) => void, label: string) => (
    <select value={value} disabled={readOnly} aria-label={label} onChange={(e) => onChange(e.currentTarget.value)}>
      {RECORD_ITEM_CATEGORY_GROUPS.map((g) => (
        <optgroup key={g.heading} label={g.heading}>
          {g.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
  return (
    <div className="recipient-list" data-testid={`record-items-${file.id}`}>
      <h5>
        {t("recordItems.title")} <span className="count">{t("recordItems.count", { n: rows.length })}</span>
      </h5>
      <p className="hint">{t("recordItems.hint")}</p>
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t("recordItems.name")}</th>
              <th>{t("recordItems.category")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; the position is their identity here
              <tr key={i}>
                <td>
                  <input
                    key={r.name}
                    aria-label={`${t("recordItems.name")} ${i + 1}`}
                    defaultValue={r.name}
                    disabled={readOnly}
                    onBlur={(e) => {
                      const v = e.currentTarget.value.trim();
                      if (v && v !== r.name) write(rows.map((x, j) => (j === i ? { ...x, name: v } : x)));
                    }}
                  />
                </td>
                <td>
                  {categorySelect(
                    r.category,
                    (v) => write(rows.map((x, j) => (j === i ? { ...x, category: v as RecordItem["category"] } : x))),
                    `${t("recordItems.category")} ${i + 1}`,
                  )}
                </td>
                <td>
                  {!readOnly && (
                    <button
                      type="button"
                      className="danger"
                      aria-label={t("recordItems.remove")}
                      onClick={() => write(rows.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <div className="recipient-tools">
          <label>
            {t("recordItems.paste")}
            <textarea
              data-testid={`record-items-paste-${file.id}`}
              rows={4}
              value={paste}
              placeholder={t("recordItems.pasteHint")}
              onChange={(e) => setPaste(e.currentTarget.value)}
            />
          </label>
          {categorySelect(category, setCategory, t("recordItems.defaultCategory"))}
          <button type="button" disabled={!paste.trim()} onClick={importPaste}>
            {t("recordItems.add")}
          </button>
          {rows.length > 0 && (
            <button type="button" className="danger" onClick={() => write([])}>
              {t("recordItems.clear")}
            </button>
          )}
        </div>
      )}
      {status ? <p role="status">{status}</p> : null}
    </div>
  );
}
