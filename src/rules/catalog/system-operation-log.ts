import { defineRule } from "../rule";
import { nodeHit, q } from "./shared";
import { holdsForUse } from "./systems";

export const systemOperationLog = defineRule({
  id: "system-operation-log",
  title: { ja: "操作ログを記録しないシステム", en: "System without an operation log" },
  explanation: {
    ja: "特定個人情報を扱う自組織のシステムで、誰がいつ何をしたかの記録（操作ログ）が記録されていない。",
    en: "An own system handling 特定個人情報 keeps no record of who did what and when.",
  },
  why: {
    ja: "記録がなければ不正な使用や複製に気付けず、事故の調査もできません（評価書Ⅲ3「特定個人情報の使用の記録」）。",
    en: "Without a log misuse and copying go unnoticed and incidents cannot be investigated (Ⅲ3, use records).",
  },
  mitigation: {
    ja: "操作ログを取得・保存し、定期的に確認する。「操作ログの記録」を設定する。",
    en: "Record and keep operation logs and review them regularly; add the operation-log safeguard.",
  },
  phase: "use",
  riskId: "III.3.risk2",
  category: "risk",
  excludedBy: [["operation_log"]],
  falsePositives: {
    ja: "ログを記録する基盤（統合宛名・共通基盤）側で取得している場合。",
    en: "Logs kept by a shared platform rather than the system itself.",
  },
  checkNode: (n, _ctx, emit) => {
    if (!holdsForUse(n)) return;
    emit(
      nodeHit(
        n,
        {
          ja: `${q(n.node.label)}：特定個人情報を扱うシステムの操作ログの記録がありません`,
          en: `${n.node.label}: no operation log for a system handling 特定個人情報`,
        },
        { impact: 4, likelihood: 1, riskId: "III.3.risk2" },
      ),
    );
  },
});
