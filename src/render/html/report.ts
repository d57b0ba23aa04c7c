import {
  choiceList,
  type FilledItem,
  type GeneratedSections,
  isDiagramItem,
  statusMark,
  valueLines,
} from "../../sections";

/**
 * The 評価書 as one self-contained HTML page for printing (A4, no script, no external resources). Every text
 * that comes from the document is escaped.
 */

export interface HtmlReportOptions {
  /** The 別添1 figure (SVG text), embedded as an image so that nothing in it can run. */
  diagramSvg?: string;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

const CSS = `
@page { size: A4; margin: 18mm 15mm; }
@page wide { size: A4 landscape; margin: 15mm; }
section.wide { page: wide; }
* { box-sizing: border-box; }
body { font-family: "MS 明朝", "Noto Serif CJK JP", "Noto Sans CJK JP", serif; font-size: 10.5pt; color: #000; margin: 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1.5px solid #000; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { width: 36%; font-weight: normal; background: #f2f2f2; }
tr { page-break-inside: avoid; }
tr.group > td { background: #e6e6e6; font-weight: bold; }
.no { white-space: nowrap; margin-right: 1.5mm; }
.mark { font-size: 9pt; }
.choices { display: block; color: #333; font-size: 8.5pt; margin-top: 1mm; }
.need { display: inline-block; border: 1px solid #b00; color: #b00; padding: 0 1.5mm; font-size: 9pt; }
.confirm { display: inline-block; border: 1px solid #a60; color: #a60; padding: 0 1.5mm; font-size: 9pt; }
.line { white-space: pre-wrap; margin: 0; }
.figure img { display: block; max-width: 100%; max-height: 150mm; margin: 0 auto; object-fit: contain; border: 1px solid #000; }
.steps td:first-child { width: 14mm; white-space: nowrap; }
.meta { text-align: right; font-size: 9pt; margin-bottom: 4mm; }
.contents ul { list-style: none; padding-left: 6mm; margin: 0; }
`;

/** Base64 of UTF-8 text, in Node and in the browser alike. */
export function base64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function cellValue(it: FilledItem): string {
  const lines = valueLines(it).map((l) => `<p class="line">${escapeHtml(l)}</p>`);
  const mark = statusMark(it);
  const badge = mark ? ` <span class="${it.state === "missing" ? "need" : "confirm"}">${escapeHtml(mark)}</span>` : "";
  const choices = choiceList(it);
  return `${lines.join("")}${badge}${choices ? `<span class="choices">${escapeHtml(choices)}</span>` : ""}`;
}

function label(it: FilledItem): string {
  const no = it.number ? `<span class="no">${escapeHtml(it.number.split("-").at(-1) ?? "")}</span>` : "";
  return `${no}${escapeHtml(it.title)}${it.mark ? ' <span class="mark">※</span>' : ""}`;
}

function rows(items: readonly FilledItem[], opts: HtmlReportOptions): string {
  let html = "";
  for (const it of items) {
    if (it.kind === "heading") {
      html += `<tr class="group"><td colspan="2">${label(it)}</td></tr>`;
      html += rows(it.children, opts);
    } else if (it.kind === "table") {
      if (isDiagramItem(it)) {
        html += opts.diagramSvg
          ? `<tr><td colspan="2" class="figure"><img alt="${escapeHtml(it.title)}" src="data:image/svg+xml;base64,${base64Utf8(opts.diagramSvg)}"></td></tr>`
          : "";
        continue;
      }
      // A list of more than two columns (別紙 提供先一覧) gets its header row; a list not entered yet, its value.
      const head =
        it.header && it.header.length > 2 && it.rows?.length
          ? `<tr>${it.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`
          : "";
      const body =
        head +
        ((it.rows ?? [])
          .map((r) => `<tr>${r.cells.map((c) => `<td>${escapeHtml(c).replace(/\n/g, "<br>")}</td>`).join("")}</tr>`)
          .join("") || (it.value ? `<tr><td>${escapeHtml(it.value)}</td></tr>` : ""));
      html += `<tr><td colspan="2"><div>${label(it)}${statusMark(it) ? ` <span class="need">${escapeHtml(statusMark(it))}</span>` : ""}</div><table class="steps">${body}</table></td></tr>`;
    } else if (it.kind === "none_box") {
      html += `<tr><td colspan="2">${cellValue(it)}</td></tr>`;
    } else {
      html += `<tr><th>${label(it)}</th><td>${cellValue(it)}</td></tr>`;
    }
  }
  return html;
}

function section(it: FilledItem, opts: HtmlReportOptions): string {
  const title = `${it.number ? `${escapeHtml(it.number)} ` : ""}${escapeHtml(it.title)}`;
  // Repeated parts (one per 特定個人情報ファイル) get their own sub-heading.
  const parts: string[] = [];
  let loose: FilledItem[] = [];
  const flush = () => {
    if (loose.length) parts.push(`<table>${rows(loose, opts)}</table>`);
    loose = [];
  };
  for (const c of it.children) {
    if (c.kind === "heading" && !c.number && c.id.includes("file:")) {
      flush();
      parts.push(`<h3>${escapeHtml(c.title)}</h3><table>${rows(c.children, opts)}</table>`);
    } else loose.push(c);
  }
  flush();
  // The 事務の内容 figure prints on a landscape page of its own.
  const wide = it.children.some(isDiagramItem) && opts.diagramSvg;
  return `<section${wide ? ' class="wide"' : ""}><h2>${title}</h2>${parts.join("")}</section>`;
}

export function renderReportHtml(g: GeneratedSections, opts: HtmlReportOptions = {}): string {
  const [cover, ...rest] = g.items;
  const contents = `<section class="contents"><h2>項目一覧</h2><ul>${rest
    .map((it) => `<li>${escapeHtml(`${it.number ? `${it.number} ` : ""}${it.title}`)}</li>`)
    .join("")}</ul></section>`;
  const body = [cover ? section(cover, opts) : "", contents, ...rest.map((it) => section(it, opts))].join("\n");
  return `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(g.title)}</title><style>${CSS}</style></head>
<body><h1>${escapeHtml(g.title)}</h1>
<p class="meta">${escapeHtml(g.organization)}${g.publishedOn ? `　公表日 ${escapeHtml(g.publishedOn)}` : ""}　（要記入 ${g.stats.needsInput - g.stats.suggested} 件／要確認 ${g.stats.suggested} 件）</p>
${body}
</body></html>
`;
}
