import { DICTIONARIES, type Lang, type MessageKey, translate } from "../../i18n";
import { type ModelFlow, TRANSPORTS } from "../../model";
import { measureText } from "../../render/svg/text";

/** What the canvas writes on a flow, and how much room it takes (for the shared label placement). */

export const STEP_FONT = 14;
export const STEP_H = 18;
export const BADGE_FONT = 10.5;
export const BADGE_H = 17;
export const COUNT_W = 16;

/** The short transport chip on the canvas, in the editor's language (the 別添1 output keeps the 様式's words). */
export function transportBadge(id: keyof typeof TRANSPORTS, lang: Lang): string {
  const key = `editor.badge.${id}`;
  return key in DICTIONARIES[lang] ? translate(lang, key as MessageKey) : TRANSPORTS[id].badge;
}

export function badgeText(f: ModelFlow, lang: Lang): string {
  return `${f.transport ? transportBadge(f.transport, lang) : ""}${f.carriesMyNumber === null ? "?" : ""}`;
}

export function stepSize(step: string): { w: number; h: number } {
  return { w: Math.max(STEP_H, measureText(step, STEP_FONT) + 6), h: STEP_H };
}

export function badgeSize(text: string, count?: number): { w: number; h: number } {
  return { w: measureText(text, BADGE_FONT) + 12 + (count ? COUNT_W : 0), h: BADGE_H };
}
