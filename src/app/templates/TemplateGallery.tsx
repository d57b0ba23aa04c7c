import { useEffect, useState } from "react";
import { type Lang, translate } from "../../i18n";
import type { TemplateSummary } from "../../templates/summary";

export interface TemplateGalleryProps {
  lang: Lang;
  /** Called with the template id when someone picks "use this template". */
  onUse: (templateId: string) => void;
  /** The list to show; when absent it is fetched from `endpoint`. */
  templates?: TemplateSummary[];
  endpoint?: string;
  /** Disables the buttons while a document is being created. */
  busy?: boolean;
}

type Load = { state: "loading" } | { state: "error"; reason: string } | { state: "ready"; list: TemplateSummary[] };

/** Accepts `[...]` or `{ templates: [...] }` and drops entries that are not template summaries. */
export function parseTemplateList(body: unknown): TemplateSummary[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === "object" && Array.isArray((body as { templates?: unknown }).templates)
      ? (body as { templates: unknown[] }).templates
      : null;
  if (!list) throw new Error("unexpected response");
  return list.filter(
    (t): t is TemplateSummary =>
      !!t &&
      typeof t === "object" &&
      typeof (t as TemplateSummary).id === "string" &&
      typeof (t as TemplateSummary).title === "string" &&
      typeof (t as TemplateSummary).flowCount === "number",
  );
}

/** The thumbnail as an image: an <img> never runs script, whatever the SVG holds. */
const svgSrc = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** Cards of the published-assessment templates: name, 機関, kind of 評価書, a small picture, the number of flows. */
export function TemplateGallery({ lang, onUse, templates, endpoint = "/api/templates", busy }: TemplateGalleryProps) {
  const [load, setLoad] = useState<Load>(templates ? { state: "ready", list: templates } : { state: "loading" });

  useEffect(() => {
    if (templates) {
      setLoad({ state: "ready", list: templates });
      return;
    }
    let live = true;
    setLoad({ state: "loading" });
    fetch(endpoint, { headers: { accept: "application/json" } })
      .then(async (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return parseTemplateList(await r.json());
      })
      .then((list) => live && setLoad({ state: "ready", list }))
      .catch((e: unknown) => live && setLoad({ state: "error", reason: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [templates, endpoint]);

  return (
    <section className="template-gallery" data-testid="template-gallery" aria-busy={load.state === "loading"}>
      <h2>{translate(lang, "templates.gallery.title")}</h2>
      <p className="gallery-intro">{translate(lang, "templates.gallery.intro")}</p>
      {load.state === "loading" ? <p>{translate(lang, "templates.gallery.loading")}</p> : null}
      {load.state === "error" ? (
        <p className="field-error" role="alert">
          {translate(lang, "templates.gallery.error", { reason: load.reason })}
        </p>
      ) : null}
      {load.state === "ready" && load.list.length === 0 ? <p>{translate(lang, "templates.gallery.empty")}</p> : null}
      {load.state === "ready" && load.list.length > 0 ? (
        <ul className="template-cards">
          {load.list.map((t) => (
            <li key={t.id} className="template-card" data-template={t.id}>
              <img
                className="template-thumb"
                src={svgSrc(t.thumbnail)}
                width={240}
                height={150}
                alt={translate(lang, "templates.gallery.thumbnail", { title: t.title })}
              />
              <div className="template-meta">
                <strong className="template-jimu">{t.jimuName || t.title}</strong>
                <span className="template-org">{t.organization}</span>
                <span className="template-kind">{lang === "ja" ? t.assessmentKindJa : t.assessmentKindEn}</span>
                <span className="template-counts">
                  {translate(lang, "templates.gallery.flows", { count: t.flowCount })}・
                  {translate(lang, "templates.gallery.nodes", { count: t.nodeCount })}・
                  {translate(lang, "templates.gallery.files", { count: t.fileCount })}
                </span>
                <span className="template-date">
                  {t.publishedOn
                    ? translate(lang, "templates.gallery.published", { date: t.publishedOn })
                    : translate(lang, "templates.gallery.unpublished")}
                </span>
              </div>
              <button type="button" disabled={busy} onClick={() => onUse(t.id)}>
                {translate(lang, "templates.gallery.use")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
