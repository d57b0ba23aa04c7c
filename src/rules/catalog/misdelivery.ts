import { TRANSPORTS } from "../../model";
import { defineRule } from "../rule";
import { flowHit, onFlow, recipientRisk } from "./shared";

export const misdelivery = defineRule({
  id: "misdelivery",
  title: { ja: "誤送付・誤送信のおそれ", en: "Risk of misdelivery" },
  explanation: {
    ja: "メール・FAX・郵送で送るのに、宛先の複数人確認がない。",
    en: "Mail, fax or post is sent without a second person checking the recipient.",
  },
  why: {
    ja: "宛先の取り違えは自治体の個人情報事故で最も多い原因の一つで、送ってしまうと取り消せません。",
    en: "A wrong address is among the most common causes of incidents, and a sent item cannot be recalled.",
  },
  mitigation: {
    ja: "送付前に宛先を複数人で確認する（登録済み宛先の使用、FAX は送信前の番号確認）。「宛先の複数人確認」または「複数人による確認」を設定する。",
    en: "Have a second person check the recipient before sending; add address check or two-person check.",
  },
  phase: "provision",
  riskId: "III.5.risk3",
  category: "risk",
  excludedBy: [["address_check"], ["two_person_check"]],
  falsePositives: {
    ja: "委託先が送る通知も指摘します（委託先の確認手順があれば、その措置を流れに記録してください）。本人が自分で送るものは対象外です。",
    en: "Also fires for notices a contractor sends (record the contractor's check on the flow); mail residents send themselves is not checked.",
  },
  checkFlow: (f, _ctx, emit) => {
    if (!f.flow.transport || !TRANSPORTS[f.flow.transport].props.misdeliveryProne) return;
    // What residents send themselves is addressed by them; the 事務 checks the addresses it writes.
    if (f.source.party === "subject") return;
    const via = TRANSPORTS[f.flow.transport];
    emit(
      flowHit(
        f,
        onFlow(
          f,
          `を${via.ja}で送る際に宛先誤りのおそれがあります`,
          `is sent by ${via.en.toLowerCase()} and may reach the wrong recipient`,
        ),
        { riskId: recipientRisk(f.phase) },
      ),
    );
  },
});
