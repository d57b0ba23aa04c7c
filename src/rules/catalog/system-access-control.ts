import { defineRule } from "../rule";
import { nodeHit, q } from "./shared";
import { holdsForUse } from "./systems";

export const systemAccessControl = defineRule({
  id: "system-access-control",
  title: { ja: "認証・アクセス権限の管理のないシステム", en: "System without authentication and access control" },
  explanation: {
    ja: "特定個人情報を扱う自組織のシステムに、ユーザ認証とアクセス権限の管理の両方が記録されていない。",
    en: "An own system handling 特定個人情報 has no authentication and access control recorded.",
  },
  why: {
    ja: "権限のない者（元職員、アクセス権限のない職員等）による不正な使用を防ぐ基本の対策で、評価書Ⅲ3リスク2で問われます。",
    en: "It is the basic defence against use by unauthorised persons (former staff, staff without rights), asked in Ⅲ3 risk 2.",
  },
  mitigation: {
    ja: "ID・パスワード（または生体認証）で利用者を認証し、事務に必要な者だけに権限を与え、異動・退職時に失効させる。「認証」と「アクセス権限の管理」を設定する。",
    en: "Authenticate users, grant rights only to those the 事務 needs and revoke them on transfer or exit; add both safeguards.",
  },
  phase: "use",
  riskId: "III.3.risk2",
  category: "risk",
  excludedBy: [
    ["authentication", "access_control"],
    ["multi_factor", "access_control"],
  ],
  falsePositives: {
    ja: "庁内共通の認証基盤で管理しているが、図のシステムに記録していない場合。",
    en: "Shared office-wide authentication that is not recorded on the system.",
  },
  checkNode: (n, _ctx, emit) => {
    if (!holdsForUse(n)) return;
    emit(
      nodeHit(
        n,
        {
          ja: `${q(n.node.label)}：特定個人情報を扱うシステムのユーザ認証・アクセス権限の管理が記録されていません`,
          en: `${n.node.label}: no authentication and access control recorded for a system handling 特定個人情報`,
        },
        { impact: 4, likelihood: 1, riskId: "III.3.risk2" },
      ),
    );
  },
});
