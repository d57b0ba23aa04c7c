import type { ModelNode, NodeKind, Party } from "../model";
import { LANE_KINDS } from "../model";
import { type GraphIndex, groupChain } from "./graph-index";

/** Kinds whose owner is clear from the kind alone. Media, paper, stores and terminals are not. */
export const KIND_DEFAULT_PARTY: Partial<Record<NodeKind, Party>> = {
  person: "subject",
  staff: "self",
  system_own: "self",
  contractor: "contractor",
  subcontractor: "subcontractor",
  department: "self_department",
  agency: "external",
  system_external: "external",
};

export type PartySource = "owner" | "lane" | "kind";
export interface ResolvedParty {
  party: Party | null;
  source: PartySource | null;
}

/**
 * Who a node belongs to: the owner recorded on the node, else the party of the lane it sits in, else
 * what its kind implies. null when none of these tells.
 */
export function resolveParty(index: GraphIndex, node: ModelNode): ResolvedParty {
  if (node.owner?.party) return { party: node.owner.party, source: "owner" };
  for (const g of groupChain(index, node)) {
    if (g.type === "lane" && g.laneKind) {
      const p = LANE_KINDS[g.laneKind].party;
      if (p) return { party: p, source: "lane" };
    }
  }
  const byKind = KIND_DEFAULT_PARTY[node.kind];
  return byKind ? { party: byKind, source: "kind" } : { party: null, source: null };
}

/** Parties that act inside the 評価実施機関's processing of this 事務. */
export const INSIDE: ReadonlySet<Party> = new Set<Party>(["self"]);
export const CONTRACTING: ReadonlySet<Party> = new Set<Party>(["contractor", "subcontractor"]);

/** Network zones a node sits in (boundary kinds, innermost first). */
export function boundaryKinds(index: GraphIndex, node: ModelNode) {
  return groupChain(index, node)
    .filter((g) => g.type === "boundary" && g.boundaryKind)
    .map((g) => g.boundaryKind as NonNullable<typeof g.boundaryKind>);
}
