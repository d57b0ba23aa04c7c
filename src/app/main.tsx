import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import type { Lang } from "../i18n";
import { EditorPage } from "./editor/EditorPage";
import { type Session, sessionFromLocation } from "./session";
import { StartPage } from "./start/StartPage";

/** The language chosen last time, Japanese by default. */
function initialLang(): Lang {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem("nagare.lang") : null;
  return saved === "en" ? "en" : "ja";
}

/** Routes: `/` start page, `/d/:id#t=TOKEN` a shared document, `/local` a document kept in this browser. */
function route(loc: Location): { page: "start" } | { page: "editor"; session: Session } {
  if (loc.pathname === "/local" || loc.pathname === "/local/")
    return { page: "editor", session: { docId: null, token: null, role: "owner" } };
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
  return where.page === "editor" ? (
    <EditorPage lang={lang} setLang={setLang} session={where.session} />
  ) : (
    <StartPage lang={lang} setLang={setLang} />
  );
}

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
