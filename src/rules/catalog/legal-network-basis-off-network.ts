import { formatLegalBasis, isNetworkProvisionBasis } from "../../model";
import { defineRule } from "../rule";
import { basesOf, viaNetwork } from "./legal";
import { flowHit, methodRisk, onFlow } from "./shared";

export const legalNetworkBasisOffNetwork = defineRule({
  id: "legal-network-basis-off-network",
  title: {
    ja: "情報提供ネットワークシステムの根拠で別経路の提供",
    en: "Network-provision basis on a flow off the network",
  },
  explanation: {
    ja: "番号法第19条第8号・第9号（公表日が2021年9月1日より前なら第7号・第8号）は情報提供ネットワークシステムによる提供の根拠なのに、その流れは同システムを通っていない。",
    en: "Article 19 items 8/9 (7/8 before 2021-09-01) authorise provision through the information provision network, but this flow does not use it.",
  },
  why: {
    ja: "この根拠で認められるのは情報提供ネットワークシステムを使う提供だけです。メールや媒体で送ると根拠のない提供になります。",
    en: "That basis covers only provision over the network; sending by mail or media is then a provision without a basis.",
  },
  mitigation: {
    ja: "経路を情報提供ネットワークシステム（中間サーバー経由）にするか、実際の経路に合う根拠（例：第19条第11号と条例）を記録する。",
    en: "Route it through the network (via the intermediate server) or record the basis that fits the actual channel.",
  },
  phase: "provision",
  riskId: "III.5.risk2",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "中間サーバーや情報提供ネットワークシステムのノードが図から省かれている場合（ノードか経路を設定すれば消えます）。",
    en: "The intermediate server or network node is left out of the drawing (set it and the finding goes).",
  },
  checkFlow: (f, ctx, emit) => {
    if (viaNetwork(f)) return;
    const hit = basesOf(f, ctx).find((b) => isNetworkProvisionBasis(b, ctx.publishedOn));
    if (!hit) return;
    emit(
      flowHit(
        f,
        onFlow(
          f,
          `の根拠「${formatLegalBasis(hit)}」は情報提供ネットワークシステムによる提供の規定ですが、この流れは同システムを通りません`,
          `cites ${formatLegalBasis(hit)}, a network-provision item, but does not go through the network`,
        ),
        { riskId: methodRisk(f.phase ?? "provision"), likelihood: 3 },
      ),
    );
  },
});
