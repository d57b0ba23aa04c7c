import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CURRENT_SCHEMA_VERSION,
  documentSchema,
  FORMAT_ID,
  type NagareDocument,
  type NagareDocumentInput,
  NODE_KIND_IDS,
} from "../../src/model";
import { renderDiagramSvg } from "../../src/render/svg";
import { routeAll } from "../../src/render/svg/route";
import { measureText, wrapText } from "../../src/render/svg/text";
import type { Finding } from "../../src/rules/types";
import { richFixture } from "./fixtures";
import { assertWellFormed, findAll, templates, textOf, tree, visibleText } from "./helpers";

const nodeGroups = (svg: string) => findAll(tree(svg), (e) => e.name === "g" && "data-node-id" in e.attrs);
const stepLabels = (svg: string) =>
  findAll(tree(svg), (e) => e.name === "g" && "data-step" in e.attrs).map((e) => e.attrs["data-step"]);

function tiny(input: Partial<NagareDocumentInput>): NagareDocument {
  return documentSchema.parse({ format: FORMAT_ID, schemaVersion: CURRENT_SCHEMA_VERSION, meta: {}, ...input });
}

describe("renderDiagramSvg: the rich fixture", () => {
  const doc = richFixture();
  const { svg, width, height } = renderDiagramSvg(doc, { legend: true, title: true });

  it("covers every node kind, so every shape is exercised", () => {
    expect(new Set(doc.nodes.map((n) => n.kind))).toEqual(new Set(NODE_KIND_IDS));
    expect(doc.nodes).toHaveLength(15);
  });

  it("is well-formed XML with a size and no HTML inside", () => {
    assertWellFormed(svg);
    expect(width).toBeGreaterThan(1000);
    expect(height).toBeGreaterThan(500);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/foreignObject|<div|<style|<script/i);
  });

  it("draws every node with its label, as a title and as visible text", () => {
    const groups = nodeGroups(svg);
    expect(groups.map((g) => g.attrs["data-node-id"]).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const n of doc.nodes) {
      const g = groups.find((x) => x.attrs["data-node-id"] === n.id);
      if (!g) throw new Error(n.id);
      const title = findAll(g, (e) => e.name === "title")[0];
      expect(title && textOf(title)).toBe(n.label);
      // Wrapped lines joined give the label back (the fixture has no label long enough to be cut).
      expect(visibleText(g).replace(/\s/g, "")).toBe(n.label.replace(/\s/g, ""));
    }
  });

  it("puts a step label on every numbered edge", () => {
    const steps = stepLabels(svg);
    for (const f of doc.flows.filter((x) => x.step)) expect(steps).toContain(f.step);
    expect(steps.filter((s) => s === "⑦")).toHaveLength(2); // one per hop of the multi-hop step
  });

  it("draws solid, dashed and not-yet-known lines with arrowheads", () => {
    const flows = findAll(tree(svg), (e) => e.name === "g" && "data-line" in e.attrs);
    expect(flows).toHaveLength(doc.flows.length);
    const kinds = new Set(flows.map((f) => f.attrs["data-line"]));
    expect(kinds).toEqual(new Set(["solid", "dashed", "unknown"]));
    const dashed = flows.find((f) => f.attrs["data-flow-id"] === "f7");
    expect(findAll(dashed as never, (e) => e.name === "path")[0]?.attrs["stroke-dasharray"]).toBeTruthy();
    const solid = flows.find((f) => f.attrs["data-flow-id"] === "f1");
    expect(findAll(solid as never, (e) => e.name === "path")[0]?.attrs["stroke-dasharray"]).toBeUndefined();
    for (const f of flows) expect(findAll(f, (e) => e.name === "polygon")).toHaveLength(1);
  });

  it("shows transport badges and the 委託事項 marking", () => {
    const badges = findAll(tree(svg), (e) => "data-badge" in e.attrs).map((e) => e.attrs["data-badge"]);
    for (const b of ["窓口", "郵送", "専用線", "媒体", "USB", "情報提供NW", "オンライン", "特定通信"])
      expect(badges).toContain(b);
    expect(svg).toContain("委託：入居者審査業務");
    expect(svg).toContain("再委託：入居者審査業務");
  });

  it("draws lanes and nested boundaries, outer ones first", () => {
    const groups = findAll(tree(svg), (e) => e.name === "g" && "data-group-id" in e.attrs).map(
      (e) => e.attrs["data-group-id"],
    );
    expect(groups).toHaveLength(6);
    expect(groups.indexOf("b-mynumber")).toBeLessThan(groups.indexOf("b-cloud"));
    expect(groups.indexOf("lane-self")).toBeLessThan(groups.indexOf("b-mynumber"));
  });

  it("has a legend that lists the kinds and line styles in use, with the organisation's name", () => {
    const legend = findAll(tree(svg), (e) => e.attrs.id === "legend")[0];
    if (!legend) throw new Error("no legend");
    const text = textOf(legend);
    expect(text).toContain("凡例");
    expect(text).toContain("システム（東京都所管）");
    expect(text).toContain("システム（東京都以外所管）");
    expect(text).toContain("特定個人情報の流れ");
    expect(text).toContain("特定個人情報以外の流れ");
    expect(text).toContain("委託先（委託事項）");
    expect(text).toContain("廃棄・消去");
  });

  it("is deterministic: the same model gives the same bytes", () => {
    const again = renderDiagramSvg(structuredClone(doc), { legend: true, title: true });
    expect(again.svg).toBe(svg);
  });

  it("a render right after another with other labels or colours shows them (the last placement is reused only for the same input)", () => {
    const labels = (svg: string) => svg.split('id="flow-labels"')[1]?.split('id="legend"')[0];
    const first = doc.flows.find((f) => f.data) as (typeof doc.flows)[number];
    const changed = { ...doc, flows: doc.flows.map((f) => (f === first ? { ...f, data: "別の特定個人情報" } : f)) };
    const before = renderDiagramSvg(doc, { legend: true, title: true }).svg;
    const after = renderDiagramSvg(changed, { legend: true, title: true }).svg;
    expect(labels(after)).toContain("別の特定個人情報");
    expect(labels(before)).not.toContain("別の特定個人情報");
    const mono = renderDiagramSvg(doc, { legend: true, title: true, style: "mono" }).svg;
    expect(labels(mono)).not.toBe(labels(before));
    // Only the legend's width differs: the same labels.
    const narrow = renderDiagramSvg(doc, { legend: true, title: true, legendMaxWidth: 300 }).svg;
    expect(labels(narrow)).toBe(labels(before));
    expect(renderDiagramSvg(doc, { legend: true, title: true }).svg).toBe(svg);
  });

  it("leaves the legend out when asked", () => {
    const r = renderDiagramSvg(doc, { legend: false });
    expect(r.svg).not.toContain('id="legend"');
    expect(r.svg).not.toContain("凡例");
  });
});

describe("renderDiagramSvg: templates", () => {
  const all = templates();
  it("finds the templates", () => {
    expect(all.length).toBeGreaterThan(0);
  });
  for (const { name, doc } of all) {
    it(`${name}: well-formed, every node label and every step label present`, () => {
      const { svg } = renderDiagramSvg(doc, { legend: true });
      assertWellFormed(svg);
      const groups = nodeGroups(svg);
      expect(groups).toHaveLength(doc.nodes.length);
      for (const n of doc.nodes) {
        const g = groups.find((x) => x.attrs["data-node-id"] === n.id);
        expect(g && textOf(findAll(g, (e) => e.name === "title")[0] as never)).toBe(n.label);
      }
      const steps = stepLabels(svg);
      for (const f of doc.flows) if (f.step?.trim()) expect(steps).toContain(f.step);
    });
  }
});

describe("renderDiagramSvg: hostile labels render as text", () => {
  const labels = [
    '<script>alert("x")</script>',
    "A & B <b>bold</b>",
    `引用 "double" 'single' &amp; &lt;`,
    "📄 申請書 👨‍👩‍👧 ✅",
    "]]><!-- -->",
  ];
  const doc = tiny({
    title: "<script>t</script>",
    meta: { organization: "A&B市長", jimuName: '"quoted"' },
    nodes: labels.map((label, i) => ({
      id: `n${i}`,
      kind: "system_own",
      label,
      position: { x: i * 260, y: 0 },
      size: { width: 240, height: 70 },
    })),
    flows: [
      {
        id: "f",
        source: "n0",
        target: "n1",
        step: "<①>",
        data: "<img src=x onerror=alert(1)>",
        transport: "other",
        transportNote: "&<>",
      },
    ],
  });
  const { svg } = renderDiagramSvg(doc, { legend: true, title: true });

  it("produces no markup from labels", () => {
    assertWellFormed(svg);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/<img/i);
    expect(svg).not.toMatch(/<b>/);
    const root = tree(svg);
    expect(findAll(root, (e) => ["script", "img", "b", "foreignObject"].includes(e.name))).toHaveLength(0);
  });

  it("keeps the text content equal to the label", () => {
    const groups = nodeGroups(svg);
    labels.forEach((label, i) => {
      const g = groups.find((x) => x.attrs["data-node-id"] === `n${i}`);
      if (!g) throw new Error(`n${i}`);
      expect(textOf(findAll(g, (e) => e.name === "title")[0] as never)).toBe(label);
      expect(visibleText(g).replace(/\s/g, "")).toBe(label.replace(/\s/g, ""));
    });
    expect(stepLabels(svg)).toContain("<①>");
  });

  it("drops characters XML cannot carry instead of breaking the file", () => {
    const bad = tiny({
      nodes: [{ id: "a", kind: "person", label: "制御\u0001文字\uFFFF\uD800", position: { x: 0, y: 0 } }],
    });
    const r = renderDiagramSvg(bad);
    assertWellFormed(r.svg);
    expect(r.svg).toContain("制御文字");
  });
});

describe("renderDiagramSvg: styles, findings and selections", () => {
  const doc = richFixture();

  it("mono uses only greys", () => {
    const { svg } = renderDiagramSvg(doc, { style: "mono", legend: true });
    const colours = [...svg.matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/gi)].map((m) => (m[1] as string).toLowerCase());
    expect(colours.length).toBeGreaterThan(20);
    for (const c of colours) expect(c.slice(1, 3) === c.slice(3, 5) && c.slice(3, 5) === c.slice(5, 7)).toBe(true);
  });

  it("colours elements by their worst open finding", () => {
    const base: Pick<
      Finding,
      "relatedIds" | "impact" | "likelihood" | "phase" | "riskId" | "title" | "detail" | "mitigation"
    > = {
      relatedIds: [],
      impact: 3,
      likelihood: 3,
      phase: "general",
      riskId: "x",
      title: { ja: "t", en: "t" },
      detail: { ja: "d", en: "d" },
      mitigation: { ja: "m", en: "m" },
    };
    const findings: Finding[] = [
      {
        ...base,
        id: "r1:media",
        ruleId: "r1",
        elementKind: "node",
        elementId: "media",
        category: "risk",
        severity: "high",
        status: "open",
      },
      {
        ...base,
        id: "r2:media",
        ruleId: "r2",
        elementKind: "node",
        elementId: "media",
        category: "risk",
        severity: "low",
        status: "open",
      },
      {
        ...base,
        id: "r3:f17",
        ruleId: "r3",
        elementKind: "flow",
        elementId: "f17",
        category: "incomplete",
        severity: "low",
        status: "open",
      },
      {
        ...base,
        id: "r4:f7",
        ruleId: "r4",
        elementKind: "flow",
        elementId: "f7",
        category: "risk",
        severity: "medium",
        status: "open",
      },
      {
        ...base,
        id: "r5:paper",
        ruleId: "r5",
        elementKind: "node",
        elementId: "paper",
        category: "risk",
        severity: "critical",
        status: "resolved",
      },
    ];
    const { svg } = renderDiagramSvg(doc, { findings, style: "mono" });
    const root = tree(svg);
    const tone = (attr: string, id: string) =>
      findAll(root, (e) => e.attrs[attr] === id && "data-finding" in e.attrs)[0]?.attrs["data-finding"];
    expect(tone("data-node-id", "media")).toBe("red");
    expect(tone("data-flow-id", "f17")).toBe("grey");
    expect(tone("data-flow-id", "f7")).toBe("amber");
    expect(tone("data-node-id", "paper")).toBeUndefined(); // resolved findings do not colour
    expect(svg).toContain("#d32f2f");
    expect(textOf(findAll(root, (e) => e.attrs.id === "legend")[0] as never)).toContain("指摘あり（重大・高）");
  });

  it("exports a selection: those nodes, the flows between them and their groups", () => {
    const { svg } = renderDiagramSvg(doc, { selection: { nodes: ["system", "store", "contractor"] } });
    const root = tree(svg);
    expect(
      nodeGroups(svg)
        .map((g) => g.attrs["data-node-id"])
        .sort(),
    ).toEqual(["contractor", "store", "system"]);
    const flows = findAll(root, (e) => "data-line" in e.attrs)
      .map((e) => e.attrs["data-flow-id"])
      .sort();
    expect(flows).toEqual(["f16", "f5", "f6"]);
    const groups = findAll(root, (e) => "data-group-id" in e.attrs)
      .map((e) => e.attrs["data-group-id"])
      .sort();
    expect(groups).toEqual(["b-cloud", "b-mynumber", "lane-contractor", "lane-self"]);
    // The legend follows the selection: no paper, no person.
    const legend = textOf(findAll(root, (e) => e.attrs.id === "legend")[0] as never);
    expect(legend).not.toContain("本人・代理人");
    expect(legend).not.toMatch(/^紙$/m);
  });

  it("exports the nodes of a chosen group, including nested groups", () => {
    const { svg } = renderDiagramSvg(doc, { selection: { groups: ["b-mynumber"] } });
    expect(
      nodeGroups(svg)
        .map((g) => g.attrs["data-node-id"])
        .sort(),
    ).toEqual(["nwdevice", "store", "system"]);
  });

  it("lays out a model whose nodes were never placed", () => {
    const flat = tiny({
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, kind: "system_own", label: id, position: { x: 0, y: 0 } })),
      flows: [{ id: "f", source: "a", target: "d" }],
    });
    const r = renderDiagramSvg(flat);
    const rects = findAll(tree(r.svg), (e) => "data-node-id" in e.attrs).map(
      (g) => findAll(g, (x) => x.name === "rect")[0]?.attrs.x,
    );
    expect(new Set(rects).size).toBeGreaterThan(1);
  });

  it("renders an empty document without failing", () => {
    const r = renderDiagramSvg(tiny({}), { legend: true, title: true });
    assertWellFormed(r.svg);
    expect(r.width).toBeGreaterThan(0);
  });
});

describe("text wrapping", () => {
  it("breaks Japanese between characters and keeps each line inside the width", () => {
    const lines = wrapText("都営住宅管理システム（入居者管理・収納管理サブシステム）", 120, 12);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(measureText(l, 12)).toBeLessThanOrEqual(120);
    expect(lines.join("")).toBe("都営住宅管理システム（入居者管理・収納管理サブシステム）");
  });

  it("breaks Latin text at spaces", () => {
    const lines = wrapText("Information provision network system", 100, 12);
    expect(lines.join(" ")).toBe("Information provision network system");
    for (const l of lines) expect(l).not.toMatch(/^\s|\s$/);
    expect(lines.every((l) => ["Information", "provision", "network", "system"].some((w) => l.includes(w)))).toBe(true);
  });

  it("keeps every character however many lines it takes, never adding 「…」", () => {
    const lines = wrapText("あ".repeat(100), 60, 12);
    expect(lines).toHaveLength(20);
    expect(lines.join("")).toBe("あ".repeat(100));
    expect(lines.some((l) => l.includes("…"))).toBe(false);
  });

  it("keeps a full-width space as written where no line breaks at it", () => {
    expect(wrapText("東京都知事　都営住宅等の管理に関する事務", 1000, 12)).toEqual([
      "東京都知事　都営住宅等の管理に関する事務",
    ]);
    const lines = wrapText("東京都知事　都営住宅等の管理に関する事務", 70, 12);
    expect(lines[0]).toBe("東京都知事");
    expect(lines.join("")).toBe("東京都知事都営住宅等の管理に関する事務");
  });

  it("does not start a line with closing punctuation", () => {
    const lines = wrapText("あいうえお。かきくけこ", 60, 12);
    for (const l of lines) expect(l.startsWith("。")).toBe(false);
  });
});

describe("edge routing", () => {
  it("goes around a box that sits between the two ends", () => {
    const a = { x: 0, y: 0, w: 100, h: 60 };
    const b = { x: 200, y: 0, w: 100, h: 60 };
    const c = { x: 400, y: 0, w: 100, h: 60 };
    const boxes = new Map([
      ["a", a],
      ["b", b],
      ["c", c],
    ]);
    const [r] = routeAll([{ id: "f", sourceId: "a", targetId: "c" }], boxes);
    const pts = r?.points ?? [];
    expect(pts.length).toBeGreaterThan(2);
    for (let i = 0; i + 1 < pts.length; i++) {
      const p = pts[i] as { x: number; y: number };
      const q = pts[i + 1] as { x: number; y: number };
      // Orthogonal segments only, none through b.
      expect(p.x === q.x || p.y === q.y).toBe(true);
      const inside =
        Math.max(p.x, q.x) > b.x &&
        Math.min(p.x, q.x) < b.x + b.w &&
        Math.max(p.y, q.y) > b.y &&
        Math.min(p.y, q.y) < b.y + b.h;
      expect(inside).toBe(false);
    }
  });

  it("keeps a straight line when nothing is in the way", () => {
    const a = { x: 0, y: 0, w: 100, h: 60 };
    const c = { x: 300, y: 0, w: 100, h: 60 };
    const [r] = routeAll(
      [{ id: "f", sourceId: "a", targetId: "c" }],
      new Map([
        ["a", a],
        ["c", c],
      ]),
    );
    expect(r?.points).toEqual([
      { x: 100, y: 30 },
      { x: 300, y: 30 },
    ]);
  });
});

describe("renderDiagramSvg: any label", () => {
  it("always gives well-formed XML whose titles carry the label (minus characters XML cannot hold)", () => {
    const xmlSafe = (s: string) =>
      [...s]
        .filter((c) => {
          const cp = c.codePointAt(0) ?? 0;
          if (cp < 0x20) return cp === 9 || cp === 10 || cp === 13;
          return !(cp >= 0xd800 && cp <= 0xdfff) && cp !== 0xfffe && cp !== 0xffff;
        })
        .join("");
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 4 }),
        fc.string({ unit: "binary", maxLength: 10 }),
        (labels, step) => {
          const doc = tiny({
            nodes: labels.map((label, i) => ({
              id: `n${i}`,
              kind: NODE_KIND_IDS[i % NODE_KIND_IDS.length],
              label,
              position: { x: i * 200, y: (i % 2) * 150 },
            })),
            flows:
              labels.length > 1 ? [{ id: "f", source: "n0", target: "n1", step: step || undefined, data: step }] : [],
          });
          const { svg } = renderDiagramSvg(doc, { legend: true, title: true });
          assertWellFormed(svg);
          const groups = nodeGroups(svg);
          labels.forEach((label, i) => {
            const g = groups.find((x) => x.attrs["data-node-id"] === `n${i}`);
            expect(textOf(findAll(g as never, (e) => e.name === "title")[0] as never)).toBe(
              xmlSafe(label).replace(/\r\n?/g, "\n"),
            ); // XML reads CR as LF
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
