import {
  boundaryKinds,
  type Classification,
  classifyFlows,
  type GraphIndex,
  groupChain,
  indexGraph,
  resolveParty,
} from "../derive";
import type {
  BoundaryKind,
  Delegation,
  ModelFlow,
  ModelNode,
  NagareDocument,
  Party,
  Phase,
  PiiFile,
  Provision,
  SafeguardKind,
  TransportProperties,
} from "../model";
import { TRANSPORTS } from "../model";
import { impactOf, type Level, likelihoodOf } from "./severity";
import type { RuleContext } from "./types";

/** Facts about one node, derived once per evaluation. */
export interface NodeFacts {
  node: ModelNode;
  party: Party | null;
  /** Network zones, innermost first. */
  boundaries: BoundaryKind[];
  /** Innermost boundary group id: two nodes in different zones sit in different networks. */
  zone: string | null;
  /** Which organisation the node belongs to, for boundary crossing (null when unknown). */
  organisation: string | null;
  safeguards: Set<SafeguardKind>;
  incoming: ModelFlow[];
  outgoing: ModelFlow[];
}

/** Facts about one flow, derived once per evaluation. */
export interface FlowFacts {
  flow: ModelFlow;
  source: NodeFacts;
  target: NodeFacts;
  classification: Classification;
  phase: Phase | null;
  props: TransportProperties | null;
  /** true, false or null (not known yet, treated as possibly 特定個人情報). */
  mine: boolean | null;
  possiblyMine: boolean;
  /** Safeguards on the flow and on both of its ends. */
  safeguards: Set<SafeguardKind>;
  crossesOrganisation: boolean;
  crossesNetwork: boolean;
  impact: Level;
  likelihood: Level;
  label: string;
  /** Cache for rule helpers (e.g. the legal bases that apply), keyed by helper. */
  memo: Map<string, unknown>;
}

/** Flow facts; the costlier ones (merged safeguards, label) are computed on first use. */
class LazyFlowFacts implements FlowFacts {
  readonly phase: Phase | null;
  readonly props: TransportProperties | null;
  readonly mine: boolean | null;
  readonly possiblyMine: boolean;
  readonly crossesOrganisation: boolean;
  readonly crossesNetwork: boolean;
  readonly impact: Level;
  readonly likelihood: Level;
  #safeguards: Set<SafeguardKind> | null = null;
  #label: string | null = null;
  #memo: Map<string, unknown> | null = null;

  constructor(
    readonly flow: ModelFlow,
    readonly source: NodeFacts,
    readonly target: NodeFacts,
    readonly classification: Classification,
  ) {
    this.phase = classification.phase;
    this.props = flow.transport ? TRANSPORTS[flow.transport].props : null;
    this.mine = flow.carriesMyNumber;
    this.possiblyMine = this.mine !== false;
    this.crossesOrganisation =
      source.organisation !== null && target.organisation !== null && source.organisation !== target.organisation;
    this.crossesNetwork = source.zone !== target.zone;
    this.impact = impactOf(this.mine);
    this.likelihood = likelihoodOf(flow.transport, this.crossesOrganisation, this.crossesNetwork);
  }

  get safeguards(): Set<SafeguardKind> {
    if (!this.#safeguards) {
      const s = new Set<SafeguardKind>(this.source.safeguards);
      for (const k of this.target.safeguards) s.add(k);
      for (const g of this.flow.safeguards) s.add(g.kind);
      this.#safeguards = s;
    }
    return this.#safeguards;
  }

  /** Cache for rule helpers (e.g. the legal bases that apply), keyed by helper. */
  get memo(): Map<string, unknown> {
    if (!this.#memo) this.#memo = new Map();
    return this.#memo;
  }

  get label(): string {
    if (this.#label === null) {
      const step = this.flow.step ? `${this.flow.step} ` : "";
      this.#label = `${step}${this.source.node.label} → ${this.target.node.label}`;
    }
    return this.#label;
  }
}

export interface EvalContext extends RuleContext {
  classifications: Map<string, Classification>;
  nodes: Map<string, NodeFacts>;
  flows: FlowFacts[];
  delegations: Map<string, Delegation>;
  provisions: Map<string, Provision>;
  files: Map<string, PiiFile>;
  /** Provisions naming a recipient node, by that node's id. */
  provisionsByRecipient: Map<string, Provision[]>;
  publishedOn: string | null;
}

const SAME_BODY: ReadonlySet<Party> = new Set<Party>(["self", "self_department"]);

function organisationOf(node: ModelNode, party: Party | null): string | null {
  if (party === null) return null;
  if (SAME_BODY.has(party)) return "self";
  if (party === "subject") return "subject";
  return `${party}:${node.owner?.name ?? node.id}`;
}

export function buildContext(doc: NagareDocument, index: GraphIndex = indexGraph(doc)): EvalContext {
  const classifications = classifyFlows(doc, index);
  const nodes = new Map<string, NodeFacts>();
  for (const node of doc.nodes) {
    const party = resolveParty(index, node).party;
    const zoneGroup = groupChain(index, node).find((g) => g.type === "boundary");
    nodes.set(node.id, {
      node,
      party,
      boundaries: boundaryKinds(index, node),
      zone: zoneGroup?.id ?? null,
      organisation: organisationOf(node, party),
      safeguards: new Set(node.safeguards.map((s) => s.kind)),
      incoming: index.incoming.get(node.id) ?? [],
      outgoing: index.outgoing.get(node.id) ?? [],
    });
  }
  const flows: FlowFacts[] = [];
  for (const flow of doc.flows) {
    const source = nodes.get(flow.source);
    const target = nodes.get(flow.target);
    if (!source || !target) continue; // a dangling flow is a validation problem, reported there
    flows.push(new LazyFlowFacts(flow, source, target, classifications.get(flow.id)!));
  }
  const provisionsByRecipient = new Map<string, Provision[]>();
  for (const p of doc.provisions) {
    if (!p.recipientNodeId) continue;
    let list = provisionsByRecipient.get(p.recipientNodeId);
    if (!list) provisionsByRecipient.set(p.recipientNodeId, (list = []));
    list.push(p);
  }
  return {
    doc,
    index,
    provisionsByRecipient,
    classifications,
    nodes,
    flows,
    delegations: new Map(doc.delegations.map((d) => [d.id, d])),
    provisions: new Map(doc.provisions.map((p) => [p.id, p])),
    files: new Map(doc.files.map((f) => [f.id, f])),
    publishedOn: doc.meta.publishedOn,
  };
}

/** Whether a node holds or receives (possibly) 特定個人情報. */
export function nodeHoldsMyNumber(n: NodeFacts): boolean {
  if (n.node.fileIds.length > 0) return true;
  for (const f of n.incoming) if (f.carriesMyNumber !== false) return true;
  return false;
}

/** "unknown" wording for a flow whose 特定個人情報 flag is not set yet. */
export function dataPhrase(mine: boolean | null): { ja: string; en: string } {
  if (mine === null)
    return { ja: "特定個人情報を含む可能性がある情報（未設定）", en: "data that may be 特定個人情報 (not set)" };
  return mine ? { ja: "特定個人情報", en: "特定個人情報" } : { ja: "個人情報", en: "personal data" };
}
