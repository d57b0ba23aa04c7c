import { isReportFormat, REPORT_FORMATS, renderReportFile } from "../../src/sections/export-node";
import { RenderQueryError } from "./diagram";
import type { RenderResult, RenderRoute } from "./registry";

/** `POST /api/render/report?format=docx|html|md|json` with the model as the body: the 評価書 for download. */
export const reportRoute: RenderRoute = {
  path: "report",
  handle: async (doc, q): Promise<RenderResult> => {
    const format = q.get("format") ?? "docx";
    if (!isReportFormat(format))
      throw new RenderQueryError(
        `format は ${REPORT_FORMATS.join("・")} のいずれかです / format must be one of ${REPORT_FORMATS.join(", ")} (${format})`,
      );
    const file = await renderReportFile(doc, format);
    const raw = doc.title || doc.meta.jimuName || "report";
    const base = [...raw]
      .map((c) => (c < " " || '\\/:*?"<>|'.includes(c) ? "_" : c))
      .join("")
      .slice(0, 80);
    return { contentType: file.contentType, body: file.body, filename: `${base}_評価書.${file.extension}` };
  },
};
