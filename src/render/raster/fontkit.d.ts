declare module "fontkit" {
  export interface Glyph {
    id: number;
    path: { toSVG(): string };
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
  }
  export interface Font {
    unitsPerEm: number;
    postscriptName: string;
    familyName: string;
    layout(text: string): GlyphRun;
  }
  /** A .ttc file opened without a face name. */
  export interface FontCollection {
    fonts: Font[];
  }
  export function openSync(path: string): Font | FontCollection | null;
  export function openSync(path: string, postscriptName: string | undefined): Font;
}
