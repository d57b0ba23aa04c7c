import type { Lang } from "../../i18n";
import { translate } from "../../i18n";
import type { Session } from "../session";

/** The editor: canvas, palette, inspector and side panels for one document. */
export function EditorPage({ lang, session }: { lang: Lang; setLang: (l: Lang) => void; session: Session }) {
  return (
    <main className="editor-page" data-doc={session.docId ?? "local"}>
      {translate(lang, "app.loading")}
    </main>
  );
}
