import { describe, expect, it } from "vitest";
import { CURRENT_SCHEMA_VERSION, loadDocumentValue, MIGRATIONS, migrate } from "../../src/model";

/** A document as version 1 of the format wrote it. */
const v1 = () => ({
  format: "nagare",
  schemaVersion: 1,
  meta: {},
  nodes: [
    { id: "a", kind: "person", label: "本人", position: { x: 0, y: 0 } },
    { id: "b", kind: "agency", label: "日本年金機構", position: { x: 300, y: 0 } },
  ],
  flows: [
    { id: "f", source: "a", target: "b", stepLabel: "②-1", legalBasisText: "国民年金法第12条", carriesMyNumber: true },
    { id: "g", source: "b", target: "a", stepLabel: "③", legalBasisText: "  " },
  ],
});

describe("migrations", () => {
  it("has one migration per version step up to the current version", () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it("migrates a version-1 file: step labels and legal-basis text move to their new fields", () => {
    const r = loadDocumentValue(v1());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    expect(r.applied).toHaveLength(2);
    const f = r.doc.flows.find((x) => x.id === "f");
    expect(f?.step).toBe("②-1");
    expect(f?.legalBasis).toEqual([{ law: "other", text: "国民年金法第12条" }]);
    // A blank basis is not turned into an empty citation.
    expect(r.doc.flows.find((x) => x.id === "g")?.legalBasis).toEqual([]);
  });

  it("migrates a version-2 file: a file's note (printed as Ⅱ7 備考) becomes its remarks", () => {
    const r = loadDocumentValue({
      format: "nagare",
      schemaVersion: 2,
      meta: {},
      files: [
        { id: "F", name: "ファイル", note: "備考の文" },
        { id: "G", name: "別のファイル" },
      ],
      provisions: [{ id: "p", kind: "provision", recipient: "A市" }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(2);
    expect(r.doc.files[0]).toMatchObject({ remarks: "備考の文" });
    expect(r.doc.files[0]?.note).toBeUndefined();
    expect(r.doc.files[1]?.remarks).toBeUndefined();
    // New in version 3: the list behind a provision record, empty until someone enters it.
    expect(r.doc.provisions[0]).toMatchObject({ recipients: [] });
    expect(r.doc.provisions[0]?.recipientCount).toBeUndefined();
  });

  it("does not change the input object", () => {
    const input = v1();
    const before = JSON.stringify(input);
    migrate(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it("refuses versions it cannot read", () => {
    expect(migrate({ schemaVersion: 0 })).toMatchObject({ ok: false, code: "bad_version" });
    expect(migrate({ schemaVersion: "2" })).toMatchObject({ ok: false, code: "bad_version" });
    expect(migrate({ schemaVersion: 99 })).toMatchObject({ ok: false, code: "newer_version" });
  });
});
