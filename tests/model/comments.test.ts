import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addReply, addThread, deleteThread, setThreadStatus } from "../../src/document/comments";
import { createUndoManager, transactLocal } from "../../src/document/transact";
import { loadDocumentText, loadDocumentValue, type NagareDocument, serializeDocument } from "../../src/model";
import { renderReportMarkdown } from "../../src/render/markdown/report";
import { generateReport } from "../../src/sections";
import { renderReportFile } from "../../src/sections/export-node";
import { readModel, readModelTolerant, ydocFromModel } from "../../src/sync/doc-shape";
import { base, build, f } from "../sections/build";

const THREADS: NagareDocument["comments"] = [
  {
    id: "c-1",
    target: { kind: "flow", id: "a" },
    author: "委員A",
    at: "2026-12-01T01:00:00.000Z",
    text: "ＵＳＢの暗号化は？",
    status: "resolved",
    statusBy: "委員A",
    statusAt: "2026-12-02T01:00:00.000Z",
    replies: [
      { id: "r-2", author: "担当課", at: "2026-12-01T03:00:00.000Z", text: "暗号化USBに変更しました" },
      { id: "r-1", author: "委員A", at: "2026-12-01T02:00:00.000Z", text: "補足: 紛失時の手順も" },
    ],
  },
  {
    id: "c-2",
    target: { kind: "item", id: "II.3.acq.timing", label: "Ⅱ-3-② 入手の時期・頻度" },
    author: "委員B",
    at: "2026-12-01T04:00:00.000Z",
    text: "頻度の記載が不足",
    status: "not_needed",
    reason: "様式上は任意の記載",
    replies: [],
  },
  {
    id: "c-3",
    target: { kind: "point", x: 10.5, y: -3 },
    author: "委員B",
    at: "2026-12-01T05:00:00.000Z",
    text: "余白",
    status: "open",
    replies: [],
  },
];

const sample = (comments?: NagareDocument["comments"]) =>
  build({
    nodes: base(),
    flows: [f("a", "person", "staff", { step: "①", sentence: "申請書を提出する。" })],
    ...(comments ? { comments } : {}),
  });

describe("review threads in the model and the file format", () => {
  it("are optional: a file without them loads, and one with them round-trips through the file and the shared document", () => {
    expect(sample().comments).toBeUndefined();
    const doc = sample(THREADS);
    const text = serializeDocument(doc);
    const again = loadDocumentText(text);
    expect(again.ok).toBe(true);
    const viaY = readModel(ydocFromModel(doc));
    expect(viaY.ok).toBe(true);
    const comments = (viaY as { doc: NagareDocument }).doc.comments ?? [];
    expect(comments.map((t) => t.id)).toEqual(["c-1", "c-2", "c-3"]);
    // Replies come back in time order whatever order they were given in.
    expect(comments[0]?.replies.map((r) => r.id)).toEqual(["r-1", "r-2"]);
    expect(comments[1]).toMatchObject({ status: "not_needed", reason: "様式上は任意の記載" });
    // A document without threads still writes no `comments` field.
    expect("comments" in (readModel(ydocFromModel(sample())) as { doc: NagareDocument }).doc).toBe(false);
  });

  it("refuse a thread marked 対応不要 without a reason, an unknown status or target, with the path", () => {
    const raw = JSON.parse(serializeDocument(sample(THREADS)));
    raw.comments[1].reason = " ";
    raw.comments[2].status = "maybe";
    raw.comments[0].target = { kind: "lane", id: "x" };
    const r = loadDocumentValue(raw);
    expect(r.ok).toBe(false);
    const problems = (r as { problems: { path: string; ja: string }[] }).problems;
    expect(problems.some((p) => p.path.includes("comments") && p.ja.includes("理由"))).toBe(true);
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  it("an invalid thread in the shared document is left out, visibly, and the rest stays", () => {
    const ydoc = ydocFromModel(sample(THREADS));
    const m = new Y.Map<unknown>();
    m.set("text", "");
    ydoc.getMap("nagare").get("comments") instanceof Y.Map &&
      (ydoc.getMap("nagare").get("comments") as Y.Map<unknown>).set("c-bad", m);
    const read = readModelTolerant(ydoc);
    expect(read.doc.comments?.map((t) => t.id)).toEqual(["c-1", "c-2", "c-3"]);
    expect(read.dropped).toContainEqual(expect.objectContaining({ collection: "comments", id: "c-bad" }));
  });

  it("are never part of the generated 評価書 (Markdown the same with and without them; not in JSON or HTML)", async () => {
    const plain = sample();
    const reviewed = sample(THREADS);
    expect(renderReportMarkdown(generateReport(reviewed))).toBe(renderReportMarkdown(generateReport(plain)));
    const json = (await renderReportFile(reviewed, "json")).body as string;
    for (const word of ["ＵＳＢの暗号化は？", "委員A", "頻度の記載が不足", "暗号化USBに変更しました"])
      expect(json).not.toContain(word);
    const html = (await renderReportFile(reviewed, "html")).body as string;
    expect(html).not.toContain("頻度の記載が不足");
  });
});

describe("the document layer's review writes", () => {
  it("open, answer, change status and delete; validated; never taken back by the drawing's undo", () => {
    const ydoc = ydocFromModel(sample());
    const um = createUndoManager(ydoc);
    const opened = addThread(ydoc, {
      target: { kind: "node", id: "staff" },
      author: "委員A",
      text: "  窓口の本人確認は？ ",
    });
    expect(opened.ok).toBe(true);
    const id = (opened as { id: string }).id;
    expect(addReply(ydoc, id, { author: "担当課", text: "番号カードで確認" }).ok).toBe(true);
    expect(addReply(ydoc, "c-none", { author: "担当課", text: "x" }).ok).toBe(false);
    expect(addThread(ydoc, { target: { kind: "node", id: "staff" }, author: "", text: "名前なし" }).ok).toBe(false);
    const noReason = setThreadStatus(ydoc, id, { status: "not_needed", reason: "", by: "担当課" });
    expect(noReason.ok).toBe(false);
    expect((noReason as { problems: { ja: string }[] }).problems[0]?.ja).toContain("理由");
    expect(setThreadStatus(ydoc, id, { status: "in_progress", by: "担当課" }).ok).toBe(true);
    transactLocal(ydoc, () => {
      // a drawing edit after the comments: undo takes back only this
      (ydoc.getMap("nagare").get("nodes") as Y.Map<Y.Map<unknown>>).get("staff")?.set("label", "職員");
    });
    um.undo();
    um.undo();
    const doc = (readModel(ydoc) as { doc: NagareDocument }).doc;
    expect(doc.nodes.find((n) => n.id === "staff")?.label).toBe("窓口職員");
    expect(doc.comments?.[0]).toMatchObject({
      text: "窓口の本人確認は？",
      status: "in_progress",
      statusBy: "担当課",
      replies: [{ author: "担当課", text: "番号カードで確認" }],
    });
    expect(deleteThread(ydoc, id)).toBe(true);
    expect((readModel(ydoc) as { doc: NagareDocument }).doc.comments).toBeUndefined();
  });
});
