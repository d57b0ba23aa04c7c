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
  /**
   * The request body as UTF-8: a `*.nagare.json` model, or for a 評価書 with its 変更箇所 the envelope
   * `{ "model": …, "since": …, "sinceName"?: "公表版 2024", "changedOn"?: "YYYY-MM-DD" }` (both models validated).
   */
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
  const envelope = isEnvelope(raw) ? raw : null;
  const loaded = loadDocumentValue(envelope ? envelope.model : raw);
  if (!loaded.ok)
    return {
      ok: false,
      status: 422,
      code: "invalid_document",
      ja: "文書の形式が正しくありません",
      en: "the document is not valid",
      problems: loaded.problems.slice(0, 200),
    };
  const older = envelope ? loadDocumentValue(envelope.since) : null;
  if (older && !older.ok)
    return {
      ok: false,
      status: 422,
      code: "invalid_since",
      ja: "比較する前の版（since）の形式が正しくありません",
      en: "the earlier version to compare with (since) is not valid",
      problems: older.problems.slice(0, 200).map((p) => ({ ...p, path: p.path ? `since.${p.path}` : "since" })),
    };
  const since =
    envelope && older?.ok
      ? {
          doc: older.doc,
          name: typeof envelope.sinceName === "string" ? envelope.sinceName.slice(0, 300) : "",
          changedOn: typeof envelope.changedOn === "string" ? envelope.changedOn : null,
        }
      : null;
  try {
    const route = await entry.load();
    const profile = job.profile ? loadProfileText(job.profile) : null;
    const out = await route.handle(loaded.doc, new URLSearchParams(job.query), {
      profile: profile?.ok ? profile.profile : null,
      ...(since ? { since } : {}),
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

interface Envelope {
  model: unknown;
  since: unknown;
  sinceName?: unknown;
  changedOn?: unknown;
}
/** A model carries `format: "nagare"`; an object with `model` and `since` instead is the comparison envelope. */
function isEnvelope(raw: unknown): raw is Envelope {
  return !!raw && typeof raw === "object" && !Array.isArray(raw) && "model" in raw && "since" in raw;
}
