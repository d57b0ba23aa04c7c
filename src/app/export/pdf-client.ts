import type { NagareDocument } from "../../model";
import { type RenderReply, renderOnServer, type ServerLink } from "./render-request";

export type PdfResult = RenderReply;

export interface PdfRequest {
  paper: "auto" | "a4" | "a3";
  orientation: "auto" | "landscape" | "portrait";
  style: "color" | "mono";
  legend: boolean;
  steps: boolean;
  findings: boolean;
  /** A selection (ids); the server draws these with what they need around them. */
  nodes?: string[];
  flows?: string[];
  groups?: string[];
}

/** Asks the server to make the PDF (`POST /api/render/diagram`); the browser has no PDF renderer. */
export async function requestPdf(
  model: NagareDocument,
  req: PdfRequest,
  link: ServerLink,
  signal?: AbortSignal,
): Promise<PdfResult> {
  const q = new URLSearchParams({
    format: "pdf",
    paper: req.paper,
    orientation: req.orientation,
    style: req.style,
    legend: String(req.legend),
    steps: String(req.steps),
    findings: String(req.findings),
  });
  for (const key of ["nodes", "flows", "groups"] as const) {
    const ids = req[key];
    if (ids?.length) q.set(key, ids.join(","));
  }
  return renderOnServer("diagram", q, model, link, "application/pdf", signal);
}
