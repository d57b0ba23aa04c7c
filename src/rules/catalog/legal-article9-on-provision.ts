import { defineRule } from "../rule";
import { basesOf, isArticle } from "./legal";
import { flowHit, onFlow, unlawfulRisk } from "./shared";

export const legalArticle9OnProvision = defineRule({
  id: "legal-article9-on-provision",
  title: { ja: "提供の根拠が第9条（利用の根拠）", en: "Provision based on Article 9 (a use basis)" },
  explanation: {
    ja: "他機関への提供の根拠として番号法第9条だけが記録されている。第9条は利用（庁内の移転）の根拠で、提供には第19条の各号が必要。",
    en: "A provision to another body cites only Article 9, which covers use (and transfer inside the body); provision needs an item of Article 19.",
  },
  why: {
    ja: "提供と移転の取り違えは、評価書の記載（Ⅱ5・Ⅲ5）と実際の適法性の両方を誤らせます。",
    en: "Confusing provision with transfer misstates the 評価書 and the lawfulness of the flow.",
  },
  mitigation: {
    ja: "提供先が本当に他機関か確認し、他機関なら番号法第19条の該当号を記録する。同じ機関の他部署なら所属を直して移転とする。",
    en: "Check the recipient: for another body cite the Article 19 item; for a department of the same body fix its owner so it becomes a transfer.",
  },
  phase: "provision",
  riskId: "III.5.risk1",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "第19条の根拠を本文（text）だけに書き、条番号を構造化していない場合は本文から読み取ります。読めない書き方では指摘が残ります。",
    en: "Article numbers are read from the text when not structured; unusual wording may still trigger it.",
  },
  checkFlow: (f, ctx, emit) => {
    if (f.phase !== "provision" && f.phase !== "network_provision") return;
    const bases = basesOf(f, ctx);
    if (!bases.some((b) => isArticle(b, "9"))) return;
    const other = bases.some((b) => !isArticle(b, "9") && b.law !== "ordinance");
    if (other) return;
    emit(
      flowHit(
        f,
        onFlow(
          f,
          "の提供の根拠が番号法第9条だけです（提供には第19条が必要）",
          "is provided citing only Article 9 (a provision needs Article 19)",
        ),
        { riskId: unlawfulRisk(f.phase), likelihood: 3 },
      ),
    );
  },
});
