import type { NodeKind } from "../../model";
import type { EvalContext, NodeFacts } from "../context";

/** Nodes that keep data: files and databases, removable media, paper. */
export const HOLDER_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(["store", "media", "paper"]);

/** Whether the holder keeps (possibly) 特定個人情報, and whether that is certain. */
export function heldMyNumber(n: NodeFacts): boolean | null | undefined {
  if (n.node.fileIds.length > 0) return true;
  let mine: boolean | null | undefined;
  for (const f of n.incoming) {
    if (f.carriesMyNumber === true) return true;
    if (f.carriesMyNumber === null) mine = null;
  }
  return mine;
}

export function filesOf(n: NodeFacts, ctx: EvalContext) {
  return n.node.fileIds.map((id) => ctx.files.get(id)).filter((f) => f !== undefined);
}
