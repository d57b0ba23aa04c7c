import fs from "node:fs";
import path from "node:path";
import type { Delegation, TransportId } from "../../model";
import { clip, handlerBand, subjectBand } from "./mapping";
import type { ReadingDelegation } from "./reading";

export const SEED_DIR = process.env.NAGARE_SEEDS ?? "/work/shared/reference/seeds";

/** Lines of a seed text (1-based access through `line(n)`). */
export function seedLines(fileName: string): string[] {
  return fs.readFileSync(path.join(SEED_DIR, fileName), "utf8").split("\n");
}

const PPC_METHOD: Record<string, TransportId> = {
  紙: "paper",
  専用線: "dedicated_line",
  電子記録媒体: "removable_media",
  フラッシュメモリ: "flash_memory",
  電子メール: "email",
  庁内連携システム: "intra_linkage",
};

/** One 委託事項 from the reading; fields the reading leaves null stay unset. */
export function delegationFrom(
  rd: ReadingDelegation,
  id: string,
  extra: Partial<Delegation> & { name?: string } = {},
): Delegation {
  const approval = rd.subcontractApproval ?? rd.subcontractPermission ?? undefined;
  const notes = [rd.note, rd.nameNote, rd.evidence?.length ? `出典: 評価書テキスト ${rd.evidence.join(", ")} 行` : ""]
    .filter(Boolean)
    .join("／");
  return {
    id,
    name: clip(extra.name ?? rd.name ?? `${id}（名称の記載なし）`),
    content: rd.content ?? undefined,
    contractorName: rd.contractor ? clip(rd.contractor) : undefined,
    contractorNameCheck: rd.contractorNameDisclosure ?? undefined,
    scope: rd.scope?.range ? (rd.scope.range.includes("全体") ? "all" : "part") : undefined,
    subjectCount: subjectBand(rd.scope?.population),
    handlers: handlerBand(rd.handlers),
    methods: (rd.method ?? []).map((m) => PPC_METHOD[m]).filter((m): m is TransportId => m !== undefined),
    subcontract: rd.subcontract ?? undefined,
    subcontractApproval: approval ?? undefined,
    subcontractItems: rd.subcontractItems ?? undefined,
    declaredDepth: rd.subcontract ? 1 : rd.subcontract === false ? 0 : undefined,
    fileIds: [],
    ...extra,
    note: [extra.note, notes].filter(Boolean).join("／") || undefined,
  };
}

/** The reading's list of remarks, as one note for the document. */
export function issuesNote(intro: string, issues: unknown): string {
  const list = Array.isArray(issues) ? issues.filter((x): x is string => typeof x === "string") : [];
  return [intro, ...list.map((s) => `・${s}`)].join("\n");
}
