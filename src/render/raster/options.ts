/** Options of svgToPng, the same in Node (resvg) and in the browser (canvas). */
export interface PngOptions {
  /** Pixels per SVG unit (default 2). Ignored when width is given. */
  scale?: number;
  /** Output width in pixels; the height follows the aspect ratio. */
  width?: number;
  /** CSS colour behind the figure; default white. */
  background?: string;
}
