import { defineRule } from "../rule";
import { flowHit, onFlow } from "./shared";

export const backupOffsiteUnencrypted = defineRule({
  id: "backup-offsite-unencrypted",
  title: { ja: "暗号化されない庁外へのバックアップ", en: "Unencrypted off-site backup" },
  explanation: {
    ja: "バックアップを媒体の搬送や他の組織・拠点（データセンター等）へ送るのに、暗号化がない。",
    en: "A backup is carried or sent off site (another organisation, zone or data centre) without encryption.",
  },
  why: {
    ja: "バックアップはファイル全体の写しです。搬送中や外部保管先での紛失は、全件の漏えいになります。",
    en: "A backup is a copy of the whole file; losing it in transit or off site leaks every record.",
  },
  mitigation: {
    ja: "バックアップを暗号化し、鍵は別に管理する。「暗号化」を設定する。",
    en: "Encrypt the backup and keep the key separately; add the encryption safeguard.",
  },
  phase: "storage",
  riskId: "III.7.risk1",
  category: "risk",
  excludedBy: [["encryption"], ["content_encryption"]],
  falsePositives: {
    ja: "同じ建物内の別ラックへの複製を、別の区域として描いた場合。",
    en: "A copy to another rack in the same building drawn as another zone.",
  },
  checkFlow: (f, _ctx, emit) => {
    if (!f.flow.isBackup || !f.possiblyMine) return;
    const offsite =
      f.props?.physical === true ||
      f.crossesOrganisation ||
      f.crossesNetwork ||
      f.target.boundaries.includes("datacenter") ||
      f.target.boundaries.includes("government_cloud");
    if (!offsite) return;
    emit(
      flowHit(
        f,
        onFlow(f, "のバックアップを暗号化せずに庁外・別拠点へ送っています", "is backed up off site without encryption"),
        {
          riskId: "III.7.risk1",
          phase: "storage",
          likelihood: Math.max(f.likelihood, 3) as 3 | 4,
        },
      ),
    );
  },
});
