import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeRect } from "../../src/document/geometry";
import { CURRENT_SCHEMA_VERSION, documentSchema, FORMAT_ID, type NagareDocument } from "../../src/model";
import { planDiagramPages, renderDiagramPdf } from "../../src/render/pdf";
import { diagramTitle, renderDiagramSvg } from "../../src/render/svg";
import { tileSvg } from "../../src/render/svg/pages";
import { groupTitle, paperTabText, tabFigure } from "../../src/shapes";
import { findAll, templates, textOf, tree } from "./helpers";

/**
 * The 別添1 never prints a shortened text: every node label, 委託事項 tab, group title and the title appear
 * whole in the SVG every export is made from (and on each page of a split figure), wrapped onto more lines
 * with the box, tab or header grown to hold them.
 */

const squash = (s: string) => s.replace(/\s+/g, "");

/** Every string the model holds (labels, names, notes …), whitespace removed. */
function modelText(doc: NagareDocument): string {
  const out: string[] = [diagramTitle(doc)];
  const visit = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(doc);
  return squash(out.join("\u0000"));
}

/** Lines of drawn text that hold a 「…」 the model does not have there (a text shortened by the drawing). */
function shortened(svg: string, doc: NagareDocument): string[] {
  const model = modelText(doc);
  return findAll(tree(svg), (e) => e.name === "tspan")
    .map(textOf)
    .filter((line) => line.includes("…") && !model.includes(squash(line)));
}

/** The texts of the drawing, each <text> element's lines joined. */
function texts(svg: string): string[] {
  return findAll(tree(svg), (e) => e.name === "text").map((t) =>
    findAll(t, (x) => x.name === "tspan")
      .map(textOf)
      .join(""),
  );
}

describe("the 別添1 of every template prints no shortened text", () => {
  for (const { name, doc } of templates()) {
    it(`${name}: no 「…」 but the model's own, on the figure and on each page of the A4 split`, () => {
      const { svg } = renderDiagramSvg(doc, { legend: true, title: true });
      expect(shortened(svg, doc)).toEqual([]);
      const drawn = texts(svg).map(squash);
      const delegations = new Map(doc.delegations.map((d) => [d.id, d.name]));
      for (const n of doc.nodes) {
        expect(drawn, n.label).toContain(squash(n.label));
        const tab = paperTabText(n.kind, n.delegationId ? delegations.get(n.delegationId) : undefined);
        if (tab) expect(drawn, tab).toContain(squash(tab));
      }
      for (const g of doc.groups) expect(drawn, g.label).toContain(squash(g.label));
      expect(drawn).toContain(squash(diagramTitle(doc)));
      const { fig, plan } = planDiagramPages(doc, { paper: "a4" });
      for (let i = 0; i < plan.tiles.length; i++) expect(shortened(tileSvg(fig, plan, i).svg, doc)).toEqual([]);
    });
  }

  it("the check sees a shortened text when there is one", () => {
    const doc = templates()[0]?.doc as NagareDocument;
    const label = doc.nodes[0]?.label ?? "";
    expect(shortened(`<svg><text><tspan>${label.slice(0, 4)}…</tspan></text></svg>`, doc)).toHaveLength(1);
    expect(shortened(`<svg><text><tspan>${label.slice(0, 4)}</tspan></text></svg>`, doc)).toHaveLength(0);
  });
});

const LONG_LABEL = "住民基本台帳ネットワークシステム（都道府県サーバ・全国サーバ・市町村CSを含む）経由の本人確認情報";
const LONG_DELEGATION = "コンビニ交付システム保守及び自治体システム標準化における移行作業に係る特定個人情報の取扱い";
const LONG_LANE = "自組織（市民部市民課・情報政策課・各支所窓口を含む）";
const LONG_BOUNDARY = "国内の別データセンター（バックアップ用の遠隔保管先）";

/** A figure whose every text is too long for the box it is drawn in. */
function crowded(): NagareDocument {
  return documentSchema.parse({
    format: FORMAT_ID,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: "住民基本台帳に関する事務",
    meta: {
      organization: "東京都昭島市長",
      jimuName: "住民基本台帳に関する事務（住民票の写し等の交付・コンビニ交付・転入転出の届出の受理を含む）",
    },
    delegations: [{ id: "d1", name: LONG_DELEGATION }],
    groups: [
      {
        id: "lane",
        type: "lane",
        laneKind: "self",
        label: LONG_LANE,
        position: { x: 0, y: 0 },
        size: { width: 220, height: 420 },
      },
      {
        id: "bd",
        type: "boundary",
        label: LONG_BOUNDARY,
        parentId: "lane",
        position: { x: 20, y: 250 },
        size: { width: 180, height: 150 },
      },
    ],
    nodes: [
      { id: "a", kind: "system_own", label: LONG_LABEL, groupId: "lane", position: { x: 35, y: 40 } },
      { id: "b", kind: "store", label: LONG_LABEL, groupId: "bd", position: { x: 45, y: 290 } },
      { id: "c", kind: "contractor", label: "株式会社○○", delegationId: "d1", position: { x: 420, y: 80 } },
      { id: "p", kind: "person", label: LONG_LABEL, position: { x: 420, y: 300 } },
    ],
    flows: [
      { id: "f1", source: "a", target: "c", step: "①", data: "本人確認情報" },
      { id: "f2", source: "p", target: "a", step: "②", data: "届出書" },
      { id: "f3", source: "a", target: "b", step: "③", data: "バックアップ" },
    ],
  });
}

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 &&
  Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;

describe("texts too long for their boxes", () => {
  const doc = crowded();
  const { svg } = renderDiagramSvg(doc, { legend: true, title: true });
  const root = tree(svg);

  it("appear whole in the SVG, the node boxes grown to hold every line", () => {
    const drawn = texts(svg);
    expect(shortened(svg, doc)).toEqual([]);
    expect(drawn.filter((t) => t === LONG_LABEL)).toHaveLength(3);
    expect(drawn).toContain(`委託：${LONG_DELEGATION}`);
    expect(drawn).toContain(LONG_LANE);
    expect(drawn).toContain(LONG_BOUNDARY);
    // The title is wrapped at a space, which a line break replaces.
    expect(drawn.map(squash)).toContain(squash(diagramTitle(doc)));
    for (const id of ["a", "b", "p"]) {
      const n = doc.nodes.find((x) => x.id === id);
      if (!n) throw new Error(id);
      expect(nodeRect(n).height, id).toBeGreaterThan(n.size?.height ?? 0);
      // The label's baselines lie inside the drawn box.
      const g = findAll(root, (e) => e.attrs["data-node-id"] === id)[0];
      const label = g && findAll(g, (e) => e.name === "text" && e.attrs["data-role"] === "label")[0];
      const ys = label ? findAll(label, (e) => e.name === "tspan").map((t) => Number(t.attrs.y)) : [];
      expect(ys.length, id).toBeGreaterThan(1);
      const r = nodeRect(n);
      for (const y of ys) expect(y > r.y && y < r.y + r.height, `${id} ${y}`).toBe(true);
    }
  });

  it("grows the lane header and the boundary's label area, and keeps the nodes below them", () => {
    const lane = doc.groups.find((g) => g.id === "lane");
    const bd = doc.groups.find((g) => g.id === "bd");
    if (!lane || !bd) throw new Error("groups");
    const header = findAll(root, (e) => e.attrs["data-group-id"] === "lane")[0];
    const band = header && findAll(header, (e) => e.name === "rect")[1];
    const bandBox = {
      x: Number(band?.attrs.x),
      y: Number(band?.attrs.y),
      w: Number(band?.attrs.width),
      h: Number(band?.attrs.height),
    };
    expect(bandBox.h).toBeGreaterThan(26);
    const bdRect = findAll(
      findAll(root, (e) => e.attrs["data-group-id"] === "bd")[0] as never,
      (e) => e.name === "rect",
    )[0];
    const bdBox = { x: Number(bdRect?.attrs.x), y: Number(bdRect?.attrs.y), w: Number(bdRect?.attrs.width), h: 0 };
    const bdTitle = groupTitle("boundary", bd.label, bdBox).band;
    expect(bdTitle.h).toBeGreaterThan(20);
    for (const n of doc.nodes.filter((x) => x.groupId)) {
      const r = nodeRect(n);
      const box = { x: r.x, y: r.y, w: r.width, h: r.height };
      expect(overlaps(box, bandBox), n.id).toBe(false);
      expect(overlaps(box, bdTitle), n.id).toBe(false);
    }
  });

  it("grows the 委託事項 tab upwards, a line at a time", () => {
    const c = doc.nodes.find((n) => n.id === "c");
    if (!c) throw new Error("c");
    const r = nodeRect(c);
    const tab = tabFigure({ x: r.x, y: r.y, w: r.width, h: r.height }, `委託：${LONG_DELEGATION}`);
    expect(tab.lines.length).toBeGreaterThan(2);
    expect(tab.box.y + tab.box.h).toBe(r.y);
    expect(tab.lines.join("")).toBe(`委託：${LONG_DELEGATION}`);
  });

  it("the PDF prints them whole, the long title included", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-fulltext-"));
    const file = path.join(dir, "crowded.pdf");
    fs.writeFileSync(file, await renderDiagramPdf(doc, { paper: "a4", steps: false }));
    const text = squash(execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }));
    for (const t of [LONG_LABEL, `委託：${LONG_DELEGATION}`, LONG_LANE, LONG_BOUNDARY, diagramTitle(doc)])
      expect(text, t).toContain(squash(t));
    expect(text).not.toContain("…");
  }, 60_000);
});
