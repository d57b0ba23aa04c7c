import { diffModels } from "../../derive/model-diff";
import type { AssessmentKind, NagareDocument, OrgProfile } from "../../model";
import { FORM_TITLES } from "../form";
import { generateReport } from "../report-inputs";
import { compareSections } from "./compare";
import type { ChangeRow, ChangeSet } from "./types";
import { japaneseDate } from "./wareki";

export { compareSections } from "./compare";
export { itemLabels } from "./entries";
export { figureChanges } from "./figure";
export type { ChangeRow, ChangeSet, SubmissionTiming } from "./types";
export { japaneseDate } from "./wareki";

export interface ChangeSetOptions {
  /** The 評価書 to compare; default the newer document's own kind. */
  kind?: AssessmentKind;
  /** 変更日 (ISO); default the newer document's 公表日, else `today`. */
  changedOn?: string;
  /** What the document is compared against, for the report and the app. */
  since?: string;
  /** ISO date used when neither is given (tests pass a fixed one). */
  today?: string;
  /** The organisation's common answers, for both versions alike (so that only the document's changes count). */
  profile?: OrgProfile | null;
}

const isoToday = () => new Date().toISOString().slice(0, 10);

/**
 * The 変更箇所 between two versions of a document: both 評価書 are generated in the same kind (the newer one's)
 * and compared item by item.
 */
export function changeSet(before: NagareDocument, after: NagareDocument, opts: ChangeSetOptions = {}): ChangeSet {
  const kind = opts.kind ?? after.meta.assessmentKind;
  const today = opts.today ?? isoToday();
  const changedOn =
    opts.changedOn ??
    (after.meta.publishedOn && after.meta.publishedOn !== before.meta.publishedOn ? after.meta.publishedOn : today);
  const gen = {
    kind,
    ...(opts.today ? { today: opts.today } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  };
  const gBefore = generateReport(before, gen);
  const gAfter = generateReport(after, gen);
  const rows: ChangeRow[] = [];
  if (before.meta.assessmentKind !== after.meta.assessmentKind)
    rows.push({
      changedOn: japaneseDate(changedOn),
      item: "評価書の種類",
      itemId: "meta.assessmentKind",
      before: FORM_TITLES[before.meta.assessmentKind],
      after: FORM_TITLES[after.meta.assessmentKind],
      timing: "事前",
      timingNote: "評価書の種類の変更",
      important: true,
      confirm: {
        ja: "評価書の種類が変わりました。新たな種類の評価書として評価を実施し、変更の前に提出する必要があるか確認してください",
        en: "the kind of 評価書 changed: confirm whether an assessment of the new kind is due before the change",
      },
    });
  const fileCount = Math.max(before.files.length, after.files.length);
  rows.push(
    ...compareSections(
      gBefore,
      gAfter,
      { changedOn, figure: { diff: diffModels(before, after), before, after } },
      fileCount,
    ),
  );
  return { since: opts.since ?? "", changedOn, rows };
}
