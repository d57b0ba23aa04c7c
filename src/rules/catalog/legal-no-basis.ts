import { defineRule } from "../rule";
import { basesOf, mayLeaveTheBody } from "./legal";
import { flowHit, onFlow, unlawfulRisk } from "./shared";

export const legalNoBasis = defineRule({
  id: "legal-no-basis",
  title: { ja: "法令上の根拠のない提供・移転", en: "Provision or transfer without a legal basis" },
  explanation: {
    ja: "他機関への提供、または庁内他部署への移転に、法令上の根拠（番号法第19条・第9条、条例等）が記録されていない。",
    en: "A provision to another body or a transfer to another department has no legal basis recorded.",
  },
  why: {
    ja: "特定個人情報の提供は番号法第19条各号に当たる場合に限られ、移転は第9条の利用の範囲に限られます。根拠のない提供は違法です。",
    en: "Provision is lawful only under an item of Article 19 and transfer only within Article 9 use; without a basis it is unlawful.",
  },
  mitigation: {
    ja: "根拠条文（例：番号法第19条第8号、第9条第1項 別表の項、条例）を流れまたは提供・移転先に記録する。根拠がなければ流れを見直す。",
    en: "Record the basis on the flow or the provision (e.g. Art. 19 item 8, Art. 9(1) table row, ordinance); without one, stop the flow.",
  },
  phase: "provision",
  riskId: "III.5.risk1",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "根拠が事務全体の記載（Ⅰ5）にだけあり流れに付いていない場合も指摘します。区分が未確定でも、他機関・他部署へ渡りうる流れは点検します。",
    en: "Fires when the basis is only stated for the whole 事務 and not linked to the flow. A flow whose phase is undecided is checked when it may leave the body.",
  },
  checkFlow: (f, ctx, emit) => {
    if (!f.possiblyMine || !mayLeaveTheBody(f)) return;
    if (basesOf(f, ctx).length > 0) return;
    // Provision over the network may rest on the basis the 評価書 states for the linkage as a whole (Ⅰ6②).
    if (f.phase === "network_provision" && ctx.doc.meta.networkLinkage.legalBasis.length > 0) return;
    const what = f.phase === "transfer" ? { ja: "移転", en: "transferred" } : { ja: "提供", en: "provided" };
    const undecided = f.phase === null ? { ja: "（区分は未確定）", en: " (phase not decided)" } : { ja: "", en: "" };
    emit(
      flowHit(
        f,
        onFlow(
          f,
          `の${what.ja}${undecided.ja}に法令上の根拠が記録されていません`,
          `is ${what.en}${undecided.en} with no legal basis recorded`,
        ),
        { riskId: unlawfulRisk(f.phase), likelihood: 4 },
      ),
    );
  },
});
