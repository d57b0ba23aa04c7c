import type { ja } from "./ja";

/** English UI strings; every key of the Japanese dictionary must be here. */
export const en: Record<keyof typeof ja, string> = {
  "app.title": "Nagare",
  "app.tagline": "Draw how My Number data flows and generate the risk sections of the assessment",
  "app.language": "日本語",
};
