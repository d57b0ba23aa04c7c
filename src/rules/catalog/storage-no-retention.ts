import { defineRule } from "../rule";
import { impactOf } from "../severity";
import { nodeHit, q } from "./shared";
import { filesOf, HOLDER_KINDS, heldMyNumber } from "./storage";

export const storageNoRetention = defineRule({
  id: "storage-no-retention",
  title: { ja: "保管期間の定めのない保管", en: "Storage without a retention period" },
  explanation: {
    ja: "特定個人情報を保管するファイル・媒体・紙に、保管期間が定められていない。",
    en: "A file, medium or paper holding 特定個人情報 has no retention period.",
  },
  why: {
    ja: "番号法は事務に必要な限度を超えた保管を禁じています（第20条）。期間がなければ消去の時期が来ません。",
    en: "The Act forbids keeping the data beyond what the 事務 needs (Art. 20); without a period deletion never comes due.",
  },
  mitigation: {
    ja: "保管期間（Ⅱ6②）をノードまたは特定個人情報ファイルに設定し、その妥当性を記入する。",
    en: "Set the retention period (Ⅱ6②) on the node or its file and give the reason.",
  },
  phase: "storage",
  riskId: "III.7.risk3",
  category: "risk",
  excludedBy: [["retention_rule"], ["delete_after_transfer"]],
  falsePositives: {
    ja: "一時的な作業用の紙・媒体で、当日中に廃棄する運用のもの（「連携後直ちに削除」を設定すれば消えます）。",
    en: "Temporary working copies destroyed the same day (add delete-after-transfer).",
  },
  checkNode: (n, ctx, emit) => {
    if (!HOLDER_KINDS.has(n.node.kind)) return;
    const mine = heldMyNumber(n);
    if (mine === undefined) return;
    const defined = (r: string | undefined) => r !== undefined && r !== "定められていない";
    if (defined(n.node.retention) || filesOf(n, ctx).some((f) => defined(f.retention))) return;
    emit(
      nodeHit(
        n,
        {
          ja: `${q(n.node.label)}：特定個人情報の保管期間が定められていません`,
          en: `${n.node.label}: no retention period for the 特定個人情報 it holds`,
        },
        { impact: impactOf(mine), likelihood: 2, riskId: "III.7.risk3" },
      ),
    );
  },
});
