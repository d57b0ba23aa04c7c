import { defineRule } from "../rule";
import { checkMedia } from "./shared";

export const mediaNotDeleted = defineRule({
  id: "media-not-deleted",
  title: { ja: "連携後に削除されない外部記録媒体", en: "Media not wiped after the transfer" },
  explanation: {
    ja: "特定個人情報を運んだ媒体から、連携後直ちにデータを削除する（または完全消去する）定めがない。",
    en: "Media that carried 特定個人情報 are not wiped right after the transfer.",
  },
  why: {
    ja: "データが残った媒体は、保管中・再利用時・廃棄時に漏えいの元になります。",
    en: "Data left on media leaks when they are stored, reused or thrown away.",
  },
  mitigation: {
    ja: "取込み後直ちに媒体内のデータを削除し、その記録を残す。「連携後直ちに削除」または「完全消去」を設定する。",
    en: "Delete the data right after it is loaded and record it; add delete-after-transfer or secure-erase.",
  },
  phase: "storage",
  riskId: "III.7.risk1",
  category: "risk",
  excludedBy: [["delete_after_transfer"], ["secure_erase"]],
  falsePositives: {
    ja: "バックアップ媒体のように保管が目的の媒体では当てはまりません（保管期間と消去方法があれば「対象外」）。",
    en: "Does not fit media meant for keeping, such as backups (mark not applicable when retention is defined).",
  },
  ...checkMedia(
    { riskId: "III.7.risk1" },
    { ja: "を運んだ媒体を連携後に削除する定めがありません", en: "is carried on media not wiped after the transfer" },
    -1,
  ),
});
