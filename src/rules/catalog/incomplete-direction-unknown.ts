import { defineRule } from "../rule";
import { INCOMPLETE, incompleteFlow } from "./incomplete";

export const incompleteDirectionUnknown = defineRule({
  id: "incomplete-direction-unknown",
  title: { ja: "向きが未確定の流れ", en: "Flow with unknown direction" },
  explanation: {
    ja: "流れの向き（どちらからどちらへ）が未確定とされている。",
    en: "The flow's direction is marked unknown.",
  },
  why: {
    ja: "向きが決まらないと、入手か提供かが決まらず、根拠や対策の要否も判断できません。",
    en: "Without a direction the flow is neither acquisition nor provision, so basis and measures cannot be judged.",
  },
  mitigation: {
    ja: "向きを確認して矢印を直し、「向き未確定」を外す。",
    en: "Confirm the direction, fix the arrow and clear the flag.",
  },
  falsePositives: { ja: "ありません。", en: "None." },
  ...INCOMPLETE,
  ...incompleteFlow((f) => f.flow.directionUnknown === true, {
    ja: "流れの向きが未確定です",
    en: "direction unknown",
  }),
});
