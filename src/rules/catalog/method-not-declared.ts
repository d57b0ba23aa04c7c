import { PPC_METHODS, TRANSPORTS, type TransportId } from "../../model";
import { defineRule } from "../rule";
import { delegationOf } from "./delegation";
import { INCOMPLETE } from "./incomplete";
import { flowHit, q } from "./shared";

const ppcOf = (t: TransportId) => TRANSPORTS[t].ppc;

export const methodNotDeclared = defineRule({
  id: "method-not-declared",
  title: {
    ja: "委託事項・提供先に書かれていない方法での流れ",
    en: "Flow by a method its 委託事項 or provision record does not list",
  },
  explanation: {
    ja: "流れの方法が、結び付いた委託事項（Ⅱ4④ 提供方法）や提供・移転先（Ⅱ5⑥ 提供方法・移転方法）に挙げた方法に含まれていない。",
    en: "The flow's channel is not among the methods its 委託事項 (Ⅱ4④) or provision/transfer record (Ⅱ5⑥) lists.",
  },
  why: {
    ja: "評価書の記載と実際の流れが食い違うと、記載のない方法についてリスク対策が検討されていないことになります。",
    en: "When the 評価書 and the drawing disagree, the unlisted method has had no risk measures considered.",
  },
  mitigation: {
    ja: "委託事項・提供先の方法に追加するか、流れの方法を直す。",
    en: "Add the method to the 委託事項 or provision record, or correct the flow's transport.",
  },
  falsePositives: {
    ja: "「その他」にまとめて記載している方法（その他として挙げれば一致します）。",
    en: "Methods the 評価書 groups under その他 (list その他 and it matches).",
  },
  ...INCOMPLETE,
  checkFlow: (f, ctx, emit) => {
    const t = f.flow.transport;
    if (!t || !f.possiblyMine) return;
    const records: { name: string; methods: readonly TransportId[] }[] = [];
    if (f.phase === "delegation") {
      const d = f.flow.delegationId ? ctx.delegations.get(f.flow.delegationId) : delegationOf(f.target, ctx);
      if (d) records.push({ name: d.name, methods: d.methods });
    } else if (f.phase === "provision" || f.phase === "transfer" || f.phase === "network_provision") {
      const p = f.flow.provisionId ? ctx.provisions.get(f.flow.provisionId) : undefined;
      for (const r of p ? [p] : (ctx.provisionsByRecipient.get(f.target.node.id) ?? []))
        records.push({ name: r.recipient, methods: r.methods });
    }
    for (const r of records) {
      if (r.methods.length === 0) continue;
      if (r.methods.includes(t) || r.methods.some((m) => ppcOf(m) === ppcOf(t))) continue;
      const listed = r.methods.map((m) => PPC_METHODS[ppcOf(m)]);
      emit(
        flowHit(
          f,
          {
            ja: `${q(f.label)}：方法「${TRANSPORTS[t].ja}」が${q(r.name)}の方法（${listed.map((m) => m.ja).join("、")}）にありません`,
            en: `${f.label}: method "${TRANSPORTS[t].en}" is not among the methods of "${r.name}" (${listed.map((m) => m.en).join(", ")})`,
          },
          { likelihood: 1, riskId: "general", phase: "general", safeguards: undefined },
        ),
      );
      return;
    }
  },
});
