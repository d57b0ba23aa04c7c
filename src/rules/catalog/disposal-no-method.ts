import { defineRule } from "../rule";
import { flowHit, onFlow } from "./shared";

export const disposalNoMethod = defineRule({
  id: "disposal-no-method",
  title: { ja: "消去・廃棄の方法がない廃棄", en: "Disposal without a method" },
  explanation: {
    ja: "特定個人情報を廃棄・消去へ回す流れに、完全消去・物理的破壊・溶解処理などの方法が記録されていない。",
    en: "A flow into disposal carries 特定個人情報 with no erasure, destruction or pulping method recorded.",
  },
  why: {
    ja: "ごみとして捨てた書類や初期化しただけの機器から、特定個人情報が復元・流出します。",
    en: "Paper thrown away or devices merely reformatted leak recoverable data.",
  },
  mitigation: {
    ja: "データ消去ソフトでの完全消去、物理的破壊、溶解処理を行い、証明書を受け取る。流れか廃棄ノードに方法を設定する。",
    en: "Erase with software, destroy physically or pulp, and obtain a certificate; record the method on the flow or disposal node.",
  },
  phase: "disposal",
  riskId: "III.7.risk3",
  category: "risk",
  excludedBy: [["secure_erase"], ["physical_destruction"], ["deletion_rule"]],
  falsePositives: {
    ja: "消去方法を保管ノードの「消去方法」にだけ書いた場合（廃棄の流れにも記録してください）。",
    en: "The method is written only on the store's deletion field (record it on the disposal flow too).",
  },
  checkFlow: (f, _ctx, emit) => {
    if (f.target.node.kind !== "disposal" || !f.possiblyMine) return;
    if (f.target.node.deletionMethod?.trim()) return;
    emit(
      flowHit(f, onFlow(f, "の廃棄・消去の方法が記録されていません", "is disposed of with no method recorded"), {
        riskId: "III.7.risk3",
        phase: "disposal",
        likelihood: 2,
      }),
    );
  },
});
