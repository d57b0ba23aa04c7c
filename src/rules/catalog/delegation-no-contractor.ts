import { CONTRACTING } from "../../derive";
import { defineRule } from "../rule";
import { INCOMPLETE } from "./incomplete";

export const delegationNoContractor = defineRule({
  id: "delegation-no-contractor",
  title: { ja: "委託先が図にない委託事項", en: "委託事項 with no contractor on the drawing" },
  explanation: {
    ja: "委託事項が登録されているのに、その委託先（委託事項に結び付いた委託先・再委託先）が図にない。",
    en: "A 委託事項 is recorded, but no contractor linked to it is on the drawing.",
  },
  why: {
    ja: "評価書Ⅱ4は委託事項の記録から「委託する」と件数を書きます。図と記録が食い違ったままでは、委託していないのに委託すると公表するか、描かれていない委託が点検から漏れます。",
    en: "Section Ⅱ4 states 委託する and the count from the records; if the drawing disagrees, either a 委託 that no longer exists is published or a real one escapes the checks.",
  },
  mitigation: {
    ja: "委託先を描いて委託事項に結び付けるか、委託していなければ委託事項を削除する。",
    en: "Draw the contractor and link it to the 委託事項, or delete the 委託事項 if nothing is delegated.",
  },
  falsePositives: {
    ja: "委託先を図の外で説明することにした場合（図に描くことを勧めます）。",
    en: "A contractor deliberately left off the drawing (drawing it is recommended).",
  },
  ...INCOMPLETE,
  checkModel: (ctx, emit) => {
    const linked = new Set<string>();
    for (const n of ctx.nodes.values())
      if (n.node.delegationId && n.party !== null && CONTRACTING.has(n.party)) linked.add(n.node.delegationId);
    for (const d of ctx.doc.delegations) {
      if (linked.has(d.id)) continue;
      emit({
        elementKind: "delegation",
        elementId: d.id,
        relatedIds: ctx.flows.filter((f) => f.flow.delegationId === d.id).map((f) => f.flow.id),
        impact: 2,
        likelihood: 1,
        detail: {
          ja: `委託事項「${d.name}」の委託先が図にありません`,
          en: `委託事項 "${d.name}" has no contractor on the drawing`,
        },
        riskId: "general",
        phase: "general",
      });
    }
  },
});
