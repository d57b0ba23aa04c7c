import type { ModelFlow, ModelNode, NagareDocument, Party, Phase } from "../model";
import { type GraphIndex, indexGraph } from "./graph-index";
import { CONTRACTING, resolveParty } from "./parties";
import { bodyRoleAt, exchangeAt, isNetworkFlowIn, isNetworkNode, isOtherBody } from "./routes";

/**
 * Classification of flows into 評価書 phases, from the graph alone. The rules are a table, read top to
 * bottom; the first that applies decides. Where the graph cannot decide, the result says so (phase null)
 * and lists the candidates, rather than guessing.
 */

export interface FlowContext {
  flow: ModelFlow;
  source: ModelNode;
  target: ModelNode;
  sp: Party | null;
  tp: Party | null;
  /** The end is the 情報提供ネットワークシステム itself: a route, whoever runs it. */
  sNet: boolean;
  tNet: boolean;
  index: GraphIndex;
}

export interface PhaseRule {
  id: string;
  /** Returns the phase, or null to mean "this rule applies but the graph cannot decide". */
  when: (c: FlowContext) => boolean;
  phase: Phase | null;
  candidates?: Phase[];
  ja: string;
  en: string;
}

export interface Classification {
  flowId: string;
  phase: Phase | null;
  candidates: Phase[];
  rule: string;
  ja: string;
  en: string;
}

const inside = (p: Party | null) => p === "self";
const contracting = (p: Party | null) => p !== null && CONTRACTING.has(p);
const ours = (p: Party | null) => inside(p) || contracting(p);
const isNetworkFlow = (c: FlowContext) => isNetworkFlowIn(c.index, c.flow);
/** Our side of the network (never the network node itself). */
const ourEnd = (p: Party | null, net: boolean) => !net && ours(p);
const bodyEnd = (p: Party | null, net: boolean) => !net && isOtherBody(p);
/** A hop between our side and the network node whose exchanges are all of one kind. */
const hopOf = (c: FlowContext, kind: "provision" | "inquiry") =>
  (ourEnd(c.sp, c.sNet) && c.tNet && exchangeAt(c.index, c.target.id) === kind) ||
  (c.sNet && ourEnd(c.tp, c.tNet) && exchangeAt(c.index, c.source.id) === kind);
const HOLDERS = new Set(["store", "media", "paper"]);

export const PHASE_RULES: PhaseRule[] = [
  {
    id: "manual",
    when: (c) => c.flow.phase !== undefined,
    phase: null, // replaced by the flow's own phase
    ja: "利用者が指定した区分",
    en: "set by a person",
  },
  {
    id: "direction_unknown",
    when: (c) => c.flow.directionUnknown === true,
    phase: null,
    ja: "流れの向きが未確定のため判断できません",
    en: "the direction of the flow is not known",
  },
  {
    id: "disposal",
    when: (c) => c.target.kind === "disposal",
    phase: "disposal",
    ja: "廃棄・消去への流れは「消去」",
    en: "a flow into disposal is 消去",
  },
  {
    id: "owner_unknown",
    when: (c) => (c.sp === null && !c.sNet) || (c.tp === null && !c.tNet),
    phase: null,
    ja: "始点または終点の所属（所管）が未設定のため判断できません",
    en: "the owner of the source or target is not set",
  },
  {
    id: "network_to_body",
    when: (c) =>
      isNetworkFlow(c) &&
      bodyEnd(c.tp, c.tNet) &&
      (ourEnd(c.sp, c.sNet) || (c.sNet && bodyRoleAt(c.index, c.source.id, c.target.id) === "provision")),
    phase: "network_provision",
    ja: "情報提供ネットワークシステムを通じて他の機関（情報照会者）へ：提供",
    en: "through the information provision network to another body (the requester): provision",
  },
  {
    id: "network_from_body",
    when: (c) =>
      isNetworkFlow(c) &&
      bodyEnd(c.sp, c.sNet) &&
      (ourEnd(c.tp, c.tNet) || (c.tNet && bodyRoleAt(c.index, c.target.id, c.source.id) === "inquiry")),
    phase: "network_inquiry",
    ja: "情報提供ネットワークシステムを通じて他の機関（情報照会先）から：照会（入手）",
    en: "through the information provision network from another body (the one queried): inquiry (acquisition)",
  },
  {
    id: "network_hop_provision",
    when: (c) => isNetworkFlow(c) && hopOf(c, "provision"),
    phase: "network_provision",
    ja: "自組織と情報提供ネットワークシステムの間で、先に描かれた機関がすべて情報照会者（受け取るだけ）：提供の経路",
    en: "between us and the network, where every body drawn beyond it only receives: part of a provision",
  },
  {
    id: "network_hop_inquiry",
    when: (c) => isNetworkFlow(c) && hopOf(c, "inquiry"),
    phase: "network_inquiry",
    ja: "自組織と情報提供ネットワークシステムの間で、先に描かれた機関がすべて情報照会先（送るだけ）：照会の経路",
    en: "between us and the network, where every body drawn beyond it only sends: part of an inquiry",
  },
  {
    id: "network",
    when: (c) => isNetworkFlow(c),
    phase: null,
    candidates: ["network_inquiry", "network_provision"],
    ja: "情報提供ネットワークシステムとの流れ：先の機関が描かれていないか、照会と応答の両方が描かれているため、照会（入手）か提供かは図からは決まりません。区分を指定してください",
    en: "a flow with the information provision network whose far side is not drawn, or drawn both ways: inquiry or provision cannot be told from the graph; set the phase",
  },
  {
    id: "subject_in",
    when: (c) => c.sp === "subject" && ours(c.tp),
    phase: "acquisition",
    ja: "本人・代理人から自組織・委託先へ：入手",
    en: "from the data subject to us or our contractor: acquisition",
  },
  {
    id: "to_subject",
    when: (c) => ours(c.sp) && c.tp === "subject",
    phase: "use",
    ja: "本人への通知・交付：事務の中での使用（提供ではない）",
    en: "notice or delivery to the data subject: use within the 事務 (not provision)",
  },
  {
    id: "store",
    when: (c) =>
      ours(c.sp) &&
      ours(c.tp) &&
      HOLDERS.has(c.target.kind) &&
      (c.target.kind === "store" || (c.index.outgoing.get(c.target.id)?.length ?? 0) === 0),
    phase: "storage",
    ja: "ファイル・媒体・紙に置かれたまま先へ流れない：保管",
    en: "into a file, medium or paper that passes nothing on: storage",
  },
  {
    id: "delegation",
    when: (c) => (inside(c.sp) && contracting(c.tp)) || (contracting(c.sp) && ours(c.tp)),
    phase: "delegation",
    ja: "自組織と委託先・再委託先の間：委託（提供ではない）",
    en: "between us and a contractor or subcontractor: delegation (never provision)",
  },
  {
    id: "external_in",
    when: (c) => (c.sp === "external" || c.sp === "self_other_organ") && ours(c.tp),
    phase: "acquisition",
    ja: "他機関・同一団体の他の機関から：入手",
    en: "from another organisation or organ: acquisition",
  },
  {
    id: "department_in",
    when: (c) => c.sp === "self_department" && ours(c.tp),
    phase: "acquisition",
    ja: "評価実施機関内の他部署から：入手",
    en: "from another department of the same body: acquisition",
  },
  {
    id: "external_out",
    when: (c) => ours(c.sp) && (c.tp === "external" || c.tp === "self_other_organ"),
    phase: "provision",
    ja: "他機関・同一団体の他の機関へ：提供（番号法第19条の根拠が必要）",
    en: "to another organisation or organ: provision (needs a basis under Article 19)",
  },
  {
    id: "department_out",
    when: (c) => ours(c.sp) && c.tp === "self_department",
    phase: "transfer",
    ja: "評価実施機関内の他部署へ：移転（番号法第9条の根拠が必要）",
    en: "to another department of the same body: transfer (needs a basis under Article 9)",
  },
  {
    id: "within",
    when: (c) => inside(c.sp) && inside(c.tp),
    phase: "use",
    ja: "自組織の中の流れ：使用",
    en: "within our own organisation: use",
  },
  {
    id: "outside",
    when: () => true,
    phase: null,
    ja: "評価実施機関の外どうしの流れ：この事務の区分は図からは決まりません",
    en: "both ends outside the assessing body: no phase can be told from the graph",
  },
];

export function classifyFlowWith(index: GraphIndex, flow: ModelFlow): Classification {
  const source = index.nodes.get(flow.source);
  const target = index.nodes.get(flow.target);
  if (!source || !target)
    return {
      flowId: flow.id,
      phase: null,
      candidates: [],
      rule: "dangling",
      ja: "始点または終点のノードがありません",
      en: "source or target node is missing",
    };
  const ctx: FlowContext = {
    flow,
    source,
    target,
    sp: resolveParty(index, source).party,
    tp: resolveParty(index, target).party,
    sNet: isNetworkNode(source),
    tNet: isNetworkNode(target),
    index,
  };
  for (const rule of PHASE_RULES) {
    if (!rule.when(ctx)) continue;
    const phase = rule.id === "manual" ? (flow.phase ?? null) : rule.phase;
    return { flowId: flow.id, phase, candidates: rule.candidates ?? [], rule: rule.id, ja: rule.ja, en: rule.en };
  }
  throw new Error("unreachable: the last phase rule always applies");
}

/** Classifies every flow of a document. */
export function classifyFlows(doc: NagareDocument, index = indexGraph(doc)): Map<string, Classification> {
  const out = new Map<string, Classification>();
  for (const f of doc.flows) out.set(f.id, classifyFlowWith(index, f));
  return out;
}
