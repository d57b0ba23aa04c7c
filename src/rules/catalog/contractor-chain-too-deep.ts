import { CONTRACTING } from "../../derive";
import type { Delegation } from "../../model";
import type { NodeFacts } from "../context";
import { defineRule } from "../rule";
import { declaredDepth, delegationOf } from "./delegation";
import { nodeHit, q } from "./shared";

export const contractorChainTooDeep = defineRule({
  id: "contractor-chain-too-deep",
  title: { ja: "申告より深い再委託の連鎖", en: "Contractor chain deeper than declared" },
  explanation: {
    ja: "委託先から先へ特定個人情報が渡る段数（再委託・再々委託…）が、委託事項で申告した段数を超えている。",
    en: "特定個人情報 passes through more levels of subcontracting than the 委託事項 declares.",
  },
  why: {
    ja: "申告されていない再々委託先は許諾も監督も受けておらず、事故時に責任の所在が分かりません。",
    en: "An undeclared sub-subcontractor was never approved or supervised; responsibility is unclear after an incident.",
  },
  mitigation: {
    ja: "実際の段数を委託事項（申告段数）に記録し、各段の許諾を得る。不要な段は流れから外す。",
    en: "Record the real depth on the 委託事項 and get approval for each level, or remove the extra level.",
  },
  phase: "delegation",
  riskId: "III.4.risk5",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "同じ委託先の中の作業場所の間の流れを、別の再委託先として描いた場合。",
    en: "Flows between sites of one contractor drawn as separate subcontractors.",
  },
  // Breadth-first over contractor → contractor flows: every node and flow is visited once.
  checkModel: (ctx, emit) => {
    const depth = new Map<string, number>();
    const root = new Map<string, Delegation | undefined>();
    const queue: NodeFacts[] = [];
    const isContracting = (n: NodeFacts) => n.party !== null && CONTRACTING.has(n.party);
    for (const n of ctx.nodes.values()) {
      if (!isContracting(n)) continue;
      const fedFromOutside = n.incoming.some((f) => {
        const s = ctx.nodes.get(f.source);
        return s !== undefined && !isContracting(s);
      });
      if (n.party === "contractor" || fedFromOutside) {
        depth.set(n.node.id, 1);
        root.set(n.node.id, delegationOf(n, ctx));
        queue.push(n);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i];
      const d = depth.get(n.node.id)!;
      for (const f of n.outgoing) {
        const t = ctx.nodes.get(f.target);
        if (!t || !isContracting(t) || depth.has(t.node.id)) continue;
        depth.set(t.node.id, d + 1);
        root.set(t.node.id, root.get(n.node.id) ?? delegationOf(t, ctx));
        queue.push(t);
      }
    }
    for (const [id, d] of depth) {
      const delegation = root.get(id);
      if (!delegation || d <= 1) continue;
      const levels = d - 1;
      const declared = declaredDepth(delegation);
      if (levels <= declared) continue;
      const n = ctx.nodes.get(id)!;
      emit(
        nodeHit(
          n,
          {
            ja: `${q(n.node.label)}：委託事項「${delegation.name}」の再委託は${declared}段と申告されていますが、この先は${levels}段目です`,
            en: `${n.node.label}: 委託事項 "${delegation.name}" declares ${declared} level(s) of subcontracting; this is level ${levels}`,
          },
          { impact: 4, likelihood: 3, riskId: "III.4.risk5", relatedIds: n.incoming.map((f) => f.id) },
        ),
      );
    }
  },
});
