import { appMessages } from "./areas/app";
import { drawingMessages } from "./areas/drawing";
import { editorMessages } from "./areas/editor";
import { exportMessages } from "./areas/export";
import { ownersMessages } from "./areas/owners";
import { profileMessages } from "./areas/profile";
import { recipientsMessages } from "./areas/recipients";
import { reportMessages } from "./areas/report";
import { reviewMessages } from "./areas/review";
import { riskMessages } from "./areas/risk";
import { serverMessages } from "./areas/server";
import { templatesMessages } from "./areas/templates";

/**
 * UI dictionaries, one file per area under ./areas (Japanese first, English with the same keys).
 * Add an area: create areas/NAME.ts with defineMessages(...) and list it here.
 */
const AREAS = [
  appMessages,
  editorMessages,
  riskMessages,
  exportMessages,
  serverMessages,
  templatesMessages,
  reportMessages,
  drawingMessages,
  recipientsMessages,
  ownersMessages,
  profileMessages,
  reviewMessages,
] as const;

type AreaKeys<A> = A extends { ja: Record<infer K, string> } ? K : never;
export type MessageKey = AreaKeys<(typeof AREAS)[number]>;
export type Lang = "ja" | "en";

const merge = (lang: Lang) =>
  Object.assign({}, ...AREAS.map((a) => a[lang] as Record<string, string>)) as Record<MessageKey, string>;
export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { ja: merge("ja"), en: merge("en") };

/** Looks up a message and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = DICTIONARIES[lang][key] ?? DICTIONARIES.ja[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
