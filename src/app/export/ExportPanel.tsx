import { useDeferredValue, useMemo, useState } from "react";
import { type MessageKey, translate } from "../../i18n";
import { serializeDocument } from "../../model";
import { planDiagramPages } from "../../render/pdf/plan";
import { renderDiagramSvg, type Selection } from "../../render/svg";
import { evaluateDetailed } from "../../rules";
import type { PanelProps } from "../editor/panels";
import { downloadBytes, safeFileBase } from "./download";
import { requestPdf } from "./pdf-client";
import "./export.css";

type Scope = "all" | "group" | "selection";
type Status = { kind: "idle" } | { kind: "working" } | { kind: "done"; file: string } | { kind: "error"; text: string };

/**
 * Export of the 別添1 figure: SVG and PNG are made here in the browser from the model; the PDF (with the
 * 備考 step list) is made by the server. A partial export is either what is selected on the canvas or the
 * nodes of one lane or boundary.
 */
export function ExportPanel({ model, lang, session, selection: canvasSelection }: PanelProps) {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  const [scope, setScope] = useState<Scope>("all");
  const [groupId, setGroupId] = useState("");
  const [legend, setLegend] = useState(true);
  const [title, setTitle] = useState(true);
  const [steps, setSteps] = useState(true);
  const [style, setStyle] = useState<"color" | "mono">("color");
  const [byFindings, setByFindings] = useState(false);
  const [paper, setPaper] = useState<"auto" | "a4" | "a3">("auto");
  const [orientation, setOrientation] = useState<"auto" | "landscape" | "portrait">("auto");
  const [scale, setScale] = useState(2);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const deferred = useDeferredValue(model);

  const findings = useMemo(() => (deferred ? evaluateDetailed(deferred).findings : []), [deferred]);
  const openFindings = findings.filter((f) => f.status === "open").length;
  const groups = deferred?.groups ?? [];
  const chosenGroup = scope === "group" ? (groups.find((g) => g.id === groupId) ?? groups[0]) : undefined;
  const chosenId = chosenGroup?.id;
  const picked = countSelected(canvasSelection);
  // With nothing selected on the canvas any more, the selection scope falls back to the whole diagram.
  const effectiveScope: Scope = scope === "selection" && picked === 0 ? "all" : scope;
  const pickedKey = effectiveScope === "selection" ? JSON.stringify(canvasSelection) : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the ids, so the preview is not redrawn for an equal selection
  const selection: Selection | undefined = useMemo(() => {
    if (effectiveScope === "selection" && canvasSelection)
      return {
        nodes: [...canvasSelection.nodes],
        flows: [...canvasSelection.flows],
        groups: [...canvasSelection.groups],
      };
    return chosenId ? { groups: [chosenId] } : undefined;
  }, [effectiveScope, pickedKey, chosenId]);

  const rendered = useMemo(() => {
    if (!deferred) return null;
    return renderDiagramSvg(deferred, {
      style,
      legend,
      selection,
      findings: byFindings ? findings : undefined,
      title,
    });
  }, [deferred, style, legend, selection, byFindings, findings, title]);

  // What the PDF will be: paper, orientation and pages, before it is asked for.
  const pages = useMemo(() => {
    if (!deferred || !deferred.nodes.length) return null;
    const findingsShown = byFindings ? findings : undefined;
    return planDiagramPages(deferred, { paper, orientation, style, legend, selection, findings: findingsShown }).plan;
  }, [deferred, paper, orientation, style, legend, selection, byFindings, findings]);

  if (!model) return <p className="export-empty">{t("export.invalid")}</p>;
  const base = `${safeFileBase(model.title || model.meta.jimuName)}_別添1`;
  const busy = status.kind === "working";

  const run = async (job: () => Promise<string | null>) => {
    setStatus({ kind: "working" });
    try {
      // A job that returns null has already said what went wrong.
      const file = await job();
      if (file) setStatus({ kind: "done", file });
    } catch (e) {
      setStatus({ kind: "error", text: t("export.failed", { message: e instanceof Error ? e.message : String(e) }) });
    }
  };

  const saveSvg = () =>
    run(async () => {
      if (!rendered) throw new Error(t("export.invalid"));
      downloadBytes(rendered.svg, `${base}.svg`, "image/svg+xml;charset=utf-8");
      return `${base}.svg`;
    });
  const savePng = () =>
    run(async () => {
      if (!rendered) throw new Error(t("export.invalid"));
      // Loaded on first use, in its own chunk (the Word export shares it).
      const { svgToPng } = await import("../../render/raster/browser");
      const png = await svgToPng(rendered.svg, { scale });
      downloadBytes(png, `${base}.png`, "image/png");
      return `${base}.png`;
    });
  const savePdf = () =>
    run(async () => {
      const res = await requestPdf(
        model,
        {
          paper,
          orientation,
          style,
          legend,
          steps,
          findings: byFindings,
          nodes: selection?.nodes,
          flows: selection?.flows,
          groups: selection?.groups,
        },
        session,
      );
      if (!res.ok) {
        setStatus({
          kind: "error",
          text:
            res.reason === "unreachable"
              ? t("export.serverDown")
              : res.reason === "no-link"
                ? t("export.needsLink")
                : t("export.serverError", { status: res.status, message: lang === "ja" ? res.ja : res.en }),
        });
        return null;
      }
      downloadBytes(res.bytes, `${base}.pdf`, "application/pdf");
      return `${base}.pdf`;
    });
  const saveModel = () =>
    run(async () => {
      const file = `${safeFileBase(model.title || model.meta.jimuName)}.nagare.json`;
      downloadBytes(serializeDocument(model), file, "application/json");
      return file;
    });

  const preview = rendered ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(rendered.svg)}` : "";
  return (
    <section className="export-panel" data-testid="export-panel">
      <p className="export-intro">{t("export.intro")}</p>
      <fieldset>
        <legend>{t("export.scope")}</legend>
        <label>
          <input type="radio" name="export-scope" checked={effectiveScope === "all"} onChange={() => setScope("all")} />{" "}
          {t("export.scope.all")}
        </label>
        <label>
          <input
            type="radio"
            name="export-scope"
            value="selection"
            data-testid="export-scope-selection"
            checked={effectiveScope === "selection"}
            disabled={picked === 0}
            onChange={() => setScope("selection")}
          />{" "}
          {t("export.scope.selection", { count: picked })}
        </label>
        <label>
          <input
            type="radio"
            name="export-scope"
            data-testid="export-scope-group"
            checked={effectiveScope === "group"}
            disabled={groups.length === 0}
            onChange={() => setScope("group")}
          />{" "}
          {t("export.scope.group")}
        </label>
        {effectiveScope === "group" && groups.length > 0 && (
          <label className="export-row">
            {t("export.scope.groupPick")}{" "}
            <select
              value={chosenGroup?.id ?? ""}
              data-testid="export-group"
              onChange={(e) => setGroupId(e.target.value)}
            >
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <p className="export-note">{picked === 0 ? t("export.scope.selectionNone") : t("export.scope.note")}</p>
        {groups.length === 0 && <p className="export-note">{t("export.scope.noGroups")}</p>}
      </fieldset>
      <fieldset>
        <legend>{t("export.style")}</legend>
        <label>
          <input type="radio" name="export-style" checked={style === "color"} onChange={() => setStyle("color")} />{" "}
          {t("export.style.color")}
        </label>
        <label>
          <input type="radio" name="export-style" checked={style === "mono"} onChange={() => setStyle("mono")} />{" "}
          {t("export.style.mono")}
        </label>
        <label>
          <input type="checkbox" checked={legend} onChange={(e) => setLegend(e.target.checked)} /> {t("export.legend")}
        </label>
        <label>
          <input type="checkbox" checked={title} onChange={(e) => setTitle(e.target.checked)} /> {t("export.title")}
        </label>
        <label>
          <input type="checkbox" checked={steps} onChange={(e) => setSteps(e.target.checked)} /> {t("export.steps")}
        </label>
        <label>
          <input
            type="checkbox"
            checked={byFindings}
            data-testid="export-findings"
            onChange={(e) => setByFindings(e.target.checked)}
          />{" "}
          {t("export.findings", { count: openFindings })}
        </label>
      </fieldset>
      <div className="export-row">
        <label>
          {t("export.paper")}{" "}
          <select
            value={paper}
            data-testid="export-paper"
            onChange={(e) => setPaper(e.target.value as "auto" | "a4" | "a3")}
          >
            <option value="auto">{t("export.paper.auto")}</option>
            <option value="a4">A4</option>
            <option value="a3">A3</option>
          </select>
        </label>{" "}
        <label>
          {t("export.orientation")}{" "}
          <select
            value={orientation}
            data-testid="export-orientation"
            onChange={(e) => setOrientation(e.target.value as "auto" | "landscape" | "portrait")}
          >
            <option value="auto">{t("export.orientation.auto")}</option>
            <option value="landscape">{t("export.orientation.landscape")}</option>
            <option value="portrait">{t("export.orientation.portrait")}</option>
          </select>
        </label>{" "}
        <label>
          {t("export.scale")}{" "}
          <select value={scale} data-testid="export-scale" onChange={(e) => setScale(Number(e.target.value))}>
            {[1, 2, 3, 4].map((s) => (
              <option key={s} value={s}>
                ×{s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {pages ? (
        <p className="export-pages" data-testid="export-pages">
          {t(pages.tiles.length > 1 ? "export.pages.split" : "export.pages.one", {
            paper: pages.paper.toUpperCase(),
            orientation: t(`export.orientation.${pages.orientation}`),
            pages: pages.tiles.length,
            pt: Math.round(pages.minTextPt * 10) / 10,
          })}
        </p>
      ) : null}
      <div className="export-actions">
        <button type="button" disabled={busy || !rendered} onClick={saveSvg} data-testid="export-svg">
          {t("export.svg")}
        </button>
        <button type="button" disabled={busy || !rendered} onClick={savePng} data-testid="export-png">
          {t("export.png")}
        </button>
        <button type="button" disabled={busy} onClick={savePdf} data-testid="export-pdf">
          {t("export.pdf")}
        </button>
        <button type="button" disabled={busy} onClick={saveModel} data-testid="export-model">
          {t("export.model")}
        </button>
      </div>
      <p className={`export-status export-status-${status.kind}`} role="status" data-testid="export-status">
        {status.kind === "working"
          ? t("export.working")
          : status.kind === "done"
            ? t("export.done", { file: status.file })
            : status.kind === "error"
              ? status.text
              : ""}
      </p>
      {model.nodes.length === 0 ? (
        <p className="export-empty">{t("export.empty")}</p>
      ) : (
        <figure className="export-preview">
          <figcaption>{t("export.preview")}</figcaption>
          {preview && <img src={preview} alt={t("export.preview")} data-testid="export-preview" />}
        </figure>
      )}
    </section>
  );
}

function countSelected(s: PanelProps["selection"]): number {
  return s ? s.nodes.length + s.flows.length + s.groups.length : 0;
}
