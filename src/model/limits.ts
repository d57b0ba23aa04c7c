/** Size limits of one document. They protect the server, the canvas and the exports from runaway input. */
export const LIMITS = {
  /** Node, group and file names; step labels are shorter still. */
  labelChars: 300,
  stepChars: 24,
  /** 備考 sentences, notes, free-text answers. */
  textChars: 20_000,
  idChars: 64,
  nodes: 20_000,
  flows: 60_000,
  groups: 2_000,
  listItems: 200,
  /** 提供先 / 移転先 rows behind one provision record (a 別紙 list). */
  recipientRows: 2_000,
  /** Record items of one file (別添 特定個人情報ファイル記録項目). */
  recordItems: 1_000,
  /** A whole `*.nagare.json` file. */
  fileBytes: 20 * 1024 * 1024,
  /** Review threads of one document, replies of one thread. */
  commentThreads: 2_000,
  commentReplies: 200,
  /** Nesting of boundaries inside lanes and each other. */
  groupDepth: 16,
  /** Bends pinned on one flow. */
  waypoints: 32,
} as const;
