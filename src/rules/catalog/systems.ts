import type { NodeFacts } from "../context";

/**
 * An own system (or terminal) where staff use 特定個人情報: it holds a file, or (possibly) 特定個人情報 reaches it.
 * The 情報提供ネットワークシステム and other bodies' systems are assessed by their owners.
 */
export function holdsForUse(n: NodeFacts): boolean {
  if (n.node.kind !== "system_own") return false;
  if (n.party !== "self") return false;
  if (n.node.systemRole === "info_provision_network") return false;
  if (n.node.fileIds.length > 0) return true;
  for (const f of n.incoming) if (f.carriesMyNumber !== false) return true;
  for (const f of n.outgoing) if (f.carriesMyNumber !== false) return true;
  return false;
}
