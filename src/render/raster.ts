import { Resvg } from "@resvg/resvg-js";
import { findCjkFont, MISSING_FONT_MESSAGE } from "./raster/fonts";
import type { PngOptions } from "./raster/options";
import { hasTextLeft, outlineText } from "./raster/outline";

export type { PngOptions };

/** Largest PNG edge we produce: beyond this a figure is better exported as SVG or PDF. */
export const MAX_PNG_EDGE = 16_384;

/**
 * Rasterises an SVG from renderDiagramSvg with resvg (Node). Loads the Noto CJK font from the system so
 * that Japanese is shaped, not drawn as boxes. The browser counterpart is raster/browser.ts.
 */
export async function svgToPng(svg: string, opts: PngOptions = {}): Promise<Uint8Array> {
  const font = findCjkFont();
  if (!font) throw new Error(MISSING_FONT_MESSAGE);
  const intrinsic = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  const baseWidth = intrinsic ? Number(intrinsic[1]) : 0;
  let scale = opts.width && baseWidth ? opts.width / baseWidth : (opts.scale ?? 2);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`倍率が正しくありません / invalid scale: ${scale}`);
  if (baseWidth && baseWidth * scale > MAX_PNG_EDGE) scale = MAX_PNG_EDGE / baseWidth;
  const outlined = outlineText(svg, font);
  // Loading the CJK font takes resvg longer than drawing a page: only when some text is still text.
  const needsFont = hasTextLeft(outlined);
  const resvg = new Resvg(outlined, {
    fitTo: opts.width ? { mode: "width", value: Math.round(opts.width) } : { mode: "zoom", value: scale },
    background: opts.background ?? "#ffffff",
    font: {
      loadSystemFonts: false,
      fontFiles: needsFont ? [font.regular, ...(font.bold ? [font.bold] : [])] : [],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
    shapeRendering: 2,
    textRendering: 1,
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
