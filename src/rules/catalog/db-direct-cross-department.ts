import { defineRule } from "../rule";
import { flowHit, methodRisk, onFlow } from "./shared";

export const dbDirectCrossDepartment = defineRule({
  id: "db-direct-cross-department",
  title: { ja: "他部署のシステムからのデータベース直接参照", en: "Direct database access from another department" },
  explanation: {
    ja: "別の部署・組織のシステムが、連携の仕組みを通さずにデータベースを直接参照している。",
    en: "Another department's or organisation's system reads the database directly instead of through a linkage system.",
  },
  why: {
    ja: "直接参照では、必要な項目だけを渡す制御や誰がいつ見たかの記録が効かず、目的外の紐付けを止められません。",
    en: "Direct access bypasses item filtering and access records, so linkage beyond the purpose cannot be prevented.",
  },
  mitigation: {
    ja: "庁内連携システム経由に切り替えるか、参照できる項目と利用者を限定し、操作ログを記録する（「アクセス権限の管理」と「操作ログの記録」）。",
    en: "Go through the linkage system, or restrict items and users and log access (access control and operation log).",
  },
  phase: "use",
  riskId: "III.3.risk1",
  category: "risk",
  excludedBy: [["access_control", "operation_log"]],
  falsePositives: {
    ja: "同じ部署の二つのシステムを、所属を誤って別部署として描いた場合。",
    en: "Two systems of one department drawn with different owners by mistake.",
  },
  checkFlow: (f, _ctx, emit) => {
    if (f.flow.transport !== "db_direct") return;
    const differ = f.source.party !== f.target.party || f.crossesOrganisation;
    if (!differ) return;
    const riskId = f.phase === "transfer" || f.phase === "provision" ? methodRisk(f.phase) : "III.3.risk1";
    emit(
      flowHit(
        f,
        onFlow(
          f,
          "を他部署・他組織のシステムがデータベース直接参照で得ています",
          "is read directly from the database by another department's system",
        ),
        {
          riskId,
          likelihood: Math.max(f.likelihood, 2) as 2 | 3 | 4,
        },
      ),
    );
  },
});
