import { defineRule } from "../rule";
import { INCOMPLETE, incompleteFlow } from "./incomplete";

export const incompleteNoData = defineRule({
  id: "incomplete-no-data",
  title: { ja: "運ぶ情報が未記入の流れ", en: "Flow with no data named" },
  explanation: {
    ja: "流れが何の情報（申請書、住民票情報…）を運ぶか書かれていない。",
    en: "The flow does not say what it carries.",
  },
  why: {
    ja: "運ぶ情報が分からないと、必要最小限か、提供する情報（Ⅱ5③）が何かを示せません。",
    en: "Without it nobody can check minimisation or state the provided information (Ⅱ5③).",
  },
  mitigation: { ja: "流れの「情報」に運ぶ内容を記入する。", en: "Fill in the data the flow carries." },
  falsePositives: { ja: "ありません。", en: "None." },
  ...INCOMPLETE,
  ...incompleteFlow((f) => !f.flow.data?.trim(), { ja: "運ぶ情報が記入されていません", en: "no data named" }),
});
