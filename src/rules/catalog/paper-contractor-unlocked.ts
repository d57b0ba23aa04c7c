import { CONTRACTING } from "../../derive";
import { nodeHoldsMyNumber } from "../context";
import { defineRule } from "../rule";
import { impactOf } from "../severity";
import { nodeHit, q } from "./shared";

export const paperContractorUnlocked = defineRule({
  id: "paper-contractor-unlocked",
  title: { ja: "委託先で施錠保管されていない紙書類", en: "Paper kept by a contractor without locked storage" },
  explanation: {
    ja: "委託先（再委託先）が保管する特定個人情報を含む紙書類に、施錠保管の定めがない。",
    en: "Paper with 特定個人情報 kept by a contractor is not in locked storage.",
  },
  why: {
    ja: "委託先の作業場所は委託元の目が届きにくく、紙は持ち出し・紛失に気付きにくい媒体です。",
    en: "Contractor premises are hard to oversee, and paper goes missing unnoticed.",
  },
  mitigation: {
    ja: "施錠できる書庫で保管し、鍵の管理者を定め、契約で義務付ける。「施錠保管」を設定する。",
    en: "Keep it in lockable cabinets with a named key holder, required by contract; add locked storage.",
  },
  phase: "delegation",
  riskId: "III.4.risk3",
  category: "risk",
  excludedBy: [["locked_storage"]],
  falsePositives: {
    ja: "受け取った当日に委託元へ返す書類（保管しない）も指摘します。",
    en: "Also fires for documents returned the same day (not kept).",
  },
  checkNode: (n, _ctx, emit) => {
    if (n.node.kind !== "paper") return;
    const atContractor = (n.party !== null && CONTRACTING.has(n.party)) || n.boundaries.includes("contractor_site");
    if (!atContractor || !nodeHoldsMyNumber(n)) return;
    let mine: boolean | null = n.node.fileIds.length > 0 ? true : null;
    for (const f of n.incoming) if (f.carriesMyNumber === true) mine = true;
    const owner = n.node.owner?.name;
    emit(
      nodeHit(
        n,
        {
          ja: `${q(n.node.label)}：委託先${owner ? `（${owner}）` : ""}で保管する紙書類に施錠保管の定めがありません`,
          en: `${n.node.label}: paper kept by the contractor${owner ? ` (${owner})` : ""} has no locked storage`,
        },
        { impact: impactOf(mine), likelihood: 3, riskId: "III.4.risk3" },
      ),
    );
  },
});
