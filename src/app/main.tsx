import { lazy, StrictMode, Suspense, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { type Lang, translate } from "../i18n";
import { EditorPage } from "./editor/EditorPage";
import { type Session, sessionFromLocation } from "./session";
import { StartPage } from "./start/StartPage";
import { versionFromLocation } from "./versions/version-route";

/** A saved version is opened rarely; its page is fetched on demand. */
const VersionPage = lazy(() => import("./versions/VersionPage").then((m) => ({ default: m.VersionPage })));
/** The organisation's common answers are edited rarely; fetched on demand too. */
const ProfilePage = lazy(() => import("./profile/ProfilePage").then((m) => ({ default: m.ProfilePage })));

/** The language chosen last time, Japanese by default. */
function initialLang(): Lang {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem("nagare.lang") : null;
  return saved === "en" ? "en" : "ja";
}

type Route =
  | { page: "start" }
  | { page: "profile" }
  | { page: "editor"; session: Session }
  | { page: "version"; docId: string; versionId: string; token: string };

/**
 * Routes: `/` start page, `/d/:id#t=TOKEN` a shared document, `/d/:id/v/:version#t=TOKEN` a saved version
 * (read-only), `/local` a document kept in this browser, `/profile` the organisation's common answers.
 */
function route(loc: Location): Route {
  if (loc.pathname === "/profile" || loc.pathname === "/profile/") return { page: "profile" };
  if (loc.pathname === "/local" || loc.pathname === "/local/")
    return { page: "editor", session: { docId: null, token: null, role: "owner" } };
  const version = versionFromLocation(loc);
  if (version) return { page: "version", ...version };
  const session = sessionFromLocation(loc);
  return session ? { page: "editor", session } : { page: "start" };
}

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [where, setWhere] = useState(() => route(window.location));
  useEffect(() => {
    const onPop = () => setWhere(route(window.location));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem("nagare.lang", lang);
  }, [lang]);
  if (where.page === "editor") return <EditorPage lang={lang} setLang={setLang} session={where.session} />;
  if (where.page === "version")
    return (
      <Suspense fallback={<p className="app-loading">{translate(lang, "app.loading")}</p>}>
        <VersionPage
          lang={lang}
          setLang={setLang}
          docId={where.docId}
          versionId={where.versionId}
          token={where.token}
        />
      </Suspense>
    );
  if (where.page === "profile")
    return (
      <Suspense fallback={<p className="app-loading">{translate(lang, "app.loading")}</p>}>
        <ProfilePage lang={lang} setLang={setLang} />
      </Suspense>
    );
  return <StartPage lang={lang} setLang={setLang} />;
}

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
