import type * as Y from "yjs";
import { answerSchema } from "../../model";
import { collection } from "../../sync/doc-shape";

export type AnswerWrite = { ok: true } | { ok: false; reason: { ja: string; en: string } };

/**
 * Writes (or clears, with null) a person's answer for one generated 評価書 item in the shared document,
 * keyed by the item's stable id. Validated before it reaches the Y.Doc so a bad value never syncs.
 */
export function writeAnswer(ydoc: Y.Doc, itemId: string, value: string | null, by?: string): AnswerWrite {
  if (itemId.length > 200) return { ok: false, reason: { ja: "項目 ID が長すぎます", en: "item id too long" } };
  if (value === null) {
    ydoc.transact(() => collection(ydoc, "answers").delete(itemId), "answer");
    return { ok: true };
  }
  const parsed = answerSchema.safeParse({
    value,
    confirmed: true,
    ...(by ? { by } : {}),
    at: new Date().toISOString(),
  });
  if (!parsed.success)
    return {
      ok: false,
      reason: { ja: "回答が長すぎるか形式が正しくありません", en: "the answer is too long or invalid" },
    };
  ydoc.transact(() => collection(ydoc, "answers").set(itemId, parsed.data), "answer");
  return { ok: true };
}
