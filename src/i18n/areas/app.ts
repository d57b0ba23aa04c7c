import { defineMessages } from "../define";

export const appMessages = defineMessages(
  {
    "app.title": "Nagare（流れ）",
    "app.tagline": "特定個人情報の流れを描き、評価書のリスク対策を作る",
    "app.language": "English",
    "app.notFound": "ページが見つかりません",
    "app.loading": "読み込み中…",
  },
  {
    "app.title": "Nagare",
    "app.tagline": "Draw how My Number data flows and generate the risk sections of the assessment",
    "app.language": "日本語",
    "app.notFound": "Page not found",
    "app.loading": "Loading…",
  },
);
