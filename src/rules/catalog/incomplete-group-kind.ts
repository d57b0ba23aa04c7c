import { defineRule } from "../rule";
import { INCOMPLETE } from "./incomplete";
import { q } from "./shared";

export const incompleteGroupKind = defineRule({
  id: "incomplete-group-kind",
  title: { ja: "種類が未設定のレーン・境界", en: "Lane or boundary with no kind" },
  explanation: {
    ja: "レーンの種類（本人・自組織・委託先…）や境界の種類（個人番号利用事務系・インターネット接続系…）が設定されていない。",
    en: "A lane's kind (subject, own organisation, contractor …) or a boundary's kind (My Number segment, internet segment …) is not set.",
  },
  why: {
    ja: "レーンの種類は中のノードの所属を決め、境界の種類はネットワーク分離の点検に使われます。未設定だとその判定ができません。",
    en: "A lane's kind gives the owner of the nodes in it, and a boundary's kind drives the network-separation checks.",
  },
  mitigation: { ja: "レーン・境界を選び、種類を設定する。", en: "Select the lane or boundary and set its kind." },
  falsePositives: {
    ja: "説明のためだけの枠（その他の種類を選べば消えます）。",
    en: "Frames drawn only for explanation (choose その他 and it goes).",
  },
  ...INCOMPLETE,
  checkModel: (ctx, emit) => {
    for (const g of ctx.doc.groups) {
      const missing = g.type === "lane" ? !g.laneKind : !g.boundaryKind;
      if (!missing) continue;
      emit({
        elementKind: "group",
        elementId: g.id,
        relatedIds: [],
        impact: 2,
        likelihood: 1,
        riskId: "general",
        phase: "general",
        detail:
          g.type === "lane"
            ? { ja: `${q(g.label)}：レーンの種類が設定されていません`, en: `${g.label}: lane kind not set` }
            : { ja: `${q(g.label)}：境界の種類が設定されていません`, en: `${g.label}: boundary kind not set` },
      });
    }
  },
});
