import type { NodeKind, Party } from "../../model";
import type { RiskId } from "../risks";
import { defineRule } from "../rule";
import { delegationOf } from "./delegation";
import { nodeHit, q } from "./shared";

/** Kinds that hold, dispose of, relay or are the data subject: their "use" is not a declared purpose. */
const NOT_USERS: ReadonlySet<NodeKind> = new Set<NodeKind>([
  "store",
  "media",
  "paper",
  "disposal",
  "person",
  "terminal",
  "staff",
  "network_device",
]);

const RISK_BY_PARTY: Record<Party, RiskId> = {
  subject: "III.2.risk1",
  self: "III.3.risk1",
  self_department: "III.5.risk1",
  self_other_organ: "III.5.risk1",
  external: "III.5.risk1",
  contractor: "III.4.risk1",
  subcontractor: "III.4.risk1",
};

export const dataMinimisation = defineRule({
  id: "data-minimisation",
  title: { ja: "用途の定めのない受け手", en: "Recipient with no declared use" },
  explanation: {
    ja: "特定個人情報を受け取る相手に、用途（目的）の記載も、先への流れも、保有するファイルもない。",
    en: "A party receives 特定個人情報 but has no declared purpose, passes nothing on and holds no file.",
  },
  why: {
    ja: "使い道のない特定個人情報を渡すことは、必要最小限の原則に反し、目的外利用や漏えいの元になります。",
    en: "Handing over data nobody uses breaks data minimisation and invites misuse and leaks.",
  },
  mitigation: {
    ja: "受け手の用途（提供先なら提供先における用途、委託先なら委託事項）を記入するか、保管先・次の流れを描く。不要なら流れを止める。",
    en: "State the recipient's purpose, or draw where it is kept or passed on; otherwise stop sending it.",
  },
  phase: "use",
  riskId: "III.3.risk1",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "図の範囲外で使われる相手（用途を記入すれば消えます）。",
    en: "Recipients whose use is outside the drawing (state the purpose and it goes).",
  },
  checkNode: (n, ctx, emit) => {
    if (NOT_USERS.has(n.node.kind) || n.incoming.length === 0) return;
    if (n.node.purpose?.trim() || n.outgoing.length > 0 || n.node.fileIds.length > 0) return;
    if ((ctx.provisionsByRecipient.get(n.node.id) ?? []).some((p) => p.purpose?.trim())) return;
    // A contractor's use is its 委託事項.
    if (delegationOf(n, ctx)) return;
    let mine: boolean | null = false;
    for (const f of n.incoming) {
      if (f.carriesMyNumber === true) mine = true;
      else if (f.carriesMyNumber === null && mine === false) mine = null;
    }
    if (mine === false) return;
    const riskId = n.party ? RISK_BY_PARTY[n.party] : "III.2.risk1";
    const external = n.organisation !== null && n.organisation !== "self";
    emit(
      nodeHit(
        n,
        {
          ja: `${q(n.node.label)}：特定個人情報を受け取りますが、用途・保管・次の流れのいずれもありません`,
          en: `${n.node.label}: receives 特定個人情報 with no purpose, storage or onward flow`,
        },
        {
          impact: 4,
          likelihood: external ? 2 : 1,
          riskId,
          ...(n.party === "self_department" ? { phase: "transfer" as const } : {}),
          relatedIds: n.incoming.map((f) => f.id),
        },
      ),
    );
  },
});
