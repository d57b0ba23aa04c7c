import type { AssessmentKind, NagareDocument, OrgProfile } from "../model";
import { docxFigure } from "../render/docx/figure";
import { renderReportDocx } from "../render/docx/report";
import { renderReportHtml } from "../render/html/report";
import { renderReportMarkdown } from "../render/markdown/report";
import { svgToPng } from "../render/raster";
import { renderDiagramSvg } from "../render/svg";
import { type ChangeSetOptions, changeSet } from "./changes";
import { generateReport } from "./report-inputs";
import type { GeneratedSections } from "./types";

/**
 * The 評価書 export in Node (CLI and server): sections with findings, the 別添1 figure as SVG plus a PNG
 * fallback for Word, and one of the four formats.
 */

export const REPORT_FORMATS = ["docx", "html", "md", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFile {
  contentType: string;
  body: Uint8Array | string;
  extension: string;
}

export const REPORT_KINDS = ["basic", "focused", "full"] as const;
export function isReportKind(s: string): s is AssessmentKind {
  return (REPORT_KINDS as readonly string[]).includes(s);
}

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

/** The filled structure as JSON (what the preview shows), with the format id for tools. */
export function reportJson(g: GeneratedSections): string {
  return `${JSON.stringify({ format: "nagare-report", version: 1, ...g }, null, 2)}\n`;
}

export async function renderReportFile(
  doc: NagareDocument,
  format: ReportFormat,
  opts: {
    kind?: AssessmentKind;
    profile?: OrgProfile | null;
    since?: { doc: NagareDocument } & Omit<ChangeSetOptions, "kind" | "profile">;
  } = {},
): Promise<ReportFile> {
  const base = {
    ...(opts.kind ? { kind: opts.kind } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  };
  // The 変更箇所 against a previous version: both 評価書 in the kind of this one, compared item by item.
  const changes = opts.since ? changeSet(opts.since.doc, doc, { ...opts.since, ...base }) : undefined;
  const g = generateReport(doc, { ...base, ...(changes ? { changes } : {}) });
  const hasFigure = doc.nodes.length > 0;
  switch (format) {
    case "json":
      return { contentType: "application/json; charset=utf-8", body: reportJson(g), extension: "json" };
    case "md":
      return { contentType: "text/markdown; charset=utf-8", body: renderReportMarkdown(g), extension: "md" };
    case "html": {
      const diagramSvg = hasFigure ? renderDiagramSvg(doc, { legend: true }).svg : undefined;
      return {
        contentType: "text/html; charset=utf-8",
        body: renderReportHtml(g, diagramSvg ? { diagramSvg } : {}),
        extension: "html",
      };
    }
    case "docx": {
      // The figure on its own landscape pages, at a size where its text stays legible (6 pt or more).
      const figure = hasFigure ? await docxFigure(doc, (svg, width) => svgToPng(svg, { width })) : undefined;
      return {
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        body: await renderReportDocx(g, figure ? { figure } : {}),
        extension: "docx",
      };
    }
  }
}
