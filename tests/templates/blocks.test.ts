import fs from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseTemplateList, TemplateGallery } from "../../src/app/templates/TemplateGallery";
import { classifyFlows } from "../../src/derive";
import { createUndoManager } from "../../src/document";
import { emptyDocument, loadDocumentText, loadDocumentValue, type NagareDocument } from "../../src/model";
import { readModel, ydocFromModel } from "../../src/sync/doc-shape";
import { BLOCKS } from "../../src/templates/blocks";
import { rectOf } from "../../src/templates/geometry";
import { insertBlock, placeBlock, withBlock } from "../../src/templates/insert-block";
import { summarizeTemplate } from "../../src/templates/summary";

type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function template(id: string): NagareDocument {
  const r = loadDocumentText(fs.readFileSync(`templates/${id}.nagare.json`, "utf8"));
  if (!r.ok) throw new Error(id);
  return r.doc;
}

describe("building blocks", () => {
  it("are six, with distinct ids and names in both languages", () => {
    expect(BLOCKS.map((b) => b.id)).toEqual([
      "network_linkage",
      "juki_net",
      "counter_intake",
      "online_application",
      "media_handoff",
      "contractor_chain",
    ]);
    for (const b of BLOCKS) expect(b.ja && b.en && b.descriptionJa && b.descriptionEn).toBeTruthy();
  });

  for (const block of BLOCKS) {
    it(`${block.id} makes a valid document on its own, laid out without overlaps`, () => {
      const parts = placeBlock(emptyDocument(), block.id, { x: 100, y: 100 });
      const loaded = loadDocumentValue(withBlock(emptyDocument(), parts));
      expect(loaded.ok ? [] : loaded.problems).toEqual([]);
      if (!loaded.ok) return;
      const doc = loaded.doc;
      expect(doc.nodes.length).toBeGreaterThanOrEqual(2);
      expect(doc.flows.length).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < doc.nodes.length; i++)
        for (let j = i + 1; j < doc.nodes.length; j++)
          expect(overlaps(rectOf(doc.nodes[i]!), rectOf(doc.nodes[j]!))).toBe(false);
      for (const n of doc.nodes) {
        const g = doc.groups.find((x) => x.id === n.groupId);
        if (g) {
          const r = rectOf(n);
          expect(r.x >= g.position.x && r.x + r.width <= g.position.x + g.size.width).toBe(true);
          expect(r.y >= g.position.y && r.y + r.height <= g.position.y + g.size.height).toBe(true);
        }
      }
      // Every flow of a block gets a phase from the graph or from the block itself.
      for (const c of classifyFlows(doc).values()) expect(c.phase, c.flowId).not.toBeNull();
    });
  }

  it("carries the usual safeguards on a media hand-off", () => {
    const parts = placeBlock(emptyDocument(), "media_handoff");
    const kinds = new Set(parts.flows.flatMap((f) => f.safeguards.map((s) => s.kind)));
    for (const k of ["encryption", "delete_after_transfer", "media_ledger", "locked_storage"])
      expect(kinds).toContain(k);
    expect(parts.flows.every((f) => f.transport === "removable_media")).toBe(true);
  });

  it("brings its 委託事項 with the contractor chain, and the chain classifies as 委託", () => {
    const parts = placeBlock(emptyDocument(), "contractor_chain");
    expect(parts.delegations).toHaveLength(1);
    const d = parts.delegations![0]!;
    expect(d.subcontract).toBe(true);
    for (const n of parts.nodes) expect(n.delegationId).toBe(d.id);
    const loaded = loadDocumentValue(withBlock(emptyDocument(), parts));
    if (!loaded.ok) throw new Error("invalid");
    expect([...classifyFlows(loaded.doc).values()].map((c) => c.phase)).toEqual(["delegation"]);
  });

  it("inserts into the shared document as one undo step, with fresh ids each time", () => {
    const ydoc = ydocFromModel(emptyDocument());
    const undo = createUndoManager(ydoc);
    const read = () => {
      const r = readModel(ydoc);
      if (!r.ok) throw new Error(r.problems.map((p) => p.en).join("; "));
      return r.doc;
    };
    const first = insertBlock(ydoc, read(), "network_linkage");
    expect(first.ok).toBe(true);
    const afterFirst = read();
    expect(afterFirst.nodes).toHaveLength(3);
    expect(afterFirst.groups).toHaveLength(1);
    const second = insertBlock(ydoc, afterFirst, "network_linkage");
    expect(second.ok).toBe(true);
    const both = read();
    expect(both.nodes).toHaveLength(6);
    expect(new Set(both.nodes.map((n) => n.id)).size).toBe(6);
    // The second copy is placed clear of the first.
    for (const a of afterFirst.nodes)
      for (const b of both.nodes.filter((n) => !afterFirst.nodes.some((x) => x.id === n.id)))
        expect(overlaps(rectOf(a), rectOf(b))).toBe(false);
    undo.undo();
    expect(read().nodes).toHaveLength(3);
    undo.undo();
    expect(read().nodes).toHaveLength(0);
    expect(read().flows).toHaveLength(0);
  });

  it("goes next to an existing diagram without overlapping it, or into the lane it is dropped on", () => {
    const doc = template("sakai-kokumin-nenkin");
    const parts = placeBlock(doc, "counter_intake");
    for (const n of parts.nodes) for (const m of doc.nodes) expect(overlaps(rectOf(n), rectOf(m))).toBe(false);
    expect(loadDocumentValue(withBlock(doc, parts)).ok).toBe(true);
    const lane = doc.groups.find((g) => g.laneKind === "self")!;
    const dropped = placeBlock(doc, "media_handoff", { x: lane.position.x + 10, y: lane.position.y + 10 });
    expect(dropped.nodes.every((n) => n.groupId === lane.id)).toBe(true);
  });

  it("refuses an unknown block", () => {
    expect(() => placeBlock(emptyDocument(), "no_such_block")).toThrow(/unknown building block/);
  });
});

describe("template gallery", () => {
  const summaries = ["tokyo-toei-jutaku", "akishima-juki"].map((id) => summarizeTemplate(id, template(id)));

  it("shows name, 機関, kind of 評価書, a picture and the number of flows", () => {
    const html = renderToStaticMarkup(
      createElement(TemplateGallery, { lang: "ja", onUse: () => {}, templates: summaries }),
    );
    expect(html).toContain("都営住宅等の管理に関する事務");
    expect(html).toContain("東京都知事");
    expect(html).toContain("全項目評価書");
    expect(html).toContain("重点項目評価書");
    expect(html).toContain(`流れ ${summaries[0]!.flowCount} 本`);
    expect(html).toContain("data:image/svg+xml");
    expect(html.match(/このテンプレートを使う/g)).toHaveLength(2);
    const en = renderToStaticMarkup(
      createElement(TemplateGallery, { lang: "en", onUse: () => {}, templates: summaries }),
    );
    expect(en).toContain("Use this template");
    expect(en).toContain("Full assessment");
  });

  it("reads the server's list and rejects anything else", () => {
    expect(parseTemplateList(summaries).map((t) => t.id)).toEqual(["tokyo-toei-jutaku", "akishima-juki"]);
    expect(parseTemplateList({ templates: [summaries[0], { id: 3 }] })).toHaveLength(1);
    expect(() => parseTemplateList("nope")).toThrow();
  });
});

describe("laying out an existing document again", () => {
  it("keeps lanes, boundaries and memberships, and leaves no overlaps", async () => {
    const { layoutDocument, layoutInputOf } = await import("../../src/templates/layout");
    const doc = template("osaka-shiei-jutaku");
    const input = layoutInputOf(doc);
    expect(input.boundaries.map((b) => b.id).sort()).toEqual(
      doc.groups
        .filter((g) => g.type === "boundary")
        .map((g) => g.id)
        .sort(),
    );
    const moved = structuredClone(doc);
    for (const n of moved.nodes) n.position = { x: 0, y: 0 };
    await layoutDocument(moved, input);
    const loaded = loadDocumentValue(moved);
    expect(loaded.ok).toBe(true);
    for (const n of moved.nodes) expect(n.groupId).toBe(doc.nodes.find((m) => m.id === n.id)?.groupId);
    for (let i = 0; i < moved.nodes.length; i++)
      for (let j = i + 1; j < moved.nodes.length; j++)
        expect(overlaps(rectOf(moved.nodes[i]!), rectOf(moved.nodes[j]!))).toBe(false);
  });
});

describe("blocks panel", () => {
  const props = (readOnly: boolean, model: NagareDocument | null) => ({
    ydoc: ydocFromModel(emptyDocument()),
    model,
    lang: "ja" as const,
    session: { docId: null, token: null, role: "edit" as const },
    readOnly,
    select: () => {},
    highlight: () => {},
  });

  it("lists every block with a button to place it", async () => {
    const { BlocksPanel } = await import("../../src/app/templates/BlocksPanel");
    const html = renderToStaticMarkup(createElement(BlocksPanel, props(false, emptyDocument())));
    for (const b of BLOCKS) expect(html).toContain(`data-block="${b.id}"`);
    expect(html.match(/<button[^>]*>置く<\/button>/g)).toHaveLength(BLOCKS.length);
    expect(html).not.toContain("disabled");
  });

  it("does not offer to place blocks in a read-only or unloaded document", async () => {
    const { BlocksPanel } = await import("../../src/app/templates/BlocksPanel");
    const readOnly = renderToStaticMarkup(createElement(BlocksPanel, props(true, emptyDocument())));
    expect(readOnly).toContain("閲覧のみのため置けません");
    expect(readOnly.match(/disabled=""/g)).toHaveLength(BLOCKS.length);
    const unloaded = renderToStaticMarkup(createElement(BlocksPanel, props(false, null)));
    expect(unloaded).toContain("文書が読み込めていないため置けません");
  });
});
