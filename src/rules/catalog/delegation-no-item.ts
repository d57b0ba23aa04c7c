import { CONTRACTING } from "../../derive";
import { defineRule } from "../rule";
import { flowHit, onFlow } from "./shared";

export const delegationNoItem = defineRule({
  id: "delegation-no-item",
  title: { ja: "委託事項のない委託先への流れ", en: "Flow to a contractor with no 委託事項" },
  explanation: {
    ja: "委託先・再委託先へ特定個人情報が流れているのに、その流れにも委託先にも委託事項が結び付いていない。",
    en: "特定個人情報 flows to a contractor, but neither the flow nor the contractor is linked to a 委託事項.",
  },
  why: {
    ja: "委託事項（Ⅱ4）がなければ、委託の範囲・取扱者数・再委託の有無が評価書に載らず、委託先の監督の根拠もありません。",
    en: "Without a 委託事項 (Ⅱ4) the scope, handlers and subcontracting are not stated and supervision has no basis.",
  },
  mitigation: {
    ja: "委託事項を作り、委託先ノード（または流れ）に結び付ける。委託内容・委託先名・再委託の有無を記入する。",
    en: "Create the 委託事項 and link it to the contractor node or the flow; fill in content, contractor and subcontracting.",
  },
  phase: "delegation",
  riskId: "III.4.risk1",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "委託ではなく提供である相手（他機関）を委託先として描いた場合。",
    en: "A recipient drawn as a contractor that is really another body (a provision).",
  },
  checkFlow: (f, _ctx, emit) => {
    if (f.phase !== "delegation" || !f.possiblyMine) return;
    if (f.target.party === null || !CONTRACTING.has(f.target.party)) return;
    if (f.flow.delegationId || f.target.node.delegationId) return;
    emit(
      flowHit(f, onFlow(f, "が委託事項の定めのない委託先へ渡っています", "goes to a contractor with no 委託事項"), {
        riskId: "III.4.risk1",
        likelihood: 3,
      }),
    );
  },
});
