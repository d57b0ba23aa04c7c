/** 日本語（既定）の UI 文言。 */
export const ja = {
  "app.title": "Nagare（流れ）",
  "app.tagline": "特定個人情報の流れを描き、評価書のリスク対策を作る",
  "app.language": "English",
} as const;
