import { defineRule } from "../rule";
import { INCOMPLETE } from "./incomplete";
import { flowHit, q } from "./shared";

export const incompletePhaseUnclassified = defineRule({
  id: "incomplete-phase-unclassified",
  title: { ja: "評価書の区分が決まらない流れ", en: "Flow whose 評価書 phase is undecided" },
  explanation: {
    ja: "流れが入手・使用・委託・提供・移転・保管のどれに当たるか、図から決まらない（情報提供ネットワークシステムとの流れ、所属未設定など）。",
    en: "The graph cannot tell whether the flow is acquisition, use, delegation, provision, transfer or storage.",
  },
  why: {
    ja: "区分が決まらない流れは評価書のどの欄にも載らず、リスク対策の判定からも漏れます。",
    en: "An unclassified flow appears in no section of the 評価書 and escapes the risk checks.",
  },
  mitigation: {
    ja: "流れの区分を指定するか、始点・終点の所属を設定する（理由は指摘の詳細を参照）。",
    en: "Set the flow's phase, or the owner of its ends (see the detail for the reason).",
  },
  falsePositives: { ja: "ありません。", en: "None." },
  ...INCOMPLETE,
  checkFlow: (f, _ctx, emit) => {
    if (f.phase !== null) return;
    const c = f.classification;
    emit(
      flowHit(
        f,
        { ja: `${q(f.label)}：評価書の区分が決まりません（${c.ja}）`, en: `${f.label}: no 評価書 phase (${c.en})` },
        { likelihood: 1, riskId: "general", phase: "general", safeguards: undefined },
      ),
    );
  },
});
