import fs from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";

/**
 * The Japanese font for PDF and PNG made in Node (the browser uses the fonts of the user's system). Looked
 * up in the usual places of Linux (Noto CJK, IPAex), macOS (Hiragino) and Windows (the system and the
 * user's font folders: Noto, 游ゴシック, BIZ UDゴシック, メイリオ, MS ゴシック), or taken from
 * `NAGARE_CJK_FONT` (a .ttf, .otf or .ttc file; `file#PostScriptName` picks one face of a collection) and
 * `NAGARE_CJK_FONT_BOLD`.
 */
export interface CjkFont {
  regular: string;
  bold: string | null;
  /** PostScript name of the face inside a collection (.ttc); undefined for a single-face file. */
  regularFace?: string;
  boldFace?: string;
  /** The font's family name, for renderers that select by family (resvg). */
  family: string;
}

interface Candidate {
  regular: string;
  regularFace?: string;
  bold?: string;
  boldFace?: string;
}

/** Where each system keeps fonts, most fitting first (Noto matches what the app shows in the browser). */
export function fontCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Candidate[] {
  if (platform === "win32") {
    const dirs = [
      path.win32.join(env.WINDIR ?? env.SystemRoot ?? "C:\\Windows", "Fonts"),
      ...(env.LOCALAPPDATA ? [path.win32.join(env.LOCALAPPDATA, "Microsoft", "Windows", "Fonts")] : []),
    ];
    const inDirs = (c: Candidate): Candidate[] =>
      dirs.map((d) => ({
        ...c,
        regular: path.win32.join(d, c.regular),
        bold: c.bold ? path.win32.join(d, c.bold) : undefined,
      }));
    return [
      { regular: "NotoSansCJKjp-Regular.otf", bold: "NotoSansCJKjp-Bold.otf" },
      {
        regular: "NotoSansCJK-Regular.ttc",
        regularFace: "NotoSansCJKjp-Regular",
        bold: "NotoSansCJK-Bold.ttc",
        boldFace: "NotoSansCJKjp-Bold",
      },
      { regular: "YuGothR.ttc", regularFace: "YuGothic-Regular", bold: "YuGothB.ttc", boldFace: "YuGothic-Bold" },
      {
        regular: "BIZ-UDGothicR.ttc",
        regularFace: "BIZUDGothic-Regular",
        bold: "BIZ-UDGothicB.ttc",
        boldFace: "BIZUDGothic-Bold",
      },
      { regular: "meiryo.ttc", regularFace: "Meiryo", bold: "meiryob.ttc", boldFace: "Meiryo-Bold" },
      { regular: "msgothic.ttc", regularFace: "MS-Gothic" },
    ].flatMap(inDirs);
  }
  const noto = (dir: string): Candidate => ({
    regular: `${dir}/NotoSansCJK-Regular.ttc`,
    regularFace: "NotoSansCJKjp-Regular",
    bold: `${dir}/NotoSansCJK-Bold.ttc`,
    boldFace: "NotoSansCJKjp-Bold",
  });
  const home = env.HOME ?? "";
  return [
    noto("/usr/share/fonts/opentype/noto"),
    noto("/usr/share/fonts/noto-cjk"),
    noto("/usr/share/fonts/google-noto-cjk"),
    noto("/usr/share/fonts/truetype/noto"),
    {
      regular: "/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf",
      bold: "/usr/share/fonts/opentype/noto/NotoSansCJKjp-Bold.otf",
    },
    { regular: "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf" },
    {
      regular: "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
      regularFace: "HiraginoSans-W3",
      bold: "/System/Library/Fonts/ヒラギノ角ゴシック W6.ttc",
      boldFace: "HiraginoSans-W6",
    },
    ...(home ? [noto(`${home}/Library/Fonts`), noto(`${home}/.local/share/fonts`)] : []),
  ];
}

export const MISSING_FONT_MESSAGE =
  "日本語フォントが見つかりません。Linux では fonts-noto-cjk を導入し、Windows では游ゴシック・BIZ UDゴシック・メイリオ・MS ゴシックのいずれかを入れるか、NAGARE_CJK_FONT にフォントファイル（.ttf・.otf・.ttc）を指定してください / no Japanese font found: install fonts-noto-cjk (Linux) or one of Yu Gothic, BIZ UDGothic, Meiryo, MS Gothic (Windows), or set NAGARE_CJK_FONT to a font file (.ttf, .otf, .ttc)";

/** A font file that cannot be used, said in both languages with the file and the reason. */
export class FontFileError extends Error {}

interface Face {
  face?: string;
  family: string;
}

/**
 * Opens a font file and picks the face: the named one if the collection has it, otherwise its Japanese face
 * (PostScript names like `…jp-…`, `…JP…`) or its first.
 */
function resolveFace(file: string, wanted: string | undefined, variable: string): Face {
  let opened: fontkit.Font | fontkit.FontCollection | null;
  try {
    opened = fontkit.openSync(file);
  } catch (e) {
    throw new FontFileError(
      `${variable} のフォントファイルを読めません（${file}）/ cannot read the font file of ${variable} (${file}): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (opened && "fonts" in opened) {
    const faces = opened.fonts;
    const pick =
      faces.find((f) => f.postscriptName === wanted) ??
      faces.find((f) => /jp|japan/i.test(f.postscriptName) && !/mono/i.test(f.postscriptName)) ??
      faces[0];
    if (!pick)
      throw new FontFileError(
        `${variable} のフォント集（${file}）に書体がありません / the font collection of ${variable} (${file}) has no face`,
      );
    return { face: pick.postscriptName, family: pick.familyName };
  }
  if (!opened?.familyName)
    throw new FontFileError(
      `${variable} はフォントファイルではありません（${file}）/ ${variable} is not a font file (${file})`,
    );
  return { family: opened.familyName };
}

/** `file` or `file#PostScriptName` from a variable; a named file that does not exist is an error, not ignored. */
function fromVariable(variable: string, env: NodeJS.ProcessEnv, exists: (p: string) => boolean) {
  const raw = env[variable];
  if (!raw) return null;
  const hash = raw.lastIndexOf("#");
  const [file, face] =
    hash > 0 && !exists(raw) && !/[\\/]/.test(raw.slice(hash + 1)) ? [raw.slice(0, hash), raw.slice(hash + 1)] : [raw];
  if (!exists(file))
    throw new FontFileError(
      `${variable} に指定したフォントファイルがありません（${file}）/ the font file named in ${variable} does not exist (${file})`,
    );
  return { file, face };
}

/** The candidate to use on this machine (paths only; the files are not opened). */
export function locateCjkFont(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = fs.existsSync,
): Candidate | null {
  const override = fromVariable("NAGARE_CJK_FONT", env, exists);
  if (override) {
    const bold = fromVariable("NAGARE_CJK_FONT_BOLD", env, exists);
    return { regular: override.file, regularFace: override.face, bold: bold?.file, boldFace: bold?.face };
  }
  const found = fontCandidates(platform, env).find((c) => exists(c.regular));
  if (!found) return null;
  return found.bold && exists(found.bold) ? found : { regular: found.regular, regularFace: found.regularFace };
}

let cached: { key: string; font: CjkFont | null } | undefined;

/** The CJK font files, or null when none is found (then Japanese cannot be drawn). */
export function findCjkFont(): CjkFont | null {
  const key = `${process.env.NAGARE_CJK_FONT ?? ""}|${process.env.NAGARE_CJK_FONT_BOLD ?? ""}`;
  if (cached?.key === key) return cached.font;
  const where = locateCjkFont();
  let font: CjkFont | null = null;
  if (where) {
    const regular = resolveFace(where.regular, where.regularFace, "NAGARE_CJK_FONT");
    const bold = where.bold ? resolveFace(where.bold, where.boldFace, "NAGARE_CJK_FONT_BOLD") : null;
    font = {
      regular: where.regular,
      bold: where.bold ?? null,
      regularFace: regular.face,
      boldFace: bold?.face,
      family: regular.family,
    };
  }
  cached = { key, font };
  return font;
}
