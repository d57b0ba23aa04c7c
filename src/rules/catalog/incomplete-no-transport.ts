import { defineRule } from "../rule";
import { INCOMPLETE, incompleteFlow } from "./incomplete";

export const incompleteNoTransport = defineRule({
  id: "incomplete-no-transport",
  title: { ja: "経路（方法）が未設定の流れ", en: "Flow with no transport" },
  explanation: {
    ja: "流れの方法（紙、専用線、電子メール…）が設定されていない。",
    en: "The flow's channel is not set.",
  },
  why: {
    ja: "方法が分からないと、漏えいのおそれを判定できず、Ⅱ3② 入手方法・Ⅱ5⑥ 提供方法も書けません。",
    en: "Without the channel the leak risk cannot be judged and Ⅱ3②/Ⅱ5⑥ cannot be written.",
  },
  mitigation: { ja: "流れを選び、インスペクタで方法を選ぶ。", en: "Select the flow and choose its transport." },
  falsePositives: { ja: "ありません。", en: "None." },
  ...INCOMPLETE,
  ...incompleteFlow((f) => !f.flow.transport, { ja: "方法が設定されていません", en: "no transport set" }),
});
