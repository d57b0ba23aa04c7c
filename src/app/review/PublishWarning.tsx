import { type Lang, translate } from "../../i18n";
import type { NagareDocument } from "../../model";
import { reviewSummary } from "../../review/list";

/** Whether a version name marks the published 評価書 (公表版, 公表用 …). */
export const isPublicationName = (name: string) => /公表/.test(name) || /\bpublish/i.test(name);

/**
 * Before a version is named 公表版: how many review remarks are still open or in progress. A warning, never a
 * block — the version can be saved as it is.
 */
export function PublishWarning({ model, lang, name }: { model: NagareDocument | null; lang: Lang; name: string }) {
  if (!model || !isPublicationName(name)) return null;
  const summary = reviewSummary(model);
  if (summary.total === 0) return null;
  return summary.open > 0 ? (
    <p className="warning" role="status" data-testid="publish-warning">
      {translate(lang, "review.publishWarning", { n: summary.open, name: name.trim() })}
    </p>
  ) : (
    <p className="muted" role="status" data-testid="publish-warning">
      {translate(lang, "review.publishWarning.none")}
    </p>
  );
}
