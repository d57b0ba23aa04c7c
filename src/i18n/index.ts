import { en } from "./en";
import { ja } from "./ja";

/** UI dictionaries. Japanese is the source; English must have every key (checked by the type). */
export type Lang = "ja" | "en";
export type MessageKey = keyof typeof ja;
export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { ja, en };

/** Looks up a message and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = DICTIONARIES[lang][key] ?? DICTIONARIES.ja[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
