import type { CheckMark, FilledItem } from "./types";

/** Plain-text presentation of filled items, shared by the HTML, Markdown and Word renderers. */

export const NEEDS_INPUT_JA = "要記入";
export const NEEDS_CONFIRM_JA = "要確認";
export const CHECKED = "☑";
export const UNCHECKED = "☐";

export function checkText(c: CheckMark): string {
  const detail = c.detail ? (c.detail.startsWith("(") ? ` ${c.detail}` : ` (${c.detail})`) : "";
  return `${c.checked ? CHECKED : UNCHECKED} ${c.label}${detail}`;
}

/** The value as the 評価書 prints it ([選択] for a choice, check marks for a list). */
export function valueLines(it: FilledItem): string[] {
  switch (it.kind) {
    case "checkbox":
      return it.checks?.length ? [it.checks.map(checkText).join("　")] : [];
    case "none_box":
      return [`${it.value === "true" ? CHECKED : UNCHECKED} ${it.title}`];
    case "single":
    case "sufficiency":
      return it.value ? [`[${it.value}]`] : [];
    case "table":
      return (it.rows ?? []).map((r) => r.cells.filter(Boolean).join("　"));
    default:
      return it.value ? it.value.split("\n") : [];
  }
}

/** 「要記入」 / 「要確認」 or nothing. */
export function statusMark(it: FilledItem): string {
  if (it.state === "missing") return NEEDS_INPUT_JA;
  if (it.state === "suggested") return NEEDS_CONFIRM_JA;
  return "";
}

/** The <選択肢> line printed after a choice, as published 評価書 do. */
export function choiceList(it: FilledItem): string {
  if ((it.kind !== "single" && it.kind !== "sufficiency") || !it.choices?.length) return "";
  return `<選択肢> ${it.choices.map((c, i) => `${i + 1}) ${c}`).join(" ")}`;
}

export const isDiagramItem = (it: FilledItem) => it.id.endsWith(".diagram");
