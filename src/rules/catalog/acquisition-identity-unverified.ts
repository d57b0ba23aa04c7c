import { SAFEGUARDS } from "../../model";
import { defineRule } from "../rule";
import { flowHit, onFlow } from "./shared";

const CHECKS = ["identity_verification", "number_verification"] as const;

export const acquisitionIdentityUnverified = defineRule({
  id: "acquisition-identity-unverified",
  title: { ja: "本人確認・番号確認のない入手", en: "Acquisition without identity and number checks" },
  explanation: {
    ja: "本人・代理人から特定個人情報を入手するのに、本人確認（身元確認）と個人番号の真正性確認（番号確認）の両方が記録されていない。",
    en: "特定個人情報 is acquired from the data subject without both an identity check and a My Number authenticity check.",
  },
  why: {
    ja: "番号法第16条は個人番号の提供を受けるときの本人確認を義務付けています。確認がないと、他人の番号や誤った番号が記録されます。",
    en: "Article 16 requires identity verification when a number is received; without it wrong or someone else's numbers are recorded.",
  },
  mitigation: {
    ja: "マイナンバーカード等で番号確認と身元確認を行い、その方法を流れに記録する（「本人確認」と「個人番号の真正性確認」）。",
    en: "Check the number and the identity (e.g. with the My Number card) and record both safeguards on the flow.",
  },
  phase: "acquisition",
  riskId: "III.2.risk3",
  category: "risk",
  excludedBy: [[...CHECKS]],
  falsePositives: {
    ja: "住基ネットで番号の真正性を確認する事務で、窓口の流れに確認を記録していない場合。",
    en: "Where the number is verified through Juki-net but not recorded on the counter flow.",
  },
  checkFlow: (f, _ctx, emit) => {
    if (f.phase !== "acquisition" || f.source.party !== "subject" || !f.possiblyMine) return;
    const missing = CHECKS.filter((k) => !f.safeguards.has(k));
    const gap = missing.length
      ? {
          ja: `（未記録：${missing.map((k) => SAFEGUARDS[k].ja).join("・")}）`,
          en: ` (not recorded: ${missing.map((k) => SAFEGUARDS[k].en.toLowerCase()).join(", ")})`,
        }
      : { ja: "", en: "" };
    emit(
      flowHit(
        f,
        onFlow(
          f,
          `の入手には本人確認と個人番号の真正性確認が必要です${gap.ja}`,
          `needs an identity check and a number authenticity check when acquired${gap.en}`,
        ),
        { riskId: "III.2.risk3", likelihood: 2 },
      ),
    );
  },
});
