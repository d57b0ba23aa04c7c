import { translate } from "../../i18n";
import {
  ASSESSMENT_KINDS,
  type AssessmentKind,
  loadDocumentValue,
  type NagareDocument,
  type OrgProfile,
} from "../../model";
import { renderReportHtml } from "../../render/html/report";
import { renderReportMarkdown } from "../../render/markdown/report";
import { renderDiagramSvg } from "../../render/svg";
import { changeSet, type GeneratedSections, generateReport } from "../../sections";
import { ApiError, api } from "../api/client";
import { safeFileBase } from "../export/download";
import { type EarlierVersion, renderOnServer, type ServerLink } from "../export/render-request";

export type ReportExport = {
  bytes: Uint8Array | string;
  type: string;
  /**
   * Made in the browser, and why: no server answered, the document is kept only in this browser, or the
   * server could not make it (busy, time limit) — its message.
   */
  local?: { why: "unreachable" | "no-link" | "server"; message?: string };
};

export type ReportFormat = "docx" | "html" | "md" | "json";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * The Word file: made by the server (`POST /api/render/report?format=docx`, the same renderer as the CLI);
 * when no server answers (a static host) or the document has no server link, made here in the browser from
 * `g` (which then holds the 変更箇所 already). A request the server refuses (too large, a bad link) is
 * reported, not worked around.
 */
export async function exportDocx(
  model: NagareDocument,
  g: GeneratedSections,
  link: ServerLink,
  lang: "ja" | "en",
  kind?: AssessmentKind,
  since?: EarlierVersion,
): Promise<ReportExport> {
  const q = new URLSearchParams({ format: "docx", ...(kind ? { kind } : {}) });
  const res = await renderOnServer("report", q, model, link, "wordprocessingml", undefined, since);
  if (res.ok) return { bytes: res.bytes, type: DOCX };
  // A refusal of the request itself is reported; when the server is busy or failed, the browser can still do it.
  if (res.reason === "server" && res.status < 500) throw new Error(`${res.status} ${lang === "ja" ? res.ja : res.en}`);
  const local =
    res.reason === "server" ? { why: res.reason, message: lang === "ja" ? res.ja : res.en } : { why: res.reason };
  // The Word writer and the rasteriser are loaded only when someone exports.
  const [{ renderReportDocx }, { docxFigure }, { svgToPng }] = await Promise.all([
    import("../../render/docx/report"),
    import("../../render/docx/figure"),
    import("../../render/raster/browser"),
  ]);
  const figure = model.nodes.length ? await docxFigure(model, (svg, width) => svgToPng(svg, { width })) : undefined;
  return { bytes: await renderReportDocx(g, figure ? { figure } : {}), type: DOCX, local };
}

export function exportText(model: NagareDocument, g: GeneratedSections, format: "html" | "md" | "json"): ReportExport {
  if (format === "json")
    return {
      bytes: `${JSON.stringify({ format: "nagare-report", version: 1, ...g }, null, 2)}\n`,
      type: "application/json",
    };
  if (format === "md") return { bytes: renderReportMarkdown(g), type: "text/markdown;charset=utf-8" };
  const diagramSvg = model.nodes.length ? renderDiagramSvg(model, { legend: true }).svg : undefined;
  return { bytes: renderReportHtml(g, diagramSvg ? { diagramSvg } : {}), type: "text/html;charset=utf-8" };
}

/** Today's date where the browser is, as YYYY-MM-DD (the 変更日 offered by default). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A saved version of the document on the server, as the earlier side of a 変更箇所: its model is checked as any
 * document is, so that a version the schema no longer accepts is said, not half compared.
 */
export async function loadEarlierVersion(
  docId: string,
  token: string,
  versionId: string,
  changedOn: string | null,
  lang: "ja" | "en",
): Promise<EarlierVersion> {
  let loaded: { name: string; model: unknown };
  try {
    loaded = await api.versionModel(docId, token, versionId);
  } catch (e) {
    throw new Error(e instanceof ApiError ? e.text(lang) : String(e));
  }
  const checked = loadDocumentValue(loaded.model);
  if (!checked.ok) {
    const first = checked.problems[0];
    const why = first ? `${first.path}: ${lang === "ja" ? first.ja : first.en}` : "";
    throw new Error(translate(lang, "report.changes.badVersion", { name: loaded.name, why }));
  }
  return { model: checked.doc, name: loaded.name, changedOn };
}

/**
 * The 評価書 as a file, named and ready to save: generated with the organisation's answers and, given an
 * earlier version, with the 変更箇所 against it (the same comparison the server makes for the Word file).
 */
export async function makeReport(
  format: ReportFormat,
  opts: {
    model: NagareDocument;
    kind?: AssessmentKind;
    profile: OrgProfile | null;
    link: ServerLink;
    lang: "ja" | "en";
    since?: EarlierVersion;
  },
): Promise<ReportExport & { file: string }> {
  const { model, kind, profile, since } = opts;
  const base = { ...(kind ? { kind } : {}), ...(profile ? { profile } : {}) };
  const changes = since
    ? changeSet(since.model, model, {
        ...base,
        since: since.name,
        ...(since.changedOn ? { changedOn: since.changedOn } : {}),
      })
    : undefined;
  const g = generateReport(model, { ...base, ...(changes ? { changes } : {}) });
  const out =
    format === "docx" ? await exportDocx(model, g, opts.link, opts.lang, kind, since) : exportText(model, g, format);
  const name = `${safeFileBase(model.title || model.meta.jimuName)}_評価書${kind ? `_${ASSESSMENT_KINDS[kind].ja}` : ""}`;
  return { ...out, file: `${name}.${format}` };
}
