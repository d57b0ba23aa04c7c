import { defineRule } from "../rule";
import { flowHit, methodRisk, onFlow } from "./shared";

export const internetEmail = defineRule({
  id: "internet-email",
  title: { ja: "インターネットメールでの送受信", en: "Internet email" },
  explanation: {
    ja: "個人情報をインターネットの電子メールで送受信している。",
    en: "Personal data is exchanged by internet email.",
  },
  why: {
    ja: "インターネットメールは経路も宛先も組織の管理外です。個人番号利用事務系はインターネットから分離するのが原則です。",
    en: "Internet mail leaves the organisation's control; the My Number segment is meant to be separated from the internet.",
  },
  mitigation: {
    ja: "LGWAN メール、専用線、情報提供ネットワークシステム、または暗号化した媒体に切り替える。残す場合は理由を記録して「許容」とする。",
    en: "Switch to LGWAN mail, a dedicated line, the information provision network or encrypted media; otherwise accept with a reason.",
  },
  phase: "provision",
  riskId: "III.5.risk2",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "本人からの問合せメールのように事務が選べない経路（「許容」で理由を記録）。",
    en: "Channels the 事務 cannot choose, such as enquiries from residents (accept with a reason).",
  },
  checkFlow: (f, _ctx, emit) => {
    if (f.flow.transport !== "internet_email") return;
    emit(
      flowHit(f, onFlow(f, "をインターネットメールで送受信しています", "travels by internet email"), {
        riskId: methodRisk(f.phase),
      }),
    );
  },
});
