import { loadDocumentValue, type NagareDocument, type NagareDocumentInput } from "../../src/model";

/** Small graphs for the section tests: nodes and flows given tersely, the rest defaulted. */

type NodeIn = NonNullable<NagareDocumentInput["nodes"]>[number];
type FlowIn = NonNullable<NagareDocumentInput["flows"]>[number];

let y = 0;
export function n(id: string, kind: NodeIn["kind"], label: string, extra: Partial<NodeIn> = {}): NodeIn {
  y += 80;
  return { id, kind, label, position: { x: 0, y }, ...extra };
}

export function f(id: string, source: string, target: string, extra: Partial<FlowIn> = {}): FlowIn {
  return { id, source, target, carriesMyNumber: true, ...extra };
}

export function build(input: Partial<NagareDocumentInput> & { kind?: "basic" | "focused" | "full" }): NagareDocument {
  const { kind, ...rest } = input;
  const raw: NagareDocumentInput = {
    format: "nagare",
    schemaVersion: 3,
    title: "テスト",
    ...rest,
    meta: { organization: "テスト市長", jimuName: "テスト事務", assessmentKind: kind ?? "full", ...(rest.meta ?? {}) },
    files: rest.files ?? [{ id: "F", name: "テストファイル" }],
  };
  const r = loadDocumentValue(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems, null, 2));
  return r.doc;
}

/** The usual cast: 本人, 窓口職員, 業務システム (own), all inside the 評価実施機関. */
export const base = (): NodeIn[] => [
  n("person", "person", "申請者"),
  n("staff", "staff", "窓口職員"),
  n("sys", "system_own", "業務システム", { functions: ["資格管理", "通知書作成"] }),
];
