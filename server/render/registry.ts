import type { NagareDocument, OrgProfile } from "../../src/model";

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
  handle: (
    doc: NagareDocument,
    query: URLSearchParams,
    extra?: {
      profile?: OrgProfile | null;
      /** The earlier version for the 変更箇所 (the envelope body of job.ts). */
      since?: { doc: NagareDocument; name: string; changedOn: string | null };
    },
  ) => Promise<RenderResult>;
}

/**
 * One line per renderer module: its path and how to load it. Only render workers load the renderers (and
 * their PDF, raster and Word libraries); the server's main thread needs just the paths.
 */
export const RENDER_ROUTES: { path: string; load: () => Promise<RenderRoute> }[] = [
  { path: "diagram", load: async () => (await import("./diagram")).diagramRoute },
  { path: "report", load: async () => (await import("./report")).reportRoute },
];
