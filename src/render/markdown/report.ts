import {
  choiceList,
  type FilledItem,
  type GeneratedSections,
  isDiagramItem,
  statusMark,
  valueLines,
} from "../../sections";

/** The 評価書 as Markdown (for review in text tools and diffs). Document text is escaped for Markdown. */

export function escapeMarkdown(s: string): string {
  // Brackets are escaped, so no link or image can form; parentheses and the like stay readable.
  return s.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}

function block(it: FilledItem, depth: number, out: string[]): void {
  const num = it.number ? `${it.number} ` : "";
  if (it.kind === "heading") {
    const level = Math.min(6, depth + 2);
    out.push("", `${"#".repeat(level)} ${escapeMarkdown(num + it.title)}${it.mark ? " ※" : ""}`, "");
    for (const c of it.children) block(c, depth + 1, out);
    return;
  }
  if (isDiagramItem(it)) {
    out.push("*（図は Word・HTML 出力に含まれます）*", "");
    return;
  }
  const mark = statusMark(it);
  if (it.kind === "table") {
    out.push(`**${escapeMarkdown(it.title)}**${mark ? ` 【${mark}】` : ""}`, "");
    if (it.rows?.length) {
      const header = it.header ?? ["", ""];
      out.push(`| ${header.map(escapeMarkdown).join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`);
      // Line breaks inside a cell as <br> (GitHub Markdown); the text itself is escaped, so no other tag can form.
      for (const r of it.rows)
        out.push(`| ${r.cells.map((c) => escapeMarkdown(c).replace(/\n/g, "<br>")).join(" | ")} |`);
      out.push("");
    } else if (it.value) out.push(escapeMarkdown(it.value), "");
    return;
  }
  if (it.kind === "none_box") {
    out.push(`- ${escapeMarkdown(valueLines(it)[0] ?? "")}${mark ? ` 【${mark}】` : ""}`);
    return;
  }
  const lines = valueLines(it);
  out.push(`- **${escapeMarkdown(num + it.title)}**${it.mark ? " ※" : ""}${mark ? ` 【${mark}】` : ""}`);
  // Hard line breaks with a backslash (trailing spaces do not survive editors and formatters).
  if (lines.length) out.push(`  ${lines.map((l) => escapeMarkdown(l)).join("\\\n  ")}`);
  const choices = choiceList(it);
  if (choices) out.push(`  ${escapeMarkdown(choices)}`);
}

export function renderReportMarkdown(g: GeneratedSections): string {
  const out: string[] = [`# ${escapeMarkdown(g.title)}`, ""];
  if (g.organization)
    out.push(`${escapeMarkdown(g.organization)}${g.publishedOn ? `　公表日 ${g.publishedOn}` : ""}`, "");
  out.push(`しきい値判断：${escapeMarkdown(g.threshold.ja)}`, "");
  for (const it of g.items) block(it, 0, out);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
