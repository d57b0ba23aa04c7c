import type { BuildReport } from "./core";
import type { Reading, Section3Flags } from "./reading";

/** What the tests compare a template with: facts stated by the reading, not facts taken from the template. */
export interface ReadingDigest {
  seed: string;
  flowCount: number;
  /** Distinct step labels as the reading writes them. */
  stepLabels: string[];
  /** Labels the template deliberately does not carry as steps (with the reason in the flow's note). */
  droppedSteps: string[];
  /** Section Ⅲ flags for the whole document: a "しない" flag holds only if every file states it. */
  section3: Section3Flags;
  /** The same flags per 特定個人情報ファイル (file name without its "(n)" prefix), where the reading gives them per file. */
  section3PerFile: Record<string, Section3Flags> | null;
  delegationCount: number;
  /** 委託事項 per file (file name without its "(n)" prefix), where the reading tags them by file. */
  delegationsPerFile: Record<string, number> | null;
  provisionCount: number | null;
  provisionKinds: { provision: number; transfer: number } | null;
}

const FLAGS = ["delegationNone", "provisionNone", "networkNoAcquire", "networkNoProvide"] as const;

function combine(values: (boolean | null | undefined)[]): boolean | null {
  const stated = values.filter((v): v is boolean => typeof v === "boolean");
  if (stated.length === 0) return null;
  return stated.every((v) => v);
}

export const stripFilePrefix = (name: string) => name.replace(/^\(\d+\)/, "");

export function digestReading(reading: Reading, report: BuildReport): ReadingDigest {
  const perFile = reading.section3.perFile;
  const section3 = Object.fromEntries(
    FLAGS.map((k) => [k, perFile ? combine(perFile.map((p) => p[k])) : combine([reading.section3[k]])]),
  ) as unknown as Section3Flags;
  const steps = [...new Set(reading.flows.map((f) => f.step).filter((s): s is string => typeof s === "string"))];
  const byFile = reading.delegations.some((d) => d.file) ? ({} as Record<string, number>) : null;
  if (byFile)
    for (const d of reading.delegations) {
      const key = stripFilePrefix(d.file ?? "");
      byFile[key] = (byFile[key] ?? 0) + 1;
    }
  const provisions = reading.provisions;
  return {
    seed: reading.source,
    flowCount: reading.flows.length,
    stepLabels: steps,
    droppedSteps: report.droppedSteps,
    section3,
    section3PerFile:
      perFile && perFile.length > 1
        ? Object.fromEntries(
            perFile.map((p) => [
              stripFilePrefix(p.file),
              Object.fromEntries(FLAGS.map((k) => [k, p[k] ?? null])) as unknown as Section3Flags,
            ]),
          )
        : null,
    delegationCount: reading.delegations.length,
    delegationsPerFile: byFile,
    provisionCount: provisions ? provisions.length : null,
    provisionKinds: provisions
      ? {
          provision: provisions.filter((p) => p.kind === "提供").length,
          transfer: provisions.filter((p) => p.kind === "移転").length,
        }
      : null,
  };
}
