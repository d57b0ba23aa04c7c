import fs from "node:fs";

/**
 * Where the Japanese font lives on this kind of machine (Debian fonts-noto-cjk), with the usual
 * alternatives. Node only: the browser uses whatever fonts the user's system has.
 */
const CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf",
  "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
  "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
];
const BOLD_CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
  "/usr/share/fonts/truetype/noto/NotoSansCJK-Bold.ttc",
];

export interface CjkFont {
  regular: string;
  bold: string | null;
}

let cached: CjkFont | null | undefined;

/** The CJK font files, or null when none is installed (then Japanese cannot be drawn). */
export function findCjkFont(): CjkFont | null {
  if (cached !== undefined) return cached;
  const env = process.env.NAGARE_CJK_FONT;
  const pick = (list: string[]) => list.find((p) => fs.existsSync(p)) ?? null;
  const regular = env && fs.existsSync(env) ? env : pick(CANDIDATES);
  cached = regular ? { regular, bold: pick(BOLD_CANDIDATES) } : null;
  return cached;
}

export const MISSING_FONT_MESSAGE =
  "日本語フォント（Noto Sans CJK）が見つかりません。fonts-noto-cjk を導入するか NAGARE_CJK_FONT にフォントファイルを指定してください / no Japanese font found: install fonts-noto-cjk or set NAGARE_CJK_FONT to a font file";
