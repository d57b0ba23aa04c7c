import { classifyFlows } from "../derive";
import type { NagareDocument, Phase } from "../model";

/**
 * Facts of a document that the 評価書 states in words, derived from its graph: the "しない" boxes of section Ⅲ.
 * Used to check a template against its published 評価書 and by the gallery.
 */
export interface Section3Flags {
  /** Ⅲ4 委託しない: no delegation flow. */
  delegationNone: boolean;
  /** Ⅲ5 提供・移転しない: no 提供 or 移転 other than 委託 and the 情報提供ネットワークシステム. */
  provisionNone: boolean;
  /** Ⅲ6 接続しない（入手）. */
  networkNoAcquire: boolean;
  /** Ⅲ6 接続しない（提供）. */
  networkNoProvide: boolean;
}

/** Phases of the flows, counted; with `fileId`, only the flows of that 特定個人情報ファイル. */
export function phaseCounts(doc: NagareDocument, fileId?: string): Map<Phase | null, number> {
  const counts = new Map<Phase | null, number>();
  const classes = classifyFlows(doc);
  for (const f of doc.flows) {
    if (fileId && !f.fileIds.includes(fileId)) continue;
    const p = classes.get(f.id)?.phase ?? null;
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

export function section3Flags(doc: NagareDocument, fileId?: string): Section3Flags {
  const counts = phaseCounts(doc, fileId);
  const has = (p: Phase) => (counts.get(p) ?? 0) > 0;
  return {
    delegationNone: !has("delegation"),
    provisionNone: !has("provision") && !has("transfer"),
    networkNoAcquire: !has("network_inquiry"),
    networkNoProvide: !has("network_provision"),
  };
}
