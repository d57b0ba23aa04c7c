import { defineRule } from "../rule";
import { INCOMPLETE, incompleteFlow } from "./incomplete";

export const incompleteMynumberUnknown = defineRule({
  id: "incomplete-mynumber-unknown",
  title: { ja: "特定個人情報を含むか未設定の流れ", en: "Flow whose 特定個人情報 flag is not set" },
  explanation: {
    ja: "流れが特定個人情報（個人番号を含む情報）を運ぶかどうかが設定されていない。判定では特定個人情報として扱う。",
    en: "Whether the flow carries 特定個人情報 is not set; the rules treat it as if it did.",
  },
  why: {
    ja: "評価書の対象は特定個人情報の流れです。未設定のままでは指摘が過大になり、図の実線・破線も決まりません。",
    en: "The 評価書 covers 特定個人情報 flows; an unset flag overstates findings and leaves the line style undecided.",
  },
  mitigation: {
    ja: "流れを選び、「特定個人情報を含む」を「はい」か「いいえ」にする。",
    en: "Set the flag to yes or no.",
  },
  falsePositives: { ja: "ありません。", en: "None." },
  ...INCOMPLETE,
  ...incompleteFlow((f) => f.mine === null, {
    ja: "特定個人情報を含むかどうかが未設定です",
    en: "carries 特定個人情報: not set",
  }),
});
