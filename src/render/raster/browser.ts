import type { PngOptions } from "./options";

/** Same limit as the Node rasteriser; browsers refuse larger canvases anyway. */
const MAX_EDGE = 16_384;

function intrinsicSize(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  const h = /<svg[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!w || !h) throw new Error("SVG に幅と高さがありません / the SVG has no width and height");
  return { width: Number(w[1]), height: Number(h[1]) };
}

/**
 * Rasterises an SVG in the browser through an <img> and a canvas. The text uses the fonts installed on the
 * user's machine (Noto Sans CJK, Hiragino, Yu Gothic … via the generic sans-serif fallback).
 */
export async function svgToPng(svg: string, opts: PngOptions = {}): Promise<Uint8Array> {
  const size = intrinsicSize(svg);
  let scale = opts.width ? opts.width / size.width : (opts.scale ?? 2);
  scale = Math.min(scale, MAX_EDGE / size.width, MAX_EDGE / size.height);
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    img.decoding = "async";
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("SVG を画像として読み込めません / the SVG could not be loaded as an image"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("canvas を使えません / no 2D canvas available");
    ctx.fillStyle = opts.background ?? "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG を作れません / PNG encoding failed"))), "image/png"),
    );
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
