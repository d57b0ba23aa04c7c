import { performance } from "node:perf_hooks";
import type { NagareDocument } from "../src/model";
import { renderDiagramPdf } from "../src/render/pdf";
import { svgToPng } from "../src/render/raster";
import { renderDiagramSvg } from "../src/render/svg";
import { generatedFixture } from "../tests/render/fixtures";
import { templates } from "../tests/render/helpers";
import type { BenchRow } from "./types";

/** Median of a few runs (the first run also pays for module and font loading, so it is measured apart). */
async function median(runs: number, f: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

async function measure(label: string, doc: NagareDocument, note: string): Promise<BenchRow[]> {
  const svgMs = await median(5, () => renderDiagramSvg(doc, { legend: true }));
  const { svg, width, height } = renderDiagramSvg(doc, { legend: true });
  const pngMs = await median(3, () => svgToPng(svg, { scale: 1 }));
  const pdfMs = await median(3, () => renderDiagramPdf(doc, { paper: "a3" }));
  const detail = `${note}; ${width}×${height} px, SVG ${Math.round(svg.length / 1024)} KiB`;
  return [
    { area: "render", name: `SVG export, ${label}`, value: svgMs, unit: "ms", target: "< 500", note: detail },
    {
      area: "render",
      name: `PNG export (scale 1), ${label}`,
      value: pngMs,
      unit: "ms",
      target: "< 5000",
      note: detail,
    },
    {
      area: "render",
      name: `PDF export (A3, with 備考), ${label}`,
      value: pdfMs,
      unit: "ms",
      target: "< 8000",
      note: detail,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Warm-up: module loading and the first font parse are not what a user waits for on every export.
  const warm = generatedFixture(10);
  await svgToPng(renderDiagramSvg(warm).svg, { scale: 1 });
  await renderDiagramPdf(warm, { paper: "a4" });

  const big = generatedFixture(300);
  rows.push(...(await measure("300 nodes (generated)", big, `${big.nodes.length} nodes, ${big.flows.length} flows`)));

  const all = templates();
  const largest = all.sort(
    (a, b) => b.doc.nodes.length + b.doc.flows.length - (a.doc.nodes.length + a.doc.flows.length),
  )[0];
  if (largest)
    rows.push(
      ...(await measure(
        `largest template (${largest.name})`,
        largest.doc,
        `${largest.doc.nodes.length} nodes, ${largest.doc.flows.length} flows`,
      )),
    );
  return rows;
}
