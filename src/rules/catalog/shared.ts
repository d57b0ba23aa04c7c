import type { Phase, SafeguardKind, TransportId } from "../../model";
import type { EvalContext, FlowFacts, NodeFacts } from "../context";
import { dataPhrase } from "../context";
import { RISKS, type RiskId } from "../risks";
import type { Emit, Hit, RuleDef } from "../rule";
import { clampLevel, impactOf, type Level } from "../severity";
import type { Bilingual } from "../types";

/** Helpers shared by the catalog: phase-dependent リスク and hit builders. */

type PhaseKey = Phase | "none";
const key = (p: Phase | null): PhaseKey => p ?? "none";

/** Leak or loss while the data is carried. */
const CARRIAGE: Record<PhaseKey, RiskId> = {
  acquisition: "III.2.risk4",
  use: "III.3.risk4",
  delegation: "III.4.risk2",
  provision: "III.5.risk2",
  transfer: "III.5.risk2",
  network_inquiry: "III.6.risk4",
  network_provision: "III.6.risk6",
  storage: "III.7.risk1",
  disposal: "III.7.risk3",
  none: "III.7.risk1",
};

/** An unsafe or improper channel. */
const METHOD: Record<PhaseKey, RiskId> = {
  ...CARRIAGE,
  acquisition: "III.2.risk2",
  use: "III.3.risk2",
  network_inquiry: "III.6.risk2",
};

/** A wrong recipient. */
const RECIPIENT: Record<PhaseKey, RiskId> = {
  ...CARRIAGE,
  use: "III.7.risk1",
  provision: "III.5.risk3",
  transfer: "III.5.risk3",
  network_provision: "III.6.risk7",
};

/** Unlawful provision or use. */
const UNLAWFUL: Record<PhaseKey, RiskId> = {
  acquisition: "III.2.risk1",
  use: "III.3.risk3",
  delegation: "III.4.risk2",
  provision: "III.5.risk1",
  transfer: "III.5.risk1",
  network_inquiry: "III.6.risk1",
  network_provision: "III.6.risk5",
  storage: "III.7.risk1",
  disposal: "III.7.risk3",
  none: "III.5.risk1",
};

export const carriageRisk = (p: Phase | null) => CARRIAGE[key(p)];
export const methodRisk = (p: Phase | null) => METHOD[key(p)];
export const recipientRisk = (p: Phase | null) => RECIPIENT[key(p)];
export const unlawfulRisk = (p: Phase | null) => UNLAWFUL[key(p)];

/** The phase a finding is grouped under: the flow's own phase when it belongs to the risk's block. */
export function phaseFor(riskId: RiskId, flowPhase: Phase | null): Phase | "general" {
  const own = RISKS[riskId].phase;
  if (flowPhase === "transfer" && own === "provision") return "transfer";
  if (flowPhase === "disposal" && own === "storage") return "disposal";
  return own;
}

export function flowHit(f: FlowFacts, detail: Bilingual, extra: Partial<Hit> = {}): Hit {
  // Built field by field (no spreads): this runs once per finding on large models.
  const hit: Hit = {
    elementKind: "flow",
    elementId: f.flow.id,
    relatedIds: extra.relatedIds ?? [f.source.node.id, f.target.node.id],
    impact: extra.impact ?? f.impact,
    likelihood: extra.likelihood ?? f.likelihood,
    detail,
    safeguards: "safeguards" in extra ? extra.safeguards : f.safeguards,
  };
  if (extra.riskId) {
    hit.riskId = extra.riskId;
    hit.phase = extra.phase ?? phaseFor(extra.riskId, f.phase);
  } else if (extra.phase) hit.phase = extra.phase;
  if (extra.suffix) hit.suffix = extra.suffix;
  return hit;
}

export function nodeHit(
  n: NodeFacts,
  detail: Bilingual,
  extra: Partial<Hit> & { impact: Level; likelihood: Level },
): Hit {
  const hit: Hit = {
    elementKind: "node",
    elementId: n.node.id,
    relatedIds: extra.relatedIds ?? [],
    impact: extra.impact,
    likelihood: extra.likelihood,
    detail,
    safeguards: "safeguards" in extra ? extra.safeguards : n.safeguards,
  };
  if (extra.riskId) hit.riskId = extra.riskId;
  if (extra.phase) hit.phase = extra.phase;
  if (extra.suffix) hit.suffix = extra.suffix;
  return hit;
}

export const q = (s: string) => `「${s}」`;

/** "特定個人情報 (or data that may be) on flow X" in both languages. */
export function onFlow(f: FlowFacts, ja: string, en: string): Bilingual {
  const d = dataPhrase(f.mine);
  return { ja: `${q(f.label)}：${d.ja}${ja}`, en: `${f.label}: ${d.en} ${en}` };
}

export const MEDIA_TRANSPORTS: ReadonlySet<TransportId> = new Set<TransportId>(["flash_memory", "removable_media"]);
export const EMAIL_TRANSPORTS: ReadonlySet<TransportId> = new Set<TransportId>(["email", "internet_email"]);

/**
 * Removable media holding (possibly) 特定個人情報: either a flow carried on USB or other media, or a node of
 * kind "media" (the 外部記録媒体 of the 別添1 legend). A flow into or out of a media node is reported on
 * the node, so that one medium is one finding.
 */
export function checkMedia(
  rule: Pick<RuleDef, "riskId">,
  detail: { ja: string; en: string },
  likelihoodBonus = 0,
): Pick<RuleDef, "checkFlow" | "checkNode"> {
  return {
    checkFlow: (f: FlowFacts, _ctx: EvalContext, emit: Emit) => {
      if (!f.flow.transport || !MEDIA_TRANSPORTS.has(f.flow.transport) || !f.possiblyMine) return;
      if (f.source.node.kind === "media" || f.target.node.kind === "media") return;
      const riskId = carriageRisk(f.phase);
      emit(
        flowHit(f, onFlow(f, detail.ja, detail.en), {
          riskId,
          likelihood: clampLevel(f.likelihood + likelihoodBonus),
        }),
      );
    },
    checkNode: (n: NodeFacts, ctx: EvalContext, emit: Emit) => {
      if (n.node.kind !== "media") return;
      let possiblyMine = n.node.fileIds.length > 0;
      let mine: boolean | null = possiblyMine;
      let crosses = false;
      const present = new Set<SafeguardKind>(n.safeguards);
      for (const fl of [...n.incoming, ...n.outgoing]) {
        if (fl.carriesMyNumber !== false) {
          possiblyMine = true;
          if (fl.carriesMyNumber === true) mine = true;
          else if (mine !== true) mine = null;
        }
        for (const s of fl.safeguards) present.add(s.kind);
      }
      if (!possiblyMine) return;
      for (const fl of n.outgoing) {
        const other = ctx.nodes.get(fl.target);
        if (other && other.organisation !== null && n.organisation !== null && other.organisation !== n.organisation)
          crosses = true;
      }
      const d = dataPhrase(mine);
      const first = n.incoming[0] ?? n.outgoing[0];
      const phase = first ? (ctx.classifications.get(first.id)?.phase ?? null) : null;
      const riskId = first ? carriageRisk(phase) : rule.riskId;
      emit(
        nodeHit(
          n,
          {
            ja: `${q(n.node.label)}（外部記録媒体）：${d.ja}${detail.ja}`,
            en: `${n.node.label} (media): ${d.en} ${detail.en}`,
          },
          {
            impact: impactOf(mine),
            likelihood: clampLevel(3 + (crosses ? 1 : 0) + likelihoodBonus),
            riskId,
            phase: phaseFor(riskId, phase),
            safeguards: present,
            relatedIds: [...n.incoming.map((x) => x.id), ...n.outgoing.map((x) => x.id)],
          },
        ),
      );
    },
  };
}
