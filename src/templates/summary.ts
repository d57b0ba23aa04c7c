import { ASSESSMENT_KINDS, type NagareDocument } from "../model";
import { thumbnailSvg } from "./thumbnail";

/** What the gallery shows of one template; plain JSON so that the server can send it as is. */
export interface TemplateSummary {
  id: string;
  title: string;
  /** 評価実施機関名 as the 評価書 writes it. */
  organization: string;
  jimuName: string;
  assessmentKind: NagareDocument["meta"]["assessmentKind"];
  assessmentKindJa: string;
  assessmentKindEn: string;
  publishedOn: string | null;
  nodeCount: number;
  flowCount: number;
  fileCount: number;
  delegationCount: number;
  /** A small SVG picture (boxes and lines) for the card. */
  thumbnail: string;
}

/** A template as listed by the server: the gallery's summary plus where it comes from. */
export interface TemplateInfo extends TemplateSummary {
  source: "builtin" | "organization";
  kind: string;
  nodes: number;
  flows: number;
}

/** What the owner of the source document sees of a publication. */
export interface PublicationInfo {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  nodes: number;
  flows: number;
}

export function summarizeTemplate(id: string, doc: NagareDocument): TemplateSummary {
  const kind = ASSESSMENT_KINDS[doc.meta.assessmentKind];
  return {
    id,
    title: doc.title,
    organization: doc.meta.organization,
    jimuName: doc.meta.jimuName,
    assessmentKind: doc.meta.assessmentKind,
    assessmentKindJa: kind.ja,
    assessmentKindEn: kind.en,
    publishedOn: doc.meta.publishedOn,
    nodeCount: doc.nodes.length,
    flowCount: doc.flows.length,
    fileCount: doc.files.length,
    delegationCount: doc.delegations.length,
    thumbnail: thumbnailSvg(doc),
  };
}

const KIND_ORDER = { full: 0, focused: 1, basic: 2 } as const;

/** Full assessments first (they carry a numbered 別添1), then by organization. */
export function compareSummaries(a: TemplateSummary, b: TemplateSummary): number {
  return KIND_ORDER[a.assessmentKind] - KIND_ORDER[b.assessmentKind] || a.id.localeCompare(b.id);
}
