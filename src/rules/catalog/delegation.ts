import type { Delegation } from "../../model";
import type { EvalContext, NodeFacts } from "../context";

/** The 委託事項 a contractor node works under: its own link, else the one on a flow into it. */
export function delegationOf(n: NodeFacts, ctx: EvalContext): Delegation | undefined {
  if (n.node.delegationId) return ctx.delegations.get(n.node.delegationId);
  for (const f of n.incoming) if (f.delegationId) return ctx.delegations.get(f.delegationId);
  return undefined;
}

/** How many 再委託 levels a 委託事項 declares. */
export function declaredDepth(d: Delegation): number {
  return d.declaredDepth ?? (d.subcontract ? 1 : 0);
}
