import { z } from "zod";
import { legalBasisSchema } from "./legal-basis";
import { LIMITS } from "./limits";
import {
  BOUNDARY_KIND_IDS,
  EXTERNAL_BODY_TYPE_IDS,
  HANDLER_COUNT_BANDS,
  LANE_KIND_IDS,
  NODE_KIND_IDS,
  PARTY_IDS,
  PHASE_IDS,
  POPULATION_BANDS,
  RECORD_ITEM_BANDS,
  RECORD_ITEM_CATEGORIES,
  RETENTION_PERIODS,
  SAFEGUARD_IDS,
  SUBJECT_COUNT_BANDS,
  SYSTEM_ROLE_IDS,
  TRANSPORT_IDS,
} from "./vocabulary";

/**
 * The assessment model: the single source of truth for the file format, the shared document, the rules,
 * the generated sections and every renderer. Objects are strict so that a typo in a file is reported
 * rather than silently dropped.
 */

export const CURRENT_SCHEMA_VERSION = 3;
export const FORMAT_ID = "nagare";

// Ids are stored in files and URLs: keep them to a safe alphabet.
export const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.idChars)
  .regex(/^[A-Za-z0-9_.:-]+$/, { message: "id_chars" });

const label = z.string().min(1).max(LIMITS.labelChars);
const optLabel = z.string().max(LIMITS.labelChars).optional();
const text = z.string().max(LIMITS.textChars).optional();
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(LIMITS.listItems);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "iso_date" });

export const pointSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });
export const sizeSchema = z.strictObject({
  width: z.number().finite().positive(),
  height: z.number().finite().positive(),
});

export const safeguardSchema = z.strictObject({
  kind: z.enum(SAFEGUARD_IDS),
  /** The measure in the 評価書's words; shown in section Ⅲ. */
  note: text,
});
export type Safeguard = z.infer<typeof safeguardSchema>;

export const ownerSchema = z.strictObject({
  party: z.enum(PARTY_IDS).optional(),
  /** Name of the organisation: 堺市, 日本年金機構, 東京都住宅供給公社 … */
  name: optLabel,
  /** For 他機関: which 入手元/提供先 box it falls under. */
  bodyType: z.enum(EXTERNAL_BODY_TYPE_IDS).optional(),
});

export const nodeSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(NODE_KIND_IDS),
  label,
  owner: ownerSchema.optional(),
  /** The lane or boundary the node sits in (innermost one); nesting follows group.parentId. */
  groupId: idSchema.optional(),
  position: pointSchema,
  size: sizeSchema.optional(),
  /** For systems: which Ⅰ2③ box the system counts as. */
  systemRole: z.enum(SYSTEM_ROLE_IDS).optional(),
  functions: list(z.string().max(LIMITS.textChars)).default([]),
  safeguards: list(safeguardSchema).default([]),
  /** Declared use of the data it receives (data minimisation); for 提供先, their 用途. */
  purpose: text,
  /** 特定個人情報ファイル held here (systems and stores). */
  fileIds: list(idSchema).default([]),
  /** For stores, media and paper: 保管 and 消去. */
  retention: z.enum(RETENTION_PERIODS).optional(),
  deletionMethod: text,
  /** For contractors and subcontractors: the 委託事項 they carry out. */
  delegationId: idSchema.optional(),
  /** Remarks, e.g. where the source document is silent or garbled. */
  note: text,
});
export type ModelNode = z.infer<typeof nodeSchema>;

export const groupSchema = z.strictObject({
  id: idSchema,
  type: z.enum(["lane", "boundary"]),
  laneKind: z.enum(LANE_KIND_IDS).optional(),
  boundaryKind: z.enum(BOUNDARY_KIND_IDS).optional(),
  label,
  parentId: idSchema.optional(),
  position: pointSchema,
  size: sizeSchema,
  note: text,
});
export type ModelGroup = z.infer<typeof groupSchema>;

export const flowSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  /** The step label as the 別添1 writes it: ①, ②-3, ㉑, ア, 1-① … */
  step: z.string().max(LIMITS.stepChars).optional(),
  /** The step label was set by a person and stays as it is when the steps are renumbered. */
  stepPinned: z.boolean().optional(),
  /** The 備考 sentence for this step. */
  sentence: text,
  /** What is carried: 住民票情報, 申請書 … */
  data: optLabel,
  /** null: not known yet (an incomplete model, shown as such). */
  carriesMyNumber: z.boolean().nullable().default(null),
  transport: z.enum(TRANSPORT_IDS).optional(),
  /** Free text for その他( ) and for details of the channel. */
  transportNote: optLabel,
  legalBasis: list(legalBasisSchema).default([]),
  safeguards: list(safeguardSchema).default([]),
  /** 時期・頻度. */
  frequency: optLabel,
  /** A person's decision where the graph cannot tell the phase. */
  phase: z.enum(PHASE_IDS).optional(),
  /** Alternative path within one step (【窓口の場合】 …). */
  variant: optLabel,
  /** Backups and media carried off site get their own checks. */
  isBackup: z.boolean().optional(),
  /** The direction of the flow is not known yet. */
  directionUnknown: z.boolean().optional(),
  /**
   * Bends a person pinned on the figure (absolute flow coordinates, in order from the source). Absent: the
   * route is automatic. The route passes through each point and goes around boxes between them.
   */
  waypoints: z.array(pointSchema).max(LIMITS.waypoints).optional(),
  fileIds: list(idSchema).default([]),
  delegationId: idSchema.optional(),
  provisionId: idSchema.optional(),
  note: text,
});
export type ModelFlow = z.infer<typeof flowSchema>;

export const piiFileSchema = z.strictObject({
  id: idSchema,
  name: label,
  fileType: z.enum(["system", "other_electronic"]).optional(),
  subjectCount: z.enum(SUBJECT_COUNT_BANDS).optional(),
  subjectScope: text,
  recordItems: z.enum(RECORD_ITEM_BANDS).optional(),
  mainRecordItems: list(z.string().max(LIMITS.labelChars)).default([]),
  /** 別添 特定個人情報ファイル記録項目: every record item of the file, each under one of the 様式's categories. */
  allRecordItems: z
    .array(
      z.strictObject({
        name: label,
        category: z.enum(RECORD_ITEM_CATEGORIES as unknown as [string, ...string[]]),
      }),
    )
    .max(LIMITS.recordItems)
    .optional(),
  heldSince: optLabel,
  department: optLabel,
  usePurpose: text,
  useDepartment: optLabel,
  users: z.enum(HANDLER_COUNT_BANDS).optional(),
  storageLocation: text,
  retention: z.enum(RETENTION_PERIODS).optional(),
  retentionReason: text,
  deletionMethod: text,
  /** Ⅱ7 備考, printed in the 評価書 as written. */
  remarks: text,
  /** Internal remark (where a value came from, what is still open); never printed. */
  note: text,
});
export type PiiFile = z.infer<typeof piiFileSchema>;

export const delegationSchema = z.strictObject({
  id: idSchema,
  /** 委託事項 name. */
  name: label,
  content: text,
  contractorName: optLabel,
  contractorNameCheck: text,
  scope: z.enum(["all", "part"]).optional(),
  subjectCount: z.enum(SUBJECT_COUNT_BANDS).optional(),
  handlers: z.enum(HANDLER_COUNT_BANDS).optional(),
  methods: list(z.enum(TRANSPORT_IDS)).default([]),
  subcontract: z.boolean().optional(),
  subcontractApproval: text,
  subcontractItems: text,
  /** How many levels of 再委託 are declared (1 = 再委託, 2 = 再々委託). */
  declaredDepth: z.number().int().min(0).max(5).optional(),
  fileIds: list(idSchema).default([]),
  note: text,
});
export type Delegation = z.infer<typeof delegationSchema>;

/**
 * One 提供先 or 移転先 behind a record: a body (提供) or a 事務 / 部署 of the same body (移転). A drawn box often
 * stands for many of them (「他の地方公共団体等（別紙1のとおり）」); Ⅱ5 counts these rows, and a long list is
 * printed as a 別紙.
 */
export const recipientRowSchema = z.strictObject({
  /** 提供先 / 移転先: the body or the 事務. */
  name: label,
  /** 法令上の根拠 as the list writes it (別表の項, 主務省令の項, 条例 …). */
  basis: optLabel,
  /** 提供する情報 / 移転する情報. */
  information: optLabel,
  /** 提供方法 / 移転方法. */
  method: optLabel,
  /** 時期・頻度. */
  timing: optLabel,
});
export type RecipientRow = z.infer<typeof recipientRowSchema>;

export const provisionSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(["provision", "transfer"]),
  recipient: label,
  recipientNodeId: idSchema.optional(),
  legalBasis: list(legalBasisSchema).default([]),
  purpose: text,
  information: text,
  subjectCount: z.enum(SUBJECT_COUNT_BANDS).optional(),
  subjectScope: text,
  methods: list(z.enum(TRANSPORT_IDS)).default([]),
  timing: text,
  /** The 提供先 / 移転先 this record stands for (別紙 rows); empty when it is one recipient. */
  recipients: z.array(recipientRowSchema).max(LIMITS.recipientRows).default([]),
  /** How many recipients, where only the count is known (a published 評価書 without its 別紙). */
  recipientCount: z.number().int().min(1).max(LIMITS.recipientRows).optional(),
  fileIds: list(idSchema).default([]),
  note: text,
});
export type Provision = z.infer<typeof provisionSchema>;

export const decisionSchema = z.strictObject({
  status: z.enum(["resolved", "accepted", "not_applicable"]),
  justification: text,
  by: optLabel,
  at: z.string().max(40).optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

/** A person's words or confirmed choice for one generated 評価書 item. */
export const answerSchema = z.strictObject({
  value: z.string().max(LIMITS.textChars),
  confirmed: z.boolean().optional(),
  by: optLabel,
  at: z.string().max(40).optional(),
});

/** Statuses of a review thread (第三者点検・内部点検の指摘): 未対応, 対応中, 対応済み, 対応不要. */
export const COMMENT_STATUS_IDS = ["open", "in_progress", "resolved", "not_needed"] as const;
export type CommentStatus = (typeof COMMENT_STATUS_IDS)[number];

/** What a review thread is about: an element of the drawing, a 評価書 item, or a point of the canvas. */
export const commentTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("node"), id: idSchema }),
  z.strictObject({ kind: z.literal("flow"), id: idSchema }),
  z.strictObject({ kind: z.literal("group"), id: idSchema }),
  z.strictObject({
    kind: z.literal("item"),
    /** The generated item's id (the key of `answers`). */
    id: z.string().min(1).max(200),
    /** The item as printed when the thread was opened ("Ⅱ-3-② 入手の時期"), kept for when it is gone. */
    label: optLabel,
  }),
  z.strictObject({ kind: z.literal("point"), x: z.number().finite(), y: z.number().finite() }),
]);
export type CommentTarget = z.infer<typeof commentTargetSchema>;

const commentAuthor = z.string().min(1).max(80);
/** ISO 8601 time with its offset, as `new Date().toISOString()` writes it. */
const commentTime = z.string().min(10).max(40);

export const commentReplySchema = z.strictObject({
  id: idSchema,
  author: commentAuthor,
  at: commentTime,
  text: z.string().min(1).max(LIMITS.textChars),
});
export type CommentReply = z.infer<typeof commentReplySchema>;

/**
 * A review thread: the first remark (指摘), the replies (回答 and further remarks) and its status. Never
 * part of the generated 評価書.
 */
export const commentThreadSchema = z
  .strictObject({
    id: idSchema,
    target: commentTargetSchema,
    author: commentAuthor,
    at: commentTime,
    text: z.string().min(1).max(LIMITS.textChars),
    status: z.enum(COMMENT_STATUS_IDS).default("open"),
    /** Why nothing is done (対応不要) or what was done; required for 対応不要. */
    reason: text,
    statusBy: z.string().max(80).optional(),
    statusAt: commentTime.optional(),
    replies: z.array(commentReplySchema).max(LIMITS.commentReplies).default([]),
  })
  .refine((t) => t.status !== "not_needed" || (t.reason ?? "").trim().length > 0, {
    message: "reason_required",
    path: ["reason"],
  });
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const metaSchema = z.strictObject({
  /** 評価実施機関名, e.g. 堺市長. */
  organization: z.string().max(LIMITS.labelChars).default(""),
  /** 事務の名称. */
  jimuName: z.string().max(LIMITS.labelChars).default(""),
  jimuSummary: text,
  assessmentKind: z.enum(["basic", "focused", "full"]).default("full"),
  documentNumber: optLabel,
  /** 対象人数, as a count when known, or the band the 評価書 states. */
  targetPopulation: z.number().int().min(0).max(200_000_000).nullable().default(null),
  targetPopulationBand: z.enum(POPULATION_BANDS).optional(),
  /** 取扱者数 500人以上か. */
  handlers500OrMore: z.boolean().nullable().default(null),
  /** 過去1年以内の特定個人情報に関する重大事故 (しきい値判断). */
  seriousIncidentPastYear: z.boolean().nullable().default(null),
  /** Ⅲ7⑨ 過去3年以内の個人情報に関する重大事故 (a separate question of the 様式), with その内容 and 再発防止策. */
  seriousIncidentPast3Years: z.boolean().nullable().optional(),
  seriousIncidentContent: text,
  seriousIncidentPrevention: text,
  department: optLabel,
  departmentHead: optLabel,
  /** 公表日 (ISO date); decides which article numbers are cited. */
  publishedOn: isoDate.nullable().default(null),
  legalBasisForUse: list(legalBasisSchema).default([]),
  networkLinkage: z
    .strictObject({
      performed: z.enum(["yes", "no", "undecided"]).optional(),
      legalBasis: list(legalBasisSchema).default([]),
    })
    .default({ legalBasis: [] }),
  otherAssessors: optLabel,
  note: text,
});
export type AssessmentMeta = z.infer<typeof metaSchema>;

const idMap = <T extends z.ZodTypeAny>(value: T) =>
  z.record(z.string().max(200), value).refine((r) => Object.keys(r).length <= LIMITS.flows, {
    message: "too_many_entries",
  });

export const documentSchema = z.strictObject({
  format: z.literal(FORMAT_ID),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  title: z.string().max(LIMITS.labelChars).default(""),
  meta: metaSchema,
  files: z.array(piiFileSchema).max(LIMITS.listItems).default([]),
  nodes: z.array(nodeSchema).max(LIMITS.nodes).default([]),
  groups: z.array(groupSchema).max(LIMITS.groups).default([]),
  flows: z.array(flowSchema).max(LIMITS.flows).default([]),
  delegations: z.array(delegationSchema).max(LIMITS.listItems).default([]),
  provisions: z
    .array(provisionSchema)
    .max(LIMITS.listItems * 5)
    .default([]),
  /** Decisions on findings, keyed by the finding's deterministic id. */
  decisions: idMap(decisionSchema).default({}),
  /** A person's words for generated 評価書 items, keyed by item id. */
  answers: idMap(answerSchema).default({}),
  /** Review threads (第三者点検); optional, never printed in the 評価書. */
  comments: z.array(commentThreadSchema).max(LIMITS.commentThreads).optional(),
});
export type NagareDocument = z.infer<typeof documentSchema>;
/** The document as written before defaults are applied (what a file may omit). */
export type NagareDocumentInput = z.input<typeof documentSchema>;
