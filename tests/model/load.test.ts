import { describe, expect, it } from "vitest";
import {
  CURRENT_SCHEMA_VERSION,
  emptyDocument,
  LIMITS,
  loadDocumentText,
  loadDocumentValue,
  serializeDocument,
} from "../../src/model";
import { smallJimu } from "./fixtures";

const text = (v: unknown) => JSON.stringify(v);
const problemsOf = (v: unknown) => {
  const r = loadDocumentText(text(v));
  if (r.ok) throw new Error("expected the document to be refused");
  return r.problems;
};

describe("loading *.nagare.json", () => {
  it("accepts a valid document and applies defaults", () => {
    const r = loadDocumentValue(smallJimu());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.nodes).toHaveLength(8);
    expect(r.doc.nodes[0]?.safeguards).toEqual([]);
    expect(r.doc.flows.find((f) => f.id === "f2")?.legalBasis).toEqual([]);
    expect(r.migratedFrom).toBeUndefined();
  });

  it("round-trips through serializeDocument unchanged", () => {
    const r = loadDocumentValue(smallJimu());
    if (!r.ok) throw new Error("fixture invalid");
    const once = serializeDocument(r.doc);
    const again = loadDocumentText(once);
    expect(again.ok).toBe(true);
    if (again.ok) expect(serializeDocument(again.doc)).toBe(once);
  });

  it("reports a missing required field with its path, in Japanese and English", () => {
    const doc = smallJimu();
    // biome-ignore lint/suspicious/noExplicitAny: building a broken document on purpose
    delete (doc.nodes as any)[1].label;
    const [p] = problemsOf(doc);
    expect(p?.path).toBe('nodes[1] (id "staff").label');
    expect(p?.code).toBe("missing");
    expect(p?.ja).toMatch(/ラベル/);
    expect(p?.en).toMatch(/required/);
  });

  it("reports a dangling node id in a flow", () => {
    const doc = smallJimu();
    doc.flows![0]!.target = "ghost";
    const problems = problemsOf(doc);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'flows[0] (id "f1").target', code: "dangling_reference" });
    expect(problems[0]?.ja).toContain("ghost");
  });

  it("reports an unknown transport and a dangling reference in the same run", () => {
    const doc = smallJimu();
    // biome-ignore lint/suspicious/noExplicitAny: an invalid enum value on purpose
    (doc.flows![1] as any).transport = "pigeon";
    doc.flows![2]!.source = "nowhere";
    const problems = problemsOf(doc);
    expect(problems.map((p) => p.path)).toEqual(['flows[1] (id "f2").transport', 'flows[2] (id "f3").source']);
    expect(problems[0]?.ja).toMatch(/選択肢/);
  });

  it("refuses a 5 MB label with the limit in the message", () => {
    const doc = smallJimu();
    doc.nodes![0]!.label = "あ".repeat(5 * 1024 * 1024);
    const r = loadDocumentText(text(doc));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]?.path).toBe('nodes[0] (id "p").label');
    expect(r.problems[0]?.ja).toContain(String(LIMITS.labelChars));
  });

  it("refuses a file larger than the file limit before parsing it", () => {
    const big = `{"format":"nagare","pad":"${"x".repeat(LIMITS.fileBytes)}"}`;
    const r = loadDocumentText(big);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.code).toBe("file_too_large");
  });

  it("detects a cycle in group membership", () => {
    const doc = smallJimu();
    doc.groups![0]!.parentId = "net"; // lane-subject → net → lane-self; then lane-self → lane-subject closes it
    doc.groups![1]!.parentId = "lane-subject";
    const problems = problemsOf(doc);
    expect(problems.some((p) => p.code === "group_cycle")).toBe(true);
    expect(problems.find((p) => p.code === "group_cycle")?.ja).toMatch(/循環/);
  });

  it("detects duplicate ids across nodes, groups and flows", () => {
    const doc = smallJimu();
    doc.flows![0]!.id = "sys";
    expect(problemsOf(doc).map((p) => p.code)).toContain("duplicate_id");
  });

  it("refuses a newer schema version than it knows, saying so", () => {
    const doc = { ...smallJimu(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 };
    const [p] = problemsOf(doc);
    expect(p?.code).toBe("newer_version");
    expect(p?.ja).toMatch(/新しい版/);
    expect(p?.en).toMatch(/newer Nagare/);
  });

  it("refuses what is not a Nagare document or not JSON", () => {
    expect(problemsOf({ hello: 1 })[0]?.code).toBe("not_nagare");
    const r = loadDocumentText("{ not json");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.code).toBe("invalid_json");
    expect(problemsOf([1, 2])[0]?.code).toBe("not_object");
  });

  it("reports unknown fields instead of dropping them silently", () => {
    const doc = smallJimu();
    // biome-ignore lint/suspicious/noExplicitAny: a typo in a field name on purpose
    (doc.nodes![0] as any).lable = "typo";
    const [p] = problemsOf(doc);
    expect(p?.code).toBe("unrecognized_keys");
    expect(p?.ja).toContain("lable");
  });

  it("refuses ids with path-like characters", () => {
    const doc = smallJimu();
    doc.nodes![0]!.id = "../etc/passwd";
    expect(problemsOf(doc).some((p) => p.path.startsWith("nodes[0]") && /ID/.test(p.ja))).toBe(true);
  });

  it("is all or nothing: the input object is not modified by a failed load", () => {
    const doc = smallJimu();
    doc.flows![0]!.target = "ghost";
    const before = JSON.stringify(doc);
    loadDocumentValue(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it("makes a valid empty document", () => {
    const r = loadDocumentValue(emptyDocument("新しい事務"));
    expect(r.ok).toBe(true);
  });
});
