import { defineRule } from "../rule";
import { impactOf } from "../severity";
import { nodeHit, q } from "./shared";
import { filesOf, HOLDER_KINDS, heldMyNumber } from "./storage";

export const storageNoDeletionMethod = defineRule({
  id: "storage-no-deletion-method",
  title: { ja: "消去方法の定めのない保管", en: "Storage without a deletion method" },
  explanation: {
    ja: "特定個人情報を保管するファイル・媒体・紙に、消去（廃棄）の方法が定められていない。",
    en: "A file, medium or paper holding 特定個人情報 has no deletion method.",
  },
  why: {
    ja: "消去方法が決まっていないと、期間が過ぎても消されず、廃棄した機器や書類から漏えいします。",
    en: "Without a method data outlives its period and leaks from discarded equipment or paper.",
  },
  mitigation: {
    ja: "消去方法（Ⅱ6③：データ消去ソフト、物理破壊、溶解処理など）を記入する。",
    en: "State the deletion method (Ⅱ6③: erasure software, physical destruction, pulping …).",
  },
  phase: "storage",
  riskId: "III.7.risk3",
  category: "risk",
  excludedBy: [["deletion_rule"], ["secure_erase"], ["physical_destruction"], ["delete_after_transfer"]],
  falsePositives: {
    ja: "庁全体の廃棄手順に従う場合でも、ノードかファイルに記入がなければ指摘します。",
    en: "Fires when an office-wide disposal rule exists but is not recorded on the node or file.",
  },
  checkNode: (n, ctx, emit) => {
    if (!HOLDER_KINDS.has(n.node.kind)) return;
    const mine = heldMyNumber(n);
    if (mine === undefined) return;
    if (n.node.deletionMethod?.trim() || filesOf(n, ctx).some((f) => f.deletionMethod?.trim())) return;
    emit(
      nodeHit(
        n,
        {
          ja: `${q(n.node.label)}：特定個人情報の消去方法が定められていません`,
          en: `${n.node.label}: no deletion method for the 特定個人情報 it holds`,
        },
        { impact: impactOf(mine), likelihood: 2, riskId: "III.7.risk3" },
      ),
    );
  },
});
