import type { z } from "zod";

/** One problem found in a document: where it is and what is wrong, in Japanese and English. */
export interface Problem {
  /** Path in the document, e.g. `flows[3] (id "f12").target`. */
  path: string;
  ja: string;
  en: string;
  code: string;
}

export function formatProblem(p: Problem): string {
  return `${p.path || "(root)"}: ${p.ja} / ${p.en}`;
}

type PathItem = PropertyKey;

/** Renders a zod path, naming the element id where the document has one. */
export function describePath(path: readonly PathItem[], root?: unknown): string {
  let out = "";
  let cursor: unknown = root;
  for (const key of path) {
    if (typeof key === "number") {
      out += `[${key}]`;
      cursor = Array.isArray(cursor) ? cursor[key] : undefined;
      const id = cursor && typeof cursor === "object" ? (cursor as { id?: unknown }).id : undefined;
      if (typeof id === "string" && id.length <= 64) out += ` (id "${id}")`;
    } else {
      const k = String(key);
      out += out ? `.${k}` : k;
      cursor = cursor && typeof cursor === "object" ? (cursor as Record<string, unknown>)[k] : undefined;
    }
  }
  return out;
}

const FIELD_JA: Record<string, string> = {
  id: "ID",
  label: "ラベル",
  kind: "種類",
  source: "矢印の始点",
  target: "矢印の終点",
  transport: "手段",
  step: "番号",
  sentence: "備考",
  position: "位置",
  format: "形式",
  schemaVersion: "スキーマバージョン",
};

function field(path: readonly PathItem[]): string {
  const last = [...path].reverse().find((k) => typeof k === "string") as string | undefined;
  return last ? (FIELD_JA[last] ?? last) : "文書";
}

/** Turns zod issues into bilingual problems. */
export function problemsFromZod(error: z.ZodError, root?: unknown): Problem[] {
  return error.issues.map((issue) => {
    const path = describePath(issue.path, root);
    const f = field(issue.path);
    const base = { path, code: issue.code as string };
    switch (issue.code) {
      case "invalid_type": {
        const missing = issue.input === undefined;
        return missing
          ? { ...base, code: "missing", ja: `${f} がありません（必須項目）`, en: `required field is missing` }
          : {
              ...base,
              ja: `${f} の型が違います（${issue.expected} が必要）`,
              en: `wrong type: expected ${issue.expected}`,
            };
      }
      case "too_big":
        return issue.origin === "string"
          ? {
              ...base,
              code: "too_long",
              ja: `${f} が長すぎます（最大 ${issue.maximum} 文字）`,
              en: `text too long (at most ${issue.maximum} characters)`,
            }
          : {
              ...base,
              ja: `${f} が大きすぎます（最大 ${issue.maximum}）`,
              en: `too large or too many (at most ${issue.maximum})`,
            };
      case "too_small":
        return issue.origin === "string"
          ? { ...base, code: "empty", ja: `${f} が空です`, en: "must not be empty" }
          : {
              ...base,
              ja: `${f} が小さすぎます（最小 ${issue.minimum}）`,
              en: `too small (at least ${issue.minimum})`,
            };
      case "invalid_value":
        return {
          ...base,
          ja: `${f} の値が選択肢にありません（${issue.values.slice(0, 12).join(", ")}${issue.values.length > 12 ? " …" : ""}）`,
          en: `value is not one of the allowed choices`,
        };
      case "unrecognized_keys":
        return {
          ...base,
          ja: `未知の項目があります: ${issue.keys.join(", ")}`,
          en: `unknown field(s): ${issue.keys.join(", ")}`,
        };
      case "invalid_format":
        return { ...base, ja: `${f} の書式が正しくありません`, en: `invalid format (${issue.format})` };
      default:
        if (issue.message === "id_chars")
          return {
            ...base,
            ja: "ID に使えない文字があります（英数字と _ . : - のみ）",
            en: "id may only contain letters, digits and _ . : -",
          };
        if (issue.message === "reason_required")
          return {
            ...base,
            ja: "対応不要とする指摘には理由を書いてください",
            en: "a thread marked not needed must give the reason",
          };
        if (issue.message === "iso_date")
          return { ...base, ja: "日付は YYYY-MM-DD で書いてください", en: "date must be YYYY-MM-DD" };
        return { ...base, ja: `値が正しくありません（${issue.message}）`, en: issue.message };
    }
  });
}
