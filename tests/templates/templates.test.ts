import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classifyFlows, groupChain, indexGraph } from "../../src/derive";
import { loadDocumentText, type NagareDocument, parseStep } from "../../src/model";
import { listTemplates, readTemplate, templateIds } from "../../src/templates/catalog";
import { section3Flags } from "../../src/templates/facts";
import { rectOf } from "../../src/templates/geometry";
import digestJson from "./reading-digest.json";

/**
 * The committed templates against the structured readings of their 評価書 (digested into reading-digest.json
 * by the builder from the readings, not from the templates), plus layout checks on the committed geometry.
 */

interface Digest {
  seed: string;
  flowCount: number;
  stepLabels: string[];
  droppedSteps: string[];
  section3: Record<"delegationNone" | "provisionNone" | "networkNoAcquire" | "networkNoProvide", boolean | null>;
  section3PerFile: Record<string, Digest["section3"]> | null;
  delegationCount: number;
  delegationsPerFile: Record<string, number> | null;
  provisionCount: number | null;
  provisionKinds: { provision: number; transfer: number } | null;
}
const DIGEST = digestJson as Record<string, Digest>;
const DIR = path.resolve("templates");
const IDS = templateIds(DIR);

function load(id: string): NagareDocument {
  const result = loadDocumentText(fs.readFileSync(path.join(DIR, `${id}.nagare.json`), "utf8"));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.en}`).join("\n"));
  return result.doc;
}

type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;
const groupRect = (g: NagareDocument["groups"][number]) => ({ ...g.position, ...g.size });

/** Does the segment p→q pass through the rectangle (shrunk a little so that grazing a corner does not count)? */
function segmentHitsRect(p: { x: number; y: number }, q: { x: number; y: number }, r: Rect, margin = 4): boolean {
  const x0 = r.x + margin;
  const y0 = r.y + margin;
  const x1 = r.x + r.width - margin;
  const y1 = r.y + r.height - margin;
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  for (const [num, den] of [
    [p.x - x0, -dx],
    [x1 - p.x, dx],
    [p.y - y0, -dy],
    [y1 - p.y, dy],
  ] as const) {
    if (den === 0) {
      if (num < 0) return false;
    } else {
      const t = num / den;
      if (den < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t0 < t1;
}

describe("templates of the published assessments", () => {
  it("has the five templates and a reading for each", () => {
    expect(IDS).toEqual(Object.keys(DIGEST).sort());
    expect(IDS).toHaveLength(5);
  });

  for (const id of IDS) {
    describe(id, () => {
      const doc = load(id);
      const digest = DIGEST[id] as Digest;

      it("is a valid document that the catalog reads", () => {
        expect(readTemplate(id, DIR)?.title).toBe(doc.title);
        expect(doc.meta.organization).not.toBe("");
        expect(doc.meta.jimuName).not.toBe("");
        expect(doc.nodes.length).toBeGreaterThan(10);
      });

      it("has no overlapping nodes, and every node sits inside its lane and its boundary", () => {
        const index = indexGraph(doc);
        const rects = doc.nodes.map((n) => ({ id: n.id, r: rectOf(n) }));
        for (let i = 0; i < rects.length; i++)
          for (let j = i + 1; j < rects.length; j++) {
            const a = rects[i]!;
            const b = rects[j]!;
            expect(overlaps(a.r, b.r), `${a.id} overlaps ${b.id}`).toBe(false);
          }
        for (const n of doc.nodes) {
          const chain = groupChain(index, n);
          const lane = chain.find((g) => g.type === "lane");
          expect(lane, `${n.id} has a lane`).toBeDefined();
          for (const g of chain) expect(inside(rectOf(n), groupRect(g)), `${n.id} inside ${g.id}`).toBe(true);
        }
        // A boundary holds only its own members, and lanes do not overlap each other.
        for (const g of doc.groups.filter((x) => x.type === "boundary")) {
          for (const n of doc.nodes)
            if (!groupChain(index, n).includes(g))
              expect(overlaps(rectOf(n), groupRect(g)), `${n.id} intrudes into ${g.id}`).toBe(false);
          const parent = doc.groups.find((x) => x.id === g.parentId);
          expect(parent && inside(groupRect(g), groupRect(parent)), `${g.id} inside its lane`).toBe(true);
        }
        const lanes = doc.groups.filter((g) => g.type === "lane");
        expect(new Set(lanes.map((l) => l.laneKind)).size).toBe(lanes.length);
        for (let i = 0; i < lanes.length; i++)
          for (let j = i + 1; j < lanes.length; j++)
            expect(overlaps(groupRect(lanes[i]!), groupRect(lanes[j]!))).toBe(false);
      });

      it("keeps flows between neighbouring nodes clear of other nodes", () => {
        // Straight center-to-center lines are what a thumbnail draws; the canvas routes around boxes.
        const byId = new Map(doc.nodes.map((n) => [n.id, rectOf(n)]));
        const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
        let hidden = 0;
        let drawn = 0;
        for (const f of doc.flows) {
          if (f.source === f.target) continue;
          drawn++;
          const a = centre(byId.get(f.source)!);
          const b = centre(byId.get(f.target)!);
          if (doc.nodes.some((n) => n.id !== f.source && n.id !== f.target && segmentHitsRect(a, b, rectOf(n))))
            hidden++;
        }
        expect(hidden / drawn).toBeLessThan(0.1);
      });

      it("gives every flow a phase, except where a note says why not", () => {
        const phases = classifyFlows(doc);
        for (const f of doc.flows) {
          const c = phases.get(f.id);
          if (c?.phase === null || c?.phase === undefined)
            expect(f.note ?? "", `${f.id} (${f.source} → ${f.target}) has no phase`).toMatch(/未設定/);
        }
      });

      it("derives the section Ⅲ boxes that the 評価書 ticks", () => {
        const flags = section3Flags(doc);
        for (const key of Object.keys(digest.section3) as (keyof Digest["section3"])[]) {
          const stated = digest.section3[key];
          if (stated === null) continue;
          expect(flags[key], key).toBe(stated);
        }
      });

      it("derives the section Ⅲ boxes of each 特定個人情報ファイル from the flows tagged with it", () => {
        if (!digest.section3PerFile) return;
        for (const [name, stated] of Object.entries(digest.section3PerFile)) {
          const file = doc.files.find((f) => f.name === name);
          expect(file, name).toBeDefined();
          const flags = section3Flags(doc, file!.id);
          for (const key of Object.keys(stated) as (keyof Digest["section3"])[]) {
            if (stated[key] === null) continue;
            // The 評価書 itself leaves 接続しない（提供） unticked for 送付先情報ファイル although no flow of that file
            // goes over the network (the reading's remark (h)); the template does not invent such a flow.
            if (id === "akishima-juki" && name === "送付先情報ファイル" && key === "networkNoProvide") {
              expect(flags[key]).toBe(true);
              continue;
            }
            expect(flags[key], `${name}: ${key}`).toBe(stated[key]);
          }
        }
      });

      it("has the 委託事項 and 提供先・移転先 of section Ⅱ", () => {
        if (digest.delegationsPerFile) {
          for (const [name, count] of Object.entries(digest.delegationsPerFile)) {
            const file = doc.files.find((f) => f.name === name);
            expect(file, name).toBeDefined();
            expect(doc.delegations.filter((d) => d.fileIds.includes(file!.id))).toHaveLength(count);
          }
        } else expect(doc.delegations).toHaveLength(digest.delegationCount);
        if (digest.provisionCount !== null && digest.provisionKinds) {
          expect(doc.provisions).toHaveLength(digest.provisionCount);
          expect(doc.provisions.filter((p) => p.kind === "provision")).toHaveLength(digest.provisionKinds.provision);
          expect(doc.provisions.filter((p) => p.kind === "transfer")).toHaveLength(digest.provisionKinds.transfer);
        } else expect(doc.meta.note ?? "").toMatch(/II\.5/);
        for (const p of doc.provisions)
          if (p.recipientNodeId) expect(doc.nodes.some((n) => n.id === p.recipientNodeId)).toBe(true);
      });

      it("has every flow and every numbered step of the reading", () => {
        expect(doc.flows).toHaveLength(digest.flowCount);
        const steps = new Set(doc.flows.map((f) => f.step).filter((s): s is string => !!s));
        const dropped = new Set(digest.droppedSteps);
        expect(steps.size).toBe(digest.stepLabels.filter((s) => !dropped.has(s)).length);
        for (const s of steps) expect(parseStep(s), s).not.toBeNull();
        // A 全項目 別添1 explains each numbered step in its (備考); the flow carries that sentence.
        if (doc.meta.assessmentKind === "full")
          for (const f of doc.flows.filter((x) => x.step)) expect(f.sentence, `${f.id} ${f.step}`).toBeTruthy();
        for (const s of dropped)
          expect(doc.flows.some((f) => (f.note ?? "").includes(`評価書の表記: ${s}`))).toBe(true);
      });
    });
  }

  it("models all the numbered steps of 東京都's 別添1 with their 備考", () => {
    const doc = load("tokyo-toei-jutaku");
    const steps = [...new Set(doc.flows.map((f) => f.step).filter((s): s is string => !!s))];
    expect(steps.length).toBeGreaterThanOrEqual(34);
    for (const s of ["①-1", "②-6", "③-4", "⑦-3", "㉑", "㉒", "㉓"]) expect(steps).toContain(s);
    for (const f of doc.flows.filter((x) => x.step)) expect(f.sentence, f.step).toBeTruthy();
    // Both chains of 委託 → 再委託 are drawn.
    const sub = doc.nodes.filter((n) => n.kind === "subcontractor");
    expect(sub).toHaveLength(2);
    for (const s of sub)
      expect(
        doc.flows.some((f) => f.target === s.id && doc.nodes.find((n) => n.id === f.source)?.kind === "contractor"),
      ).toBe(true);
    // The online route: LoGoフォーム → マイナポータル → 特定通信 → 専用端末.
    const byLabel = (t: string) => doc.nodes.find((n) => n.label.includes(t))!.id;
    expect(doc.flows.some((f) => f.source === byLabel("LoGo") && f.target === byLabel("マイナポータル"))).toBe(true);
    expect(doc.flows.some((f) => f.transport === "specified_communication")).toBe(true);
    expect(doc.flows.filter((f) => f.transport === "removable_media").length).toBeGreaterThanOrEqual(7);
    expect(doc.groups.some((g) => g.boundaryKind === "middle_server_platform")).toBe(true);
    expect(doc.groups.some((g) => g.boundaryKind === "juki_net")).toBe(true);
  });

  it("models 堺市's パンチ委託 round trip, the report to 日本年金機構 and the in-house feeds", () => {
    const doc = load("sakai-kokumin-nenkin");
    const punch = doc.nodes.find((n) => n.label.includes("パンチ委託業者"))!;
    expect(doc.flows.some((f) => f.target === punch.id && f.transport === "paper")).toBe(true);
    expect(doc.flows.some((f) => f.source === punch.id && f.transport === "removable_media")).toBe(true);
    const jps = doc.nodes.find((n) => n.label.includes("日本年金機構"))!;
    expect(doc.flows.filter((f) => f.target === jps.id).every((f) => f.provisionId)).toBe(true);
    expect(doc.flows.some((f) => f.source === jps.id)).toBe(true);
    for (const s of ["ア", "イ", "ウ"]) expect(doc.flows.find((f) => f.step === s)?.transport, s).toBe("intra_linkage");
  });

  it("keeps the three files of 昭島市 apart on the flows", () => {
    const doc = load("akishima-juki");
    expect(doc.files.map((f) => f.name)).toEqual([
      "住民基本台帳ファイル",
      "本人確認情報ファイル",
      "送付先情報ファイル",
    ]);
    for (const f of doc.files)
      expect(
        doc.flows.some((x) => x.fileIds.includes(f.id)),
        f.name,
      ).toBe(true);
  });

  it("lists the templates with their metadata", () => {
    const list = listTemplates(DIR);
    expect(list.map((t) => t.id).sort()).toEqual(IDS);
    expect(list[0]?.assessmentKind).toBe("full");
    for (const t of list) {
      expect(t.flowCount).toBe(load(t.id).flows.length);
      expect(t.thumbnail.startsWith("<svg")).toBe(true);
      expect(t.assessmentKindJa).toMatch(/評価書$/);
    }
    expect(readTemplate("../etc/passwd", DIR)).toBeNull();
    expect(readTemplate("no-such-template", DIR)).toBeNull();
  });
});
