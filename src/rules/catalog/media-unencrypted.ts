import { defineRule } from "../rule";
import { checkMedia } from "./shared";

export const mediaUnencrypted = defineRule({
  id: "media-unencrypted",
  title: { ja: "暗号化されていない外部記録媒体", en: "Unencrypted removable media" },
  explanation: {
    ja: "特定個人情報をフラッシュメモリや電子記録媒体で運ぶのに、暗号化（またはファイルの暗号化・パスワード設定）がない。",
    en: "特定個人情報 is carried on flash memory or other removable media without encryption.",
  },
  why: {
    ja: "媒体は紛失・盗難が起きやすく、暗号化がなければ拾った人が中身をそのまま読めます。",
    en: "Media get lost or stolen; without encryption whoever finds one can read it.",
  },
  mitigation: {
    ja: "暗号化機能付きの媒体を使うか、ファイルを暗号化しパスワードを別経路で伝える。流れまたは媒体に「暗号化」を設定する。",
    en: "Use encrypted media or encrypt the file and send the password separately; add the encryption safeguard.",
  },
  phase: "storage",
  riskId: "III.7.risk1",
  category: "risk",
  excludedBy: [["encryption"], ["content_encryption"]],
  falsePositives: {
    ja: "媒体がシステム室の中から出ない場合でも指摘します（持ち出し不可の運用は「許容」で理由を記録）。",
    en: "Also fires when the medium never leaves the server room (record that as accepted with a reason).",
  },
  ...checkMedia(
    { riskId: "III.7.risk1" },
    { ja: "を暗号化せずに媒体で運んでいます", en: "is carried on media without encryption" },
  ),
});
