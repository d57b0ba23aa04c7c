import type { NagareDocument } from "../../src/model";
import { renderDiagramPdf } from "../../src/render/pdf";
import { svgToPng } from "../../src/render/raster";
import { renderDiagramSvg, type Selection } from "../../src/render/svg";
import { evaluateDetailed } from "../../src/rules";
import type { RenderResult, RenderRoute } from "./registry";

/** A bad query: the server answers 400 with this bilingual message. */
export class RenderQueryError extends Error {
  readonly status = 400;
}

const flag = (q: URLSearchParams, name: string, fallback: boolean) => {
  const v = q.get(name);
  if (v === null || v === "") return fallback;
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw new RenderQueryError(`${name} は true か false です / ${name} must be true or false`);
};

const ids = (q: URLSearchParams, name: string) => {
  const v = q.get(name);
  return v ? v.split(",").filter(Boolean) : undefined;
};

/** File name for downloads: the title with characters file systems refuse replaced. */
export function exportFileName(doc: NagareDocument, ext: string): string {
  const raw = doc.title || doc.meta.jimuName || "diagram";
  const base = [...raw]
    .map((c) => (c < " " || '\\/:*?"<>|'.includes(c) ? "_" : c))
    .join("")
    .slice(0, 80);
  return `${base}_別添1.${ext}`;
}

/**
 * `POST /api/render/diagram?format=svg|png|pdf&paper=auto|a4|a3&orientation=auto|landscape|portrait&style=color|mono&legend=…&steps=…&scale=…`
 * with the model as the body. `nodes`, `flows` and `groups` (comma-separated ids) export a selection;
 * `findings=true` colours elements by their worst open finding.
 */
export const diagramRoute: RenderRoute = {
  handle: async (doc, q): Promise<RenderResult> => {
    const format = q.get("format") ?? "pdf";
    const style = q.get("style") ?? (q.get("mono") && flag(q, "mono", false) ? "mono" : "color");
    if (style !== "color" && style !== "mono")
      throw new RenderQueryError(`style は color か mono です / style must be color or mono`);
    const legend = flag(q, "legend", true);
    const selection: Selection = { nodes: ids(q, "nodes"), flows: ids(q, "flows"), groups: ids(q, "groups") };
    // Colour by findings: the server runs the same rules as the app.
    const findings = flag(q, "findings", false) ? evaluateDetailed(doc).findings : undefined;
    if (format === "svg") {
      const { svg } = renderDiagramSvg(doc, { style, legend, selection, findings, title: flag(q, "title", false) });
      return { contentType: "image/svg+xml; charset=utf-8", body: svg, filename: exportFileName(doc, "svg") };
    }
    if (format === "png") {
      const scale = Number(q.get("scale") ?? "2");
      if (!Number.isFinite(scale) || scale <= 0 || scale > 8)
        throw new RenderQueryError("scale は 0 より大きく 8 以下です / scale must be in (0, 8]");
      const { svg } = renderDiagramSvg(doc, { style, legend, selection, findings, title: flag(q, "title", false) });
      return { contentType: "image/png", body: await svgToPng(svg, { scale }), filename: exportFileName(doc, "png") };
    }
    if (format === "pdf") {
      const paper = q.get("paper") ?? "auto";
      if (paper !== "auto" && paper !== "a4" && paper !== "a3")
        throw new RenderQueryError("paper は auto・a4・a3 のいずれかです / paper must be auto, a4 or a3");
      const orientation = q.get("orientation") ?? "auto";
      if (orientation !== "auto" && orientation !== "landscape" && orientation !== "portrait")
        throw new RenderQueryError(
          "orientation は auto・landscape・portrait のいずれかです / orientation must be auto, landscape or portrait",
        );
      const body = await renderDiagramPdf(doc, {
        paper,
        orientation,
        legend,
        style,
        selection,
        findings,
        steps: flag(q, "steps", true),
      });
      return { contentType: "application/pdf", body, filename: exportFileName(doc, "pdf") };
    }
    throw new RenderQueryError(`format は svg・png・pdf のいずれかです / format must be svg, png or pdf (${format})`);
  },
};
