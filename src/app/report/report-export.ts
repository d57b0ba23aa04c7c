import type { AssessmentKind, NagareDocument } from "../../model";
import { renderReportHtml } from "../../render/html/report";
import { renderReportMarkdown } from "../../render/markdown/report";
import { renderDiagramSvg } from "../../render/svg";
import type { GeneratedSections } from "../../sections";
import { renderOnServer, type ServerLink } from "../export/render-request";

export type ReportExport = {
  bytes: Uint8Array | string;
  type: string;
  /**
   * Made in the browser, and why: no server answered, the document is kept only in this browser, or the
   * server could not make it (busy, time limit) — its message.
   */
  local?: { why: "unreachable" | "no-link" | "server"; message?: string };
};

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * The Word file: made by the server (`POST /api/render/report?format=docx`, the same renderer as the CLI);
 * when no server answers (a static host) or the document has no server link, made here in the browser.
 * A request the server refuses (too large, a bad link) is reported, not worked around.
 */
export async function exportDocx(
  model: NagareDocument,
  g: GeneratedSections,
  link: ServerLink,
  lang: "ja" | "en",
  kind?: AssessmentKind,
): Promise<ReportExport> {
  const q = new URLSearchParams({ format: "docx", ...(kind ? { kind } : {}) });
  const res = await renderOnServer("report", q, model, link, "wordprocessingml");
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
