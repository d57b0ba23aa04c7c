import { type ComponentType, lazy } from "react";
import type * as Y from "yjs";
import type { Lang, MessageKey } from "../../i18n";
import type { NagareDocument } from "../../model";
import type { Session } from "../session";
import { StepsPanel } from "./StepsPanel";

/** Ids of model elements to select or highlight on the canvas. */
export interface ElementIds {
  nodes?: string[];
  flows?: string[];
  groups?: string[];
}

/** What every side panel of the editor receives. */
export interface PanelProps {
  ydoc: Y.Doc;
  /** The validated model of the shared document (null while it is invalid or loading). */
  model: NagareDocument | null;
  lang: Lang;
  session: Session;
  readOnly: boolean;
  /** Select elements on the canvas (and centre them). */
  select: (ids: ElementIds) => void;
  /** Highlight a subset and dim the rest; null clears the filter. */
  highlight: (ids: ElementIds | null) => void;
  /** Select elements and centre them, keeping this panel open (absent where there is no canvas). */
  reveal?: (ids: ElementIds) => void;
  /** Opens another side panel (and the side bar when it is collapsed). */
  openPanel?: (id: string) => void;
  /** What is selected on the canvas now (view state, read-only; absent where there is no canvas). */
  selection?: CanvasSelection;
}

/** The ids selected on the canvas, split by collection; only ids that exist in the model. */
export interface CanvasSelection {
  readonly nodes: readonly string[];
  readonly flows: readonly string[];
  readonly groups: readonly string[];
}

export interface EditorPanel {
  id: string;
  titleKey: MessageKey;
  component: ComponentType<PanelProps>;
}

/**
 * A panel whose code is fetched the first time its tab opens, so the rules engine, the report and export
 * renderers and their libraries stay out of the bundle that shows the start page and the canvas. The editor
 * renders panels inside a Suspense boundary.
 */
function lazyPanel(load: () => Promise<ComponentType<PanelProps>>): ComponentType<PanelProps> {
  return lazy(async () => ({ default: await load() }));
}

/**
 * The side panels of the editor. Each feature (備考, findings, 評価書 preview, versions …) registers its
 * panel here with one line; the editor shows them as tabs.
 */
export const PANELS: EditorPanel[] = [
  { id: "steps", titleKey: "editor.panel.steps", component: StepsPanel },
  {
    id: "findings",
    titleKey: "risk.panel.findings",
    component: lazyPanel(() => import("../risk/FindingsPanel").then((m) => m.FindingsPanel)),
  },
  {
    id: "risk-map",
    titleKey: "risk.panel.map",
    component: lazyPanel(() => import("../risk/RiskMapPanel").then((m) => m.RiskMapPanel)),
  },
  {
    id: "export",
    titleKey: "export.panel.title",
    component: lazyPanel(() => import("../export/ExportPanel").then((m) => m.ExportPanel)),
  },
  {
    id: "report",
    titleKey: "report.panel.title",
    component: lazyPanel(() => import("../report/ReportPanel").then((m) => m.ReportPanel)),
  },
  {
    id: "blocks",
    titleKey: "templates.blocks.title",
    component: lazyPanel(() => import("../templates/BlocksPanel").then((m) => m.BlocksPanel)),
  },
  {
    id: "share",
    titleKey: "share.panel",
    component: lazyPanel(() => import("../share/SharePanel").then((m) => m.SharePanel)),
  },
  {
    id: "comments",
    titleKey: "review.panel.title",
    component: lazyPanel(() => import("../review/CommentsPanel").then((m) => m.CommentsPanel)),
  },
  {
    id: "versions",
    titleKey: "versions.panel",
    component: lazyPanel(() => import("../versions/VersionsPanel").then((m) => m.VersionsPanel)),
  },
];
