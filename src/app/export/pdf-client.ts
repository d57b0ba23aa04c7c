import { type NagareDocument, serializeDocument } from "../../model";

export type PdfResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: "unreachable" }
  | { ok: false; reason: "server"; status: number; message: string };

export interface PdfRequest {
  paper: "a4" | "a3";
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
export async function requestPdf(model: NagareDocument, req: PdfRequest, signal?: AbortSignal): Promise<PdfResult> {
  const q = new URLSearchParams({
    format: "pdf",
    paper: req.paper,
    style: req.style,
    legend: String(req.legend),
    steps: String(req.steps),
    findings: String(req.findings),
  });
  for (const key of ["nodes", "flows", "groups"] as const) {
    const ids = req[key];
    if (ids?.length) q.set(key, ids.join(","));
  }
  let res: Response;
  try {
    res = await fetch(`/api/render/diagram?${q}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: serializeDocument(model),
      signal,
    });
  } catch {
    return { ok: false, reason: "unreachable" };
  }
  // A static host without the API answers 404/405 or with the HTML of the app.
  const type = res.headers.get("content-type") ?? "";
  if (res.ok && type.includes("application/pdf")) return { ok: true, bytes: new Uint8Array(await res.arrayBuffer()) };
  if (
    res.status === 404 ||
    res.status === 405 ||
    res.status === 502 ||
    res.status === 503 ||
    (res.ok && !type.includes("pdf"))
  )
    return { ok: false, reason: "unreachable" };
  const text = await res.text().catch(() => "");
  return { ok: false, reason: "server", status: res.status, message: text.slice(0, 400) };
}
