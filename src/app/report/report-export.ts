import { type AssessmentKind, type NagareDocument, serializeDocument } from "../../model";
import { renderReportHtml } from "../../render/html/report";
import { renderReportMarkdown } from "../../render/markdown/report";
import { renderDiagramSvg } from "../../render/svg";
import type { GeneratedSections } from "../../sections";

export type ReportExport = { bytes: Uint8Array | string; type: string; local?: boolean };

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * The Word file: made by the server (`POST /api/render/report?format=docx`, the same renderer as the CLI);
 * when no server answers (a local document on a static host), made here in the browser instead.
 */
export async function exportDocx(
  model: NagareDocument,
  g: GeneratedSections,
  kind?: AssessmentKind,
): Promise<ReportExport> {
  try {
    const q = new URLSearchParams({ format: "docx", ...(kind ? { kind } : {}) });
    const res = await fetch(`/api/render/report?${q}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: serializeDocument(model),
    });
    const type = res.headers.get("content-type") ?? "";
    if (res.ok && type.includes("wordprocessingml"))
      return { bytes: new Uint8Array(await res.arrayBuffer()), type: DOCX };
    if (!res.ok && res.status !== 404 && res.status !== 405 && res.status < 500) {
      const text = await res.text().catch(() => "");
      throw new Error(`${res.status} ${text.slice(0, 300)}`);
    }
  } catch (e) {
    if (e instanceof Error && /^\d{3} /.test(e.message)) throw e;
  }
  // The Word writer and the rasteriser are loaded only when someone exports.
  const [{ renderReportDocx }, { svgToPng }] = await Promise.all([
    import("../../render/docx/report"),
    import("../../render/raster/browser"),
  ]);
  let diagram: { svg: string; png: Uint8Array; width: number; height: number } | undefined;
  if (model.nodes.length) {
    const d = renderDiagramSvg(model, { legend: true });
    diagram = {
      svg: d.svg,
      png: await svgToPng(d.svg, { width: Math.min(2400, Math.round(d.width * 2)) }),
      width: d.width,
      height: d.height,
    };
  }
  return { bytes: await renderReportDocx(g, diagram ? { diagram } : {}), type: DOCX, local: true };
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
