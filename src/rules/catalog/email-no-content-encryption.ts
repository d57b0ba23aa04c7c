import { defineRule } from "../rule";
import { EMAIL_TRANSPORTS, flowHit, methodRisk, onFlow } from "./shared";

export const emailNoContentEncryption = defineRule({
  id: "email-no-content-encryption",
  title: { ja: "内容が暗号化されていない電子メール", en: "Email without content encryption" },
  explanation: {
    ja: "特定個人情報を電子メールで送るのに、添付ファイルの暗号化・パスワード設定がない。",
    en: "特定個人情報 is sent by email without encrypting the content.",
  },
  why: {
    ja: "通信路が閉じていても、メールは誤送信・転送・受信箱からの流出で読まれます。内容の暗号化だけがそれを防ぎます。",
    en: "Even on a closed network, mail is misdirected, forwarded or leaked from mailboxes; only content encryption protects it.",
  },
  mitigation: {
    ja: "ファイルを暗号化しパスワードは別経路で伝える。流れに「ファイルの暗号化・パスワード設定」を設定する。",
    en: "Encrypt the attachment and send the password separately; add content encryption to the flow.",
  },
  phase: "provision",
  riskId: "III.5.risk2",
  category: "risk",
  excludedBy: [["content_encryption"], ["encryption"]],
  falsePositives: {
    ja: "本文に個人番号を含まない通知メール（特定個人情報の流れでない）を特定個人情報ありとした場合。",
    en: "A notice mail without numbers that was marked as carrying 特定個人情報.",
  },
  checkFlow: (f, _ctx, emit) => {
    if (!f.flow.transport || !EMAIL_TRANSPORTS.has(f.flow.transport) || !f.possiblyMine) return;
    emit(
      flowHit(f, onFlow(f, "を内容の暗号化なしで電子メール送信しています", "is emailed without content encryption"), {
        riskId: methodRisk(f.phase),
      }),
    );
  },
});
