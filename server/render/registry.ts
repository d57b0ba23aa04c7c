import type { NagareDocument } from "../../src/model";
import { diagramRoute } from "./diagram";
import { reportRoute } from "./report";

/**
 * Stateless renderers the app calls with a model in the request body (`POST /api/render/<path>`): the
 * diagram as PDF/PNG/SVG, the 評価書 as Word/HTML/Markdown. The server validates the body with the model
 * schema and a size limit before a handler sees it.
 */
export interface RenderResult {
  contentType: string;
  body: Uint8Array | string;
  filename: string;
}

export interface RenderRoute {
  path: string;
  handle: (doc: NagareDocument, query: URLSearchParams) => Promise<RenderResult>;
}

/** One line per renderer module. */
export const RENDER_ROUTES: RenderRoute[] = [diagramRoute, reportRoute];
