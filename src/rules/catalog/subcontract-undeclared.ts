import { nodeHoldsMyNumber } from "../context";
import { defineRule } from "../rule";
import { delegationOf } from "./delegation";
import { nodeHit, q } from "./shared";

export const subcontractUndeclared = defineRule({
  id: "subcontract-undeclared",
  title: { ja: "再委託の定めのない再委託先", en: "Subcontractor without a declared 再委託" },
  explanation: {
    ja: "再委託先が特定個人情報を扱うのに、その委託事項で「再委託する」と許諾方法が定められていない。",
    en: "A subcontractor handles 特定個人情報, but its 委託事項 does not declare 再委託 and how it is approved.",
  },
  why: {
    ja: "番号法第10条により、再委託には委託元の許諾が必要です。許諾の方法がなければ、誰が扱っているかを委託元が把握できません。",
    en: "Article 10 requires the original principal's approval for subcontracting; without an approval procedure nobody knows who handles the data.",
  },
  mitigation: {
    ja: "委託事項で「再委託する」とし、再委託の許諾方法（書面による事前承認等）と再委託事項を記入する。",
    en: "Set 再委託 on the 委託事項 and record the approval method (prior written consent) and the subcontracted items.",
  },
  phase: "delegation",
  riskId: "III.4.risk5",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "再委託先ではなく委託先（元請）を再委託先として描いた場合。",
    en: "A main contractor drawn as a subcontractor.",
  },
  checkNode: (n, ctx, emit) => {
    if (n.party !== "subcontractor" || !nodeHoldsMyNumber(n)) return;
    const d = delegationOf(n, ctx);
    const missing: { ja: string; en: string }[] = [];
    if (!d) missing.push({ ja: "委託事項", en: "a 委託事項" });
    else {
      if (d.subcontract !== true) missing.push({ ja: "「再委託する」の定め", en: "再委託 declared" });
      if (!d.subcontractApproval?.trim()) missing.push({ ja: "再委託の許諾方法", en: "the approval method" });
    }
    if (missing.length === 0) return;
    emit(
      nodeHit(
        n,
        {
          ja: `${q(n.node.label)}：再委託先ですが、${missing.map((m) => m.ja).join("・")}がありません`,
          en: `${n.node.label}: a subcontractor lacking ${missing.map((m) => m.en).join(" and ")}`,
        },
        { impact: 4, likelihood: 3, riskId: "III.4.risk5", relatedIds: n.incoming.map((f) => f.id) },
      ),
    );
  },
});
