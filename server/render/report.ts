import { isReportFormat, isReportKind, REPORT_FORMATS, renderReportFile } from "../../src/sections/export-node";
import { RenderQueryError } from "./diagram";
import type { RenderResult, RenderRoute } from "./registry";

/**
 * `POST /api/render/report?format=docx|html|md|json[&kind=basic|focused|full]` with the model as the body: the
 * 評価書 for download (kind defaults to the document's own). With the body `{ model, since, sinceName?, changedOn? }`
 * the 変更箇所 is generated against the earlier version.
 */
export const reportRoute: RenderRoute = {
  handle: async (doc, q, extra): Promise<RenderResult> => {
    const format = q.get("format") ?? "docx";
    if (!isReportFormat(format))
      throw new RenderQueryError(
        `format は ${REPORT_FORMATS.join("・")} のいずれかです / format must be one of ${REPORT_FORMATS.join(", ")} (${format})`,
      );
    const kind = q.get("kind") || null;
    if (kind !== null && !isReportKind(kind))
      throw new RenderQueryError(
        `kind は basic・focused・full のいずれかです / kind must be basic, focused or full (${kind})`,
      );
    // The organisation's common answers fill what the document leaves open (`profile=none` leaves them out).
    const profile = q.get("profile") === "none" ? null : (extra?.profile ?? null);
    const since = extra?.since;
    if (since?.changedOn && !/^\d{4}-\d{2}-\d{2}$/.test(since.changedOn))
      throw new RenderQueryError(
        `changedOn は YYYY-MM-DD の日付です（${since.changedOn}） / changedOn must be a date YYYY-MM-DD (${since.changedOn})`,
      );
    const file = await renderReportFile(doc, format, {
      ...(kind !== null ? { kind } : {}),
      profile,
      ...(since
        ? { since: { doc: since.doc, since: since.name, ...(since.changedOn ? { changedOn: since.changedOn } : {}) } }
        : {}),
    });
    const raw = doc.title || doc.meta.jimuName || "report";
    const base = [...raw]
      .map((c) => (c < " " || '\\/:*?"<>|'.includes(c) ? "_" : c))
      .join("")
      .slice(0, 80);
    return { contentType: file.contentType, body: file.body, filename: `${base}_評価書.${file.extension}` };
  },
};
