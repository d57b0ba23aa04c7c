import { classifyFlows } from "../../derive";
import {
  type AssessmentMeta,
  type BoundaryKind,
  CURRENT_SCHEMA_VERSION,
  type Delegation,
  FORMAT_ID,
  type LaneKind,
  loadDocumentValue,
  type ModelFlow,
  type ModelNode,
  type NagareDocument,
  type PiiFile,
  type Provision,
} from "../../model";
import {
  cleanLabel,
  clip,
  mapCategory,
  mapKind,
  mapSafeguards,
  mapTransport,
  parseLegalBasis,
  stripLineRefs,
} from "./mapping";
import type { Reading, ReadingFlow } from "./reading";

/** Where a group of nodes sits: a boundary inside one lane (network zone, platform, data centre …). */
export interface BoundarySpec {
  id: string;
  kind: BoundaryKind;
  label: string;
  lane: LaneKind;
  members: string[];
  note?: string;
}

export type NodePatch = Partial<Omit<ModelNode, "id" | "position">>;
export type FlowPatch = Partial<Omit<ModelFlow, "id" | "source" | "target">> & {
  target?: string;
  /** Leave the phase to a person (e.g. a connection whose direction the 評価書 does not give). */
  noPhase?: boolean;
};

/** Everything one template adds to its reading: metadata, the 評価書 lists and the corrections. */
export interface TemplateSpec {
  id: string;
  seed: string;
  title: string;
  meta: Partial<AssessmentMeta>;
  files: PiiFile[];
  /** The reading's file name of a flow → file ids (004 tags flows by file). */
  fileIds?: (readingFile: string | null | undefined) => string[];
  delegations: Delegation[];
  provisions: Provision[];
  /** Lane of every node (the reading's nodes and the added ones). */
  lanes: Record<string, LaneKind>;
  boundaries: BoundarySpec[];
  nodes?: Record<string, NodePatch>;
  /** Nodes the reading does not list but the model needs (e.g. a disposal end). */
  extraNodes?: (NodePatch & { id: string; kind: ModelNode["kind"]; label: string })[];
  /** Per-flow corrections, by the flow's index in the reading. */
  flow?: (f: ReadingFlow, index: number) => FlowPatch | undefined;
  /** The step label as the model stores it (parseable), from the reading's label. */
  step?: (raw: string) => string | undefined;
  /** The 備考 sentence of a step. */
  sentence?: (step: string) => string | undefined;
}

export interface BuildReport {
  manualPhases: number;
  unsetTransports: number;
  droppedSteps: string[];
}

const lines = (evidence: number[] | undefined) =>
  evidence?.length ? `出典: 評価書テキスト ${evidence.slice(0, 12).join(", ")} 行` : "";

const joinNotes = (...parts: (string | undefined | null | false)[]) => {
  const s = parts.filter((p): p is string => typeof p === "string" && p.length > 0).join("／");
  return s || undefined;
};

export const DISPOSAL_LABEL = "廃棄・消去";

/** Builds the model (without layout) from a reading and its template spec. */
export function modelFromReading(reading: Reading, spec: TemplateSpec): { doc: NagareDocument; report: BuildReport } {
  const report: BuildReport = { manualPhases: 0, unsetTransports: 0, droppedSteps: [] };
  const nodes: ModelNode[] = [];
  const byId = new Map<string, ModelNode>();
  const addNode = (n: ModelNode) => {
    if (byId.has(n.id)) throw new Error(`${spec.id}: duplicate node ${n.id}`);
    nodes.push(n);
    byId.set(n.id, n);
  };
  for (const rn of reading.nodes) {
    const patch = spec.nodes?.[rn.id] ?? {};
    const label = cleanLabel(rn.label);
    const note = joinNotes(
      rn.ownership && `所管: ${rn.ownership}`,
      rn.owner && `所管部署: ${rn.owner}`,
      rn.note,
      label !== rn.label && `読み取りでの表記: ${rn.label}`,
    );
    addNode({
      id: rn.id,
      kind: mapKind(rn.kind),
      label: clip(label),
      position: { x: 0, y: 0 },
      functions: [],
      safeguards: [],
      fileIds: [],
      ...patch,
      note: joinNotes(patch.note, note),
    });
  }
  for (const extra of spec.extraNodes ?? [])
    addNode({ position: { x: 0, y: 0 }, functions: [], safeguards: [], fileIds: [], ...extra });

  // A disposal without a target in the reading ends at a 廃棄・消去 node in the lane of its source.
  const disposalIn = (sourceId: string) => {
    const lane = spec.lanes[sourceId];
    if (!lane) throw new Error(`${spec.id}: node ${sourceId} has no lane`);
    const id = `disposal_${lane}`;
    if (!byId.has(id)) {
      addNode({
        id,
        kind: "disposal",
        label: DISPOSAL_LABEL,
        position: { x: 0, y: 0 },
        functions: [],
        safeguards: [],
        fileIds: [],
        note: "評価書の記載では消去・廃棄の行き先を示す要素がないため、終点として置いた要素",
      });
      spec.lanes[id] = lane;
    }
    return id;
  };

  const flows: ModelFlow[] = [];
  const desiredPhase = new Map<string, ModelFlow["phase"]>();
  reading.flows.forEach((rf, i) => {
    const patch = spec.flow?.(rf, i) ?? {};
    const id = `f${String(i + 1).padStart(2, "0")}`;
    const target = patch.target ?? rf.to ?? disposalIn(rf.from);
    const rawStep = rf.step ?? undefined;
    let step = rawStep;
    if (rawStep !== undefined && spec.step) {
      step = spec.step(rawStep);
      if (step === undefined) report.droppedSteps.push(rawStep);
    }
    const transport = "transport" in patch ? patch.transport : mapTransport(rf.transport, rf.transportText);
    if (!transport) report.unsetTransports++;
    const via = rf.via?.length ? `経由: ${rf.via.map((v) => byId.get(v)?.label ?? v).join(" → ")}` : "";
    const flow: ModelFlow = {
      id,
      source: rf.from,
      target,
      step,
      sentence: step && spec.sentence ? spec.sentence(step) : undefined,
      data: rf.data ? clip(rf.data) : undefined,
      carriesMyNumber: rf.carriesMyNumber ?? null,
      transport,
      // The reading's words about the channel are remarks on the source, not the channel's name in the 評価書:
      // they stay in the note, and a 「その他」 channel is left for a person to name.
      transportNote: undefined,
      // The reading joins several bases with ";": keep them as separate bases, as the 評価書 lists them.
      legalBasis: rf.legalBasis ? splitBases(rf.legalBasis).map(parseLegalBasis) : [],
      safeguards: mapSafeguards(rf.safeguards),
      variant: rf.variant ? clip(rf.variant) : undefined,
      directionUnknown: rf.direction === "unknown" ? true : undefined,
      // With a single 特定個人情報ファイル, every flow of 特定個人情報 is a flow of that file.
      fileIds: spec.fileIds
        ? spec.fileIds(rf.file)
        : spec.files.length === 1 && rf.carriesMyNumber === true
          ? [spec.files[0]!.id]
          : [],
      ...patch,
      note: joinNotes(
        patch.note,
        rf.note,
        rf.actor && byId.get(rf.actor) ? `実施者: ${byId.get(rf.actor)?.label}` : undefined,
        rawStep && step !== rawStep ? `評価書の表記: ${rawStep}` : undefined,
        rf.transportText ? `手段の記載: ${rf.transportText}` : undefined,
        via || undefined,
        lines(rf.evidence),
      ),
    };
    delete (flow as { phase?: unknown }).phase;
    delete (flow as { noPhase?: unknown }).noPhase;
    flows.push(flow);
    desiredPhase.set(id, patch.phase ?? mapCategory(rf.category));
  });

  // Delegation flows point at the 委託事項 of the contractor at either end.
  for (const f of flows) {
    if (f.delegationId || desiredPhase.get(f.id) !== "delegation") continue;
    const d = byId.get(f.target)?.delegationId ?? byId.get(f.source)?.delegationId;
    if (d) f.delegationId = d;
  }

  const draft = {
    format: FORMAT_ID,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: spec.title,
    meta: spec.meta,
    files: spec.files,
    nodes,
    groups: [],
    flows,
    delegations: spec.delegations,
    provisions: spec.provisions,
  };
  const loaded = loadDocumentValue(draft);
  if (!loaded.ok) throw new Error(`${spec.id}: ${loaded.problems.map((p) => `${p.path}: ${p.ja}`).join("\n")}`);
  withoutLineRefs(loaded.doc);
  return { doc: loaded.doc, report };
}

type Texts = Record<string, unknown>;
const PRINTED: Record<string, readonly string[]> = {
  files: ["subjectScope", "usePurpose", "storageLocation", "retentionReason", "deletionMethod", "remarks"],
  nodes: ["purpose", "deletionMethod"],
  flows: ["sentence", "data", "frequency", "transportNote"],
  delegations: ["content", "contractorNameCheck", "subcontractApproval", "subcontractItems"],
  provisions: ["purpose", "information", "subjectScope", "timing"],
};

/**
 * Texts that reach a 評価書 carry no line references into the seed text: those belong to the template's
 * source, and the elements' notes keep them.
 */
function withoutLineRefs(doc: NagareDocument): void {
  const clean = (s: string) => cleanLabel(stripLineRefs(s));
  for (const [coll, keys] of Object.entries(PRINTED))
    for (const el of (doc as unknown as Record<string, Texts[]>)[coll] ?? []) {
      for (const k of keys) if (typeof el[k] === "string") el[k] = clean(el[k] as string) || undefined;
      for (const sg of (el.safeguards as { note?: string }[] | undefined) ?? []) if (sg.note) sg.note = clean(sg.note);
      if (Array.isArray(el.functions)) el.functions = (el.functions as string[]).map(clean);
    }
  for (const d of doc.delegations) d.name = cleanLabel(d.name);
  for (const p of doc.provisions) p.recipient = cleanLabel(p.recipient);
}

/**
 * Sets `flow.phase` where the graph alone cannot decide the phase or decides otherwise than the 評価書 states.
 * Runs on the laid-out document, because lanes take part in deciding who owns a node.
 */
export function applyPhases(doc: NagareDocument, reading: Reading, spec: TemplateSpec, report: BuildReport): void {
  const derived = classifyFlows(doc);
  doc.flows.forEach((f, i) => {
    const rf = reading.flows[i];
    if (!rf) throw new Error(`${spec.id}: flow ${f.id} has no reading`);
    const patch = spec.flow?.(rf, i) ?? {};
    if (patch.noPhase) return;
    const want = patch.phase ?? mapCategory(rf.category);
    const got = derived.get(f.id)?.phase ?? null;
    if (want && want !== got) {
      f.phase = want;
      report.manualPhases++;
    }
  });
}

/**
 * "A; B; C" → ["A", "B", "C"]: the reading joins several bases with ";". Only a part that names a law of its
 * own starts a new basis (a bare "省令第2条…" belongs to the basis before it), and a ";" inside brackets is
 * part of a remark, not a separator.
 */
function splitBases(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "(" || ch === "（") depth++;
    if (ch === ")" || ch === "）") depth = Math.max(0, depth - 1);
    if (ch === ";" && depth === 0) {
      parts.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  parts.push(cur.trim());
  const out: string[] = [];
  for (const part of parts.filter(Boolean)) {
    const namesLaw = /^(【[^】]*】)?(番号法|住基法|住民基本台帳法|地方税法|[^\s・、；;]*条例)/.test(part);
    if (namesLaw || out.length === 0) out.push(part);
    else out[out.length - 1] = `${out[out.length - 1]}; ${part}`;
  }
  return out;
}
