import type { NagareDocument, NagareDocumentInput } from "../../src/model";
import { loadDocumentValue } from "../../src/model";

/** Small graph builders for rule tests: every document goes through the real loader (defaults, validation). */

type NodeIn = NonNullable<NagareDocumentInput["nodes"]>[number];
type FlowIn = NonNullable<NagareDocumentInput["flows"]>[number];
type GroupIn = NonNullable<NagareDocumentInput["groups"]>[number];

let x = 0;
export function node(id: string, kind: NodeIn["kind"], extra: Partial<NodeIn> = {}): NodeIn {
  x += 10;
  return { id, kind, label: extra.label ?? id, position: { x, y: 0 }, ...extra };
}

export function flow(id: string, source: string, target: string, extra: Partial<FlowIn> = {}): FlowIn {
  return { id, source, target, data: "申請情報", carriesMyNumber: true, transport: "intra_linkage", ...extra };
}

export function boundary(id: string, boundaryKind: GroupIn["boundaryKind"], extra: Partial<GroupIn> = {}): GroupIn {
  return {
    id,
    type: "boundary",
    boundaryKind,
    label: id,
    position: { x: 0, y: 0 },
    size: { width: 100, height: 100 },
    ...extra,
  };
}

export function lane(id: string, laneKind: GroupIn["laneKind"]): GroupIn {
  return { id, type: "lane", laneKind, label: id, position: { x: 0, y: 0 }, size: { width: 100, height: 100 } };
}

export function makeDoc(parts: Partial<NagareDocumentInput>): NagareDocument {
  const r = loadDocumentValue({
    format: "nagare",
    schemaVersion: 2,
    meta: { organization: "テスト市長", jimuName: "テスト事務" },
    ...parts,
  });
  if (!r.ok) throw new Error(`invalid test document: ${r.problems.map((p) => `${p.path}: ${p.en}`).join("; ")}`);
  return r.doc;
}

/** 職員 → system → … inside our own organisation, plus whatever is added. */
export function withSelf(nodes: NodeIn[], flows: FlowIn[], extra: Partial<NagareDocumentInput> = {}): NagareDocument {
  return makeDoc({
    nodes: [node("sys", "system_own", { label: "業務システム" }), ...nodes],
    flows,
    ...extra,
  });
}

export const sg = (...kinds: NonNullable<FlowIn["safeguards"]>[number]["kind"][]) => kinds.map((kind) => ({ kind }));
