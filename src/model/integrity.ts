import { LIMITS } from "./limits";
import type { Problem } from "./problems";
import type { NagareDocument } from "./schema";

/**
 * Checks that go beyond the shape of each object: unique ids, references that point somewhere, and group
 * nesting that is a tree. A document that fails any of these is refused as a whole.
 */
export function integrityProblems(doc: NagareDocument): Problem[] {
  const problems: Problem[] = [];
  const at = (coll: string, i: number, id: string, f?: string) => `${coll}[${i}] (id "${id}")${f ? `.${f}` : ""}`;

  const seen = new Map<string, string>();
  const claim = (coll: string, i: number, id: string) => {
    const prev = seen.get(id);
    if (prev)
      problems.push({
        path: at(coll, i, id, "id"),
        code: "duplicate_id",
        ja: `ID "${id}" が重複しています（${prev} と同じ）`,
        en: `duplicate id "${id}" (also used by ${prev})`,
      });
    else seen.set(id, `${coll}[${i}]`);
  };
  doc.nodes.forEach((n, i) => {
    claim("nodes", i, n.id);
  });
  doc.groups.forEach((g, i) => {
    claim("groups", i, g.id);
  });
  doc.flows.forEach((f, i) => {
    claim("flows", i, f.id);
  });

  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const groupIds = new Map(doc.groups.map((g) => [g.id, g]));
  const fileIds = new Set(doc.files.map((f) => f.id));
  const delegationIds = new Set(doc.delegations.map((d) => d.id));
  const provisionIds = new Set(doc.provisions.map((p) => p.id));

  const dangling = (path: string, kind: string, kindEn: string, id: string) =>
    problems.push({
      path,
      code: "dangling_reference",
      ja: `存在しない${kind} "${id}" を参照しています`,
      en: `refers to a ${kindEn} "${id}" that does not exist`,
    });

  doc.flows.forEach((f, i) => {
    if (!nodeIds.has(f.source)) dangling(at("flows", i, f.id, "source"), "ノード", "node", f.source);
    if (!nodeIds.has(f.target)) dangling(at("flows", i, f.id, "target"), "ノード", "node", f.target);
    if (f.delegationId && !delegationIds.has(f.delegationId))
      dangling(at("flows", i, f.id, "delegationId"), "委託事項", "delegation", f.delegationId);
    if (f.provisionId && !provisionIds.has(f.provisionId))
      dangling(at("flows", i, f.id, "provisionId"), "提供先・移転先", "provision", f.provisionId);
    f.fileIds.forEach((id, k) => {
      if (!fileIds.has(id)) dangling(at("flows", i, f.id, `fileIds[${k}]`), "ファイル", "file", id);
    });
  });
  doc.nodes.forEach((n, i) => {
    if (n.groupId && !groupIds.has(n.groupId))
      dangling(at("nodes", i, n.id, "groupId"), "グループ", "group", n.groupId);
    if (n.delegationId && !delegationIds.has(n.delegationId))
      dangling(at("nodes", i, n.id, "delegationId"), "委託事項", "delegation", n.delegationId);
    n.fileIds.forEach((id, k) => {
      if (!fileIds.has(id)) dangling(at("nodes", i, n.id, `fileIds[${k}]`), "ファイル", "file", id);
    });
  });
  doc.provisions.forEach((p, i) => {
    if (p.recipientNodeId && !nodeIds.has(p.recipientNodeId))
      dangling(at("provisions", i, p.id, "recipientNodeId"), "ノード", "node", p.recipientNodeId);
  });

  doc.groups.forEach((g, i) => {
    if (g.parentId && !groupIds.has(g.parentId)) {
      dangling(at("groups", i, g.id, "parentId"), "グループ", "group", g.parentId);
      return;
    }
    // Walk up the parents: a cycle or an absurd depth makes the nesting meaningless.
    const chain = [g.id];
    let cur = g.parentId ? groupIds.get(g.parentId) : undefined;
    while (cur) {
      if (chain.includes(cur.id)) {
        problems.push({
          path: at("groups", i, g.id, "parentId"),
          code: "group_cycle",
          ja: `グループの入れ子が循環しています（${[...chain, cur.id].join(" → ")}）`,
          en: `group nesting forms a cycle (${[...chain, cur.id].join(" → ")})`,
        });
        return;
      }
      chain.push(cur.id);
      if (chain.length > LIMITS.groupDepth) {
        problems.push({
          path: at("groups", i, g.id, "parentId"),
          code: "group_too_deep",
          ja: `グループの入れ子が深すぎます（最大 ${LIMITS.groupDepth} 段）`,
          en: `groups nested too deeply (at most ${LIMITS.groupDepth} levels)`,
        });
        return;
      }
      cur = cur.parentId ? groupIds.get(cur.parentId) : undefined;
    }
    if (g.type === "lane" && !g.laneKind)
      problems.push({
        path: at("groups", i, g.id, "laneKind"),
        code: "missing",
        ja: "レーンには種類（本人・委託先・自組織・他機関 …）が必要です",
        en: "a lane needs a lane kind",
      });
  });
  return problems;
}
