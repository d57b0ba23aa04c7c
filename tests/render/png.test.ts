import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { svgToPng } from "../../src/render/raster";
import { findCjkFont } from "../../src/render/raster/fonts";
import { outlineText } from "../../src/render/raster/outline";
import { renderDiagramSvg } from "../../src/render/svg";
import { richFixture } from "./fixtures";
import { assertWellFormed } from "./helpers";

function decode(bytes: Uint8Array) {
  return PNG.sync.read(Buffer.from(bytes));
}

/** Pixels that differ from white, and pixels close to a given colour. */
function census(png: PNG, near: [number, number, number], tolerance = 40) {
  let ink = 0;
  let close = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const r = png.data[i] as number;
    const g = png.data[i + 1] as number;
    const b = png.data[i + 2] as number;
    if (r < 245 || g < 245 || b < 245) ink++;
    if (Math.abs(r - near[0]) + Math.abs(g - near[1]) + Math.abs(b - near[2]) < tolerance) close++;
  }
  return { ink, close, total: png.width * png.height };
}

describe("svgToPng", () => {
  const doc = richFixture();
  const { svg, width, height } = renderDiagramSvg(doc, { legend: true });

  it("renders at the chosen scale and is not blank", async () => {
    const png = decode(await svgToPng(svg, { scale: 1 }));
    expect(png.width).toBe(width);
    expect(png.height).toBe(height);
    const c = census(png, [0x1f, 0x3b, 0x57]); // the colour of 特定個人情報 edges
    expect(c.ink / c.total).toBeGreaterThan(0.1);
    expect(c.close).toBeGreaterThan(2000);
  }, 60_000);

  it("doubles the size at scale 2 and honours a requested width", async () => {
    const two = decode(await svgToPng(svg, { scale: 2 }));
    expect(two.width).toBe(width * 2);
    expect(Math.abs(two.height - height * 2)).toBeLessThanOrEqual(1);
    const w = decode(await svgToPng(svg, { width: 800 }));
    expect(w.width).toBe(800);
    expect(Math.abs(w.height - Math.round((height * 800) / width))).toBeLessThanOrEqual(1);
  }, 60_000);

  it("draws the black-and-white style in black", async () => {
    const mono = renderDiagramSvg(doc, { style: "mono" });
    const png = decode(await svgToPng(mono.svg, { scale: 1 }));
    const c = census(png, [0, 0, 0]);
    expect(c.close).toBeGreaterThan(2000);
  }, 60_000);

  it("shapes Japanese text with the system font (text alone produces ink)", async () => {
    const text =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"><text x="10" y="40" font-size="28" font-family="Noto Sans CJK JP" fill="#000">日本語①</text></svg>';
    const png = decode(await svgToPng(text, { scale: 1 }));
    const c = census(png, [0, 0, 0], 120);
    expect(c.ink).toBeGreaterThan(300);
  }, 60_000);

  it("uses the requested background", async () => {
    const empty = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" viewBox="0 0 20 10"></svg>';
    const png = decode(await svgToPng(empty, { scale: 1, background: "#ff0000" }));
    expect([...png.data.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
  });

  it("refuses a nonsensical scale", async () => {
    await expect(svgToPng(svg, { scale: -1 })).rejects.toThrow(/scale/);
  });
});

describe("outlineText", () => {
  const font = findCjkFont();
  it("finds the Noto CJK font on this machine", () => {
    expect(font?.regular).toMatch(/NotoSansCJK/);
  });

  it("replaces labels by glyph outlines, once per glyph, and keeps what the font cannot draw", () => {
    if (!font) throw new Error("no font");
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80">' +
      '<text font-size="12" fill="#111111" text-anchor="middle"><tspan x="100" y="20">申請書 &amp; 申請</tspan></text>' +
      '<text font-size="12" fill="#111111"><tspan x="10" y="60">絵文字 📄</tspan></text></svg>';
    const out = outlineText(svg, font);
    assertWellFormed(out);
    expect(out.match(/<text/g)).toHaveLength(1); // the emoji run stays text
    expect(out).toContain("📄");
    const uses = out.match(/<use /g) ?? [];
    expect(uses).toHaveLength([..."申請書 & 申請"].filter((c) => c !== " ").length); // a space has no outline
    const defs = out.match(/<path id="/g) ?? [];
    expect(defs.length).toBeLessThan(uses.length); // 申 and 請 are defined once
  });

  it("rasterises hostile labels without failing", async () => {
    const doc = richFixture();
    doc.nodes[0] = { ...(doc.nodes[0] as (typeof doc.nodes)[number]), label: '<script>alert("x")</script> 📄 & "q"' };
    const png = decode(await svgToPng(renderDiagramSvg(doc).svg, { scale: 1 }));
    expect(png.width).toBeGreaterThan(100);
  }, 60_000);
});
