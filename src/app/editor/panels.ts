import type { ComponentType } from "react";
import type * as Y from "yjs";
import type { Lang, MessageKey } from "../../i18n";
import type { NagareDocument } from "../../model";
import { ExportPanel } from "../export/ExportPanel";
import { ReportPanel } from "../report/ReportPanel";
import { FindingsPanel } from "../risk/FindingsPanel";
import { RiskMapPanel } from "../risk/RiskMapPanel";
import type { Session } from "../session";
import { SharePanel } from "../share/SharePanel";
import { BlocksPanel } from "../templates/BlocksPanel";
import { VersionsPanel } from "../versions/VersionsPanel";
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
}

export interface EditorPanel {
  id: string;
  titleKey: MessageKey;
  component: ComponentType<PanelProps>;
}

/**
 * The side panels of the editor. Each feature (備考, findings, 評価書 preview, versions …) registers its
 * panel here with one line; the editor shows them as tabs.
 */
export const PANELS: EditorPanel[] = [
  { id: "steps", titleKey: "editor.panel.steps", component: StepsPanel },
  { id: "findings", titleKey: "risk.panel.findings", component: FindingsPanel },
  { id: "risk-map", titleKey: "risk.panel.map", component: RiskMapPanel },
  { id: "export", titleKey: "export.panel.title", component: ExportPanel },
  { id: "report", titleKey: "report.panel.title", component: ReportPanel },
  { id: "blocks", titleKey: "templates.blocks.title", component: BlocksPanel },
  { id: "share", titleKey: "share.panel", component: SharePanel },
  { id: "versions", titleKey: "versions.panel", component: VersionsPanel },
];
