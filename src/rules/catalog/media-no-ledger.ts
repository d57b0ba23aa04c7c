import { defineRule } from "../rule";
import { checkMedia } from "./shared";

export const mediaNoLedger = defineRule({
  id: "media-no-ledger",
  title: { ja: "台帳で管理されていない外部記録媒体", en: "Media not kept in a ledger" },
  explanation: {
    ja: "特定個人情報を入れたまま残る媒体が、台帳（持出し・返却・廃棄の記録）で管理されていない。",
    en: "Media that keep 特定個人情報 are not tracked in a ledger (take-out, return, disposal).",
  },
  why: {
    ja: "台帳がないと、媒体がどこにあるか・紛失したかが分からず、事故に気付けません。",
    en: "Without a ledger nobody knows where a medium is or that it went missing.",
  },
  mitigation: {
    ja: "媒体を番号で台帳管理し、持出し・返却・廃棄を記録する。「媒体の台帳管理」を設定する。",
    en: "Number the media and record take-out, return and disposal; add the media-ledger safeguard.",
  },
  phase: "storage",
  riskId: "III.7.risk1",
  category: "risk",
  // Data deleted right after the transfer no longer sits on the medium; the ledger matters for media that keep it.
  excludedBy: [["media_ledger"], ["delete_after_transfer"], ["secure_erase"]],
  falsePositives: {
    ja: "庁全体の媒体管理規程で台帳管理している場合でも、図に設定がなければ指摘します。",
    en: "Fires when an office-wide media rule exists but is not recorded on the diagram.",
  },
  ...checkMedia(
    { riskId: "III.7.risk1" },
    { ja: "を入れた媒体が台帳で管理されていません", en: "stays on media not tracked in a ledger" },
    -1,
  ),
});
