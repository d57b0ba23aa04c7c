import { defineRule } from "../rule";
import { basesOf, isArticle } from "./legal";
import { flowHit, onFlow } from "./shared";

export const legalArticle19OnTransfer = defineRule({
  id: "legal-article19-on-transfer",
  title: { ja: "移転の根拠が第19条（提供の根拠）", en: "Transfer based on Article 19 (a provision basis)" },
  explanation: {
    ja: "庁内他部署への移転の根拠として番号法第19条だけが記録されている。移転は受ける事務の利用であり、根拠は第9条（別表・条例）。",
    en: "A transfer to another department cites only Article 19; a transfer is use by the receiving 事務, based on Article 9 (table or ordinance).",
  },
  why: {
    ja: "根拠の取り違えは、受ける事務がその特定個人情報を利用できるかの確認漏れを意味します。",
    en: "A wrong basis means nobody checked that the receiving 事務 may use the data.",
  },
  mitigation: {
    ja: "受ける事務の第9条の根拠（別表の項、第9条第2項の条例）を記録する。相手が同じ団体の他の機関（教育委員会等）なら所属を直し提供とする。",
    en: "Record the receiving 事務's Article 9 basis; if the recipient is another organ (e.g. the board of education), fix its owner so it becomes a provision.",
  },
  phase: "transfer",
  riskId: "III.5.risk1",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "市長部局から教育委員会への流れ（第19条第11号の提供）を、所属を「他部署」のまま描いた場合。",
    en: "A flow to another organ (Art. 19 item 11) drawn with the recipient as a department.",
  },
  checkFlow: (f, ctx, emit) => {
    if (f.phase !== "transfer") return;
    const bases = basesOf(f, ctx);
    if (!bases.some((b) => isArticle(b, "19"))) return;
    if (bases.some((b) => isArticle(b, "9") || b.law === "ordinance")) return;
    emit(
      flowHit(
        f,
        onFlow(
          f,
          "の移転の根拠が番号法第19条だけです（移転は第9条）",
          "is transferred citing only Article 19 (a transfer needs Article 9)",
        ),
        { riskId: "III.5.risk1", likelihood: 2 },
      ),
    );
  },
});
