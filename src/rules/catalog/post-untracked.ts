import { defineRule } from "../rule";
import { carriageRisk, flowHit, onFlow } from "./shared";

export const postUntracked = defineRule({
  id: "post-untracked",
  title: { ja: "追跡できない郵送", en: "Post without tracking" },
  explanation: {
    ja: "特定個人情報を含む書類を、簡易書留など追跡できる方法でなく郵送している。",
    en: "Documents with 特定個人情報 are posted without tracked delivery.",
  },
  why: {
    ja: "普通郵便は配達の記録が残らず、紛失しても気付けず、どこで失われたかも分かりません。",
    en: "Ordinary mail leaves no record; a loss goes unnoticed and cannot be traced.",
  },
  mitigation: {
    ja: "簡易書留・特定記録・本人限定受取郵便など追跡できる方法で送る。「追跡可能な郵送」を設定する。",
    en: "Use registered or recorded delivery; add the tracked-mail safeguard.",
  },
  phase: "provision",
  riskId: "III.5.risk2",
  category: "risk",
  excludedBy: [["tracked_mail"]],
  falsePositives: {
    ja: "本人が返送する申請書など、送り手を自組織が選べない郵送。",
    en: "Mail sent by residents, where the sender's method cannot be chosen.",
  },
  checkFlow: (f, _ctx, emit) => {
    if (f.flow.transport !== "post" || !f.possiblyMine) return;
    emit(
      flowHit(f, onFlow(f, "を追跡できない方法で郵送しています", "is posted without tracking"), {
        riskId: carriageRisk(f.phase),
      }),
    );
  },
});
