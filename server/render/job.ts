import { loadDocumentValue, loadProfileText } from "../../src/model";
import { RENDER_ROUTES } from "./registry";

/**
 * One render as it travels to a worker thread and back. Everything the main thread would otherwise spend
 * CPU on — parsing the body, validating the model, drawing — happens in the worker.
 */
export interface RenderJob {
  /** Renderer path of `server/render/registry.ts` (e.g. "diagram"). */
  path: string;
  /** The request's query string. */
  query: string;
  /** The request body: a `*.nagare.json` model as UTF-8. */
  body: Uint8Array;
  /** The organisation profile the 評価書 draws on (its file text), validated again in the worker. */
  profile?: string;
}

export type RenderOutcome =
  | { ok: true; contentType: string; body: Uint8Array | string; filename: string }
  | { ok: false; status: number; code: string; ja: string; en: string; problems?: unknown[]; detail?: string };

const split = (message: string) => {
  const [ja, en] = message.split(" / ");
  return { ja: ja ?? message, en: en ?? ja ?? message };
};

/** Parses, validates and renders; every failure becomes a bilingual outcome, nothing is thrown. */
export async function runRenderJob(job: RenderJob): Promise<RenderOutcome> {
  const entry = RENDER_ROUTES.find((r) => r.path === job.path);
  if (!entry)
    return { ok: false, status: 404, code: "no_renderer", ja: "この出力形式はありません", en: "no such renderer" };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(job.body));
  } catch {
    return { ok: false, status: 400, code: "bad_json", ja: "JSON として読めません", en: "the body is not valid JSON" };
  }
  const loaded = loadDocumentValue(raw);
  if (!loaded.ok)
    return {
      ok: false,
      status: 422,
      code: "invalid_document",
      ja: "文書の形式が正しくありません",
      en: "the document is not valid",
      problems: loaded.problems.slice(0, 200),
    };
  try {
    const route = await entry.load();
    const profile = job.profile ? loadProfileText(job.profile) : null;
    const out = await route.handle(loaded.doc, new URLSearchParams(job.query), {
      profile: profile?.ok ? profile.profile : null,
    });
    return { ok: true, ...out };
  } catch (e) {
    // Renderers report a bad query with an error carrying a 4xx `status` and "日本語 / English".
    const status = (e as { status?: unknown }).status;
    const message = e instanceof Error ? e.message : String(e);
    if (typeof status === "number" && status >= 400 && status < 500)
      return { ok: false, status, code: "render_query", ...split(message) };
    // Anything else (a missing font, a renderer fault) is the server's problem, said in both languages.
    const text = message.includes(" / ")
      ? split(message)
      : { ja: `出力を作成できませんでした（${message}）`, en: `the render failed (${message})` };
    return {
      ok: false,
      status: 500,
      code: "render_failed",
      ...text,
      detail: e instanceof Error ? e.stack : undefined,
    };
  }
}
