import fs from "node:fs";
import path from "node:path";

/**
 * The structured reading of a published 評価書 (reference/seed-flows/00N.json), as far as the builder uses it.
 * Fields the reading leaves out or sets to null stay optional here: the builder must not invent them.
 */

export interface ReadingNode {
  id: string;
  label: string;
  kind: string;
  note?: string;
  group?: string;
  parent?: string;
  owner?: string;
  ownership?: string;
}

export interface ReadingFlow {
  step?: string | null;
  file?: string | null;
  from: string;
  to: string | null;
  data?: string | null;
  carriesMyNumber?: boolean | null;
  transport?: string | null;
  transportText?: string | null;
  category?: string | null;
  legalBasis?: string | null;
  safeguards?: string[];
  evidence?: number[];
  phase?: string;
  variant?: string;
  note?: string;
  actor?: string | null;
  via?: string[];
  direction?: string;
}

export interface ReadingDelegation {
  file?: string;
  name?: string | null;
  contractor?: string | null;
  content?: string | null;
  scope?: { range?: string; population?: string; who?: string } | null;
  handlers?: string | null;
  method?: string[] | null;
  subcontract?: boolean | null;
  subcontractItems?: string | null;
  subcontractApproval?: string | null;
  subcontractPermission?: string | null;
  contractorNameDisclosure?: string | null;
  note?: string;
  nameNote?: string;
  evidence?: number[];
}

export interface ReadingProvision {
  file?: string;
  kind: string;
  to: string;
  legalBasis?: string | null;
  purpose?: string | null;
  information?: string | null;
  population?: string | null;
  method?: string | null;
  frequency?: string | null;
  count?: string | null;
  source?: string;
  note?: string;
  fromSectionII5?: boolean;
  reconstructedFrom?: number[];
  evidence?: number[];
}

export interface Section3Flags {
  delegationNone: boolean | null;
  provisionNone: boolean | null;
  networkNoAcquire: boolean | null;
  networkNoProvide: boolean | null;
}

export interface Reading {
  source: string;
  organization: string;
  jimu: string;
  nodes: ReadingNode[];
  flows: ReadingFlow[];
  delegations: ReadingDelegation[];
  provisions: ReadingProvision[] | null;
  section3: Partial<Section3Flags> & { perFile?: (Section3Flags & { file: string })[] };
  [key: string]: unknown;
}

export const READING_DIR = process.env.NAGARE_SEED_FLOWS ?? "/work/shared/reference/seed-flows";

export function loadReading(seed: string): Reading {
  const file = path.join(READING_DIR, `${seed}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Reading;
}
