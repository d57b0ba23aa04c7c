import { afterEach, describe, expect, it } from "vitest";
import { renderDiagramPdf } from "../../src/render/pdf";
import { svgToPng } from "../../src/render/raster";
import { findCjkFont, fontCandidates, locateCjkFont } from "../../src/render/raster/fonts";
import { renderDiagramSvg } from "../../src/render/svg";
import { richFixture } from "./fixtures";

/** Where the Japanese font for PDF and PNG is found: Linux, macOS, Windows, and the NAGARE_CJK_FONT override. */
const only =
  (...files: string[]) =>
  (p: string) =>
    files.includes(p);

describe("font lookup on Windows", () => {
  it("looks in the system font folder (WINDIR) and the user's own font folder", () => {
    const list = fontCandidates("win32", { WINDIR: "D:\\WINNT", LOCALAPPDATA: "C:\\Users\\tanaka\\AppData\\Local" });
    const files = list.map((c) => c.regular);
    expect(files).toContain("D:\\WINNT\\Fonts\\YuGothR.ttc");
    expect(files).toContain("D:\\WINNT\\Fonts\\msgothic.ttc");
    expect(files).toContain("C:\\Users\\tanaka\\AppData\\Local\\Microsoft\\Windows\\Fonts\\NotoSansCJKjp-Regular.otf");
    expect(fontCandidates("win32", {}).map((c) => c.regular)).toContain("C:\\Windows\\Fonts\\meiryo.ttc");
  });

  it("takes 游ゴシック with its bold face when present, before older fonts", () => {
    const found = locateCjkFont(
      "win32",
      {},
      only("C:\\Windows\\Fonts\\msgothic.ttc", "C:\\Windows\\Fonts\\YuGothR.ttc", "C:\\Windows\\Fonts\\YuGothB.ttc"),
    );
    expect(found).toEqual({
      regular: "C:\\Windows\\Fonts\\YuGothR.ttc",
      regularFace: "YuGothic-Regular",
      bold: "C:\\Windows\\Fonts\\YuGothB.ttc",
      boldFace: "YuGothic-Bold",
    });
  });

  it("falls back to MS ゴシック (no bold) and prefers a Noto the user installed", () => {
    expect(locateCjkFont("win32", {}, only("C:\\Windows\\Fonts\\msgothic.ttc"))).toEqual({
      regular: "C:\\Windows\\Fonts\\msgothic.ttc",
      regularFace: "MS-Gothic",
    });
    const user = "C:\\Users\\u\\AppData\\Local\\Microsoft\\Windows\\Fonts\\NotoSansCJKjp-Regular.otf";
    const found = locateCjkFont(
      "win32",
      { LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" },
      only(user, "C:\\Windows\\Fonts\\msgothic.ttc"),
    );
    expect(found?.regular).toBe(user);
  });

  it("finds nothing on a machine without Japanese fonts", () => {
    expect(locateCjkFont("win32", {}, () => false)).toBeNull();
    expect(locateCjkFont("linux", {}, () => false)).toBeNull();
  });
});

describe("NAGARE_CJK_FONT", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.NAGARE_CJK_FONT = saved.NAGARE_CJK_FONT;
    process.env.NAGARE_CJK_FONT_BOLD = saved.NAGARE_CJK_FONT_BOLD;
    if (saved.NAGARE_CJK_FONT === undefined) delete process.env.NAGARE_CJK_FONT;
    if (saved.NAGARE_CJK_FONT_BOLD === undefined) delete process.env.NAGARE_CJK_FONT_BOLD;
  });

  it("a file that does not exist is an error naming it, in both languages, not silently ignored", () => {
    expect(() =>
      locateCjkFont("win32", { NAGARE_CJK_FONT: "E:\\fonts\\none.ttf" }, only("C:\\Windows\\Fonts\\msgothic.ttc")),
    ).toThrow(/フォントファイルがありません.*E:\\fonts\\none\.ttf.*does not exist/);
  });

  it("picks the Japanese face of a collection, or the one named after #", () => {
    const ttc = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
    process.env.NAGARE_CJK_FONT = ttc;
    expect(findCjkFont()).toMatchObject({ regular: ttc, regularFace: "NotoSerifCJKjp-Regular", bold: null });
    process.env.NAGARE_CJK_FONT = `${ttc}#NotoSerifCJKkr-Regular`;
    expect(findCjkFont()).toMatchObject({ regular: ttc, regularFace: "NotoSerifCJKkr-Regular" });
  });

  it("draws the PDF and the PNG with the font it names", async () => {
    process.env.NAGARE_CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
    const doc = richFixture();
    const pdf = new TextDecoder("latin1").decode(await renderDiagramPdf(doc, { paper: "a4" }));
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifCJKjp-Regular/);
    expect(pdf).not.toMatch(/NotoSansCJKjp/);
    const png = await svgToPng(renderDiagramSvg(doc).svg, { scale: 0.5 });
    expect(png.length).toBeGreaterThan(1000);
  }, 180_000);
});
