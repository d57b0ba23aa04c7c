import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { type Lang, translate } from "../i18n";

function App() {
  const [lang, setLang] = useState<Lang>("ja");
  return (
    <main style={{ fontFamily: "system-ui, 'Noto Sans CJK JP', sans-serif", padding: 24 }}>
      <h1>{translate(lang, "app.title")}</h1>
      <p>{translate(lang, "app.tagline")}</p>
      <button type="button" onClick={() => setLang(lang === "ja" ? "en" : "ja")}>
        {translate(lang, "app.language")}
      </button>
    </main>
  );
}

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
