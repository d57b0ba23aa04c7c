import type { Lang } from "../../i18n";
import { translate } from "../../i18n";

/** The start page: the list of documents on this server and "new document". */
export function StartPage({ lang }: { lang: Lang; setLang: (l: Lang) => void }) {
  return (
    <main className="start-page">
      <h1>{translate(lang, "app.title")}</h1>
      <p>{translate(lang, "app.tagline")}</p>
      <a href="/local">/local</a>
    </main>
  );
}
