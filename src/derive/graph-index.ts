import type { ModelFlow, ModelGroup, ModelNode, NagareDocument } from "../model";

/** Lookup tables over one document, built once per derivation pass (O(n)). */
export interface GraphIndex {
  doc: NagareDocument;
  nodes: Map<string, ModelNode>;
  groups: Map<string, ModelGroup>;
  flows: Map<string, ModelFlow>;
  outgoing: Map<string, ModelFlow[]>;
  incoming: Map<string, ModelFlow[]>;
}

export function indexGraph(doc: NagareDocument): GraphIndex {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const flows = new Map(doc.flows.map((f) => [f.id, f]));
  const outgoing = new Map<string, ModelFlow[]>();
  const incoming = new Map<string, ModelFlow[]>();
  for (const f of doc.flows) {
    let o = outgoing.get(f.source);
    if (!o) outgoing.set(f.source, (o = []));
    o.push(f);
    let i = incoming.get(f.target);
    if (!i) incoming.set(f.target, (i = []));
    i.push(f);
  }
  return { doc, nodes, groups, flows, outgoing, incoming };
}

/** The groups a node sits in, innermost first (explicit membership, never geometry). */
export function groupChain(index: GraphIndex, node: ModelNode): ModelGroup[] {
  const chain: ModelGroup[] = [];
  let cur = node.groupId ? index.groups.get(node.groupId) : undefined;
  while (cur && chain.length < 32 && !chain.includes(cur)) {
    chain.push(cur);
    cur = cur.parentId ? index.groups.get(cur.parentId) : undefined;
  }
  return chain;
}
