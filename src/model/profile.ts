import { z } from "zod";
import { LIMITS } from "./limits";
import { type Problem, problemsFromZod } from "./problems";

/**
 * The organisation profile (`*.nagare-profile.json`): the answers an organisation gives the same way in every
 * 評価書 (監査, 教育・啓発, 開示請求, 評価実施手続, the security measures of its systems …), written once and
 * drawn on by each of its documents. A document's own answer to an item overrides the profile's.
 * Same family as the model: a `format` that names the kind of file, a schema version, strict zod validation.
 */

export const PROFILE_FORMAT_ID = "nagare-profile";
export const PROFILE_SCHEMA_VERSION = 1;

/** Choice lists of the 様式 used by profile items (and by the form, which imports them from here). */
export const EFFORT_CHOICES = ["特に力を入れて行っている", "十分に行っている", "十分に行っていない"] as const;
export const AUDIT_CHOICES = ["自己点検", "内部監査", "外部監査"] as const;
export const NISC_CHOICES = [
  "特に力を入れて遵守している",
  "十分に遵守している",
  "十分に遵守していない",
  "政府機関ではない",
] as const;
export const ORGANISE_CHOICES = ["特に力を入れて整備している", "十分に整備している", "十分に整備していない"] as const;
export const NOTIFY_CHOICES = ["特に力を入れて周知している", "十分に周知している", "十分に周知していない"] as const;
export const INCIDENT_CHOICES = ["発生あり", "発生なし"] as const;
export const FEE_CHOICES = ["有料", "無料"] as const;
export const PUBLISHED_CHOICES = ["行っている", "行っていない"] as const;
export const DONE_CHOICES = ["行っている", "行っていない"] as const;
export const RECORD_CHOICES = ["記録を残している", "記録を残していない"] as const;
export const RULE_CHOICES = ["定めている", "定めていない"] as const;

type ProfileItemKind = "text" | "single" | "checkbox";

export interface ProfileItemDef {
  key: string;
  kind: ProfileItemKind;
  choices?: readonly string[];
  /** The 様式's wording, shown beside the plain-language question (src/i18n/areas/profile.ts). */
  title: string;
  group: ProfileGroup;
  /**
   * A default that depends on the 事務 (the department in charge, its contact): the 評価書 proposes it (要確認)
   * rather than printing it as the document's fact.
   */
  proposal?: boolean;
}

/** Items whose profile answer is only a proposal for each document (see ProfileItemDef.proposal). */
const PROPOSALS = new Set(["department", "departmentHead", "inquiry.contact"]);

export const PROFILE_GROUPS = [
  "organization",
  "audit",
  "access",
  "delegation",
  "security",
  "incidents",
  "disclosure",
  "procedure",
] as const;
export type ProfileGroup = (typeof PROFILE_GROUPS)[number];

const item = (
  group: ProfileGroup,
  key: string,
  kind: ProfileItemKind,
  title: string,
  choices?: readonly string[],
): ProfileItemDef => ({
  key,
  kind,
  title,
  group,
  ...(choices ? { choices } : {}),
  ...(PROPOSALS.has(key) ? { proposal: true } : {}),
});

/**
 * Every item a profile can answer. The key is what the file stores and what the form's items refer to
 * (`profile:` in src/sections/form.ts); the same key serves the 基礎, 重点 and 全項目 forms.
 */
export const PROFILE_ITEMS: readonly ProfileItemDef[] = [
  item("organization", "organization", "text", "評価実施機関名"),
  item("organization", "department", "text", "評価実施機関における担当部署 ①部署"),
  item("organization", "departmentHead", "text", "評価実施機関における担当部署 ②所属長の役職名"),
  item("audit", "audit.kinds", "checkbox", "監査 実施の有無", AUDIT_CHOICES),
  item("audit", "audit.selfCheck", "single", "自己点検", EFFORT_CHOICES),
  item("audit", "audit.selfCheckMethod", "text", "自己点検 具体的なチェック方法"),
  item("audit", "audit.audit", "single", "監査", EFFORT_CHOICES),
  item("audit", "audit.auditContent", "text", "監査 具体的な内容"),
  item("audit", "training.level", "single", "従業者に対する教育・啓発", EFFORT_CHOICES),
  item("audit", "training.method", "text", "従業者に対する教育・啓発 具体的な方法"),
  item("audit", "otherMeasures", "text", "その他のリスク対策"),
  item("access", "access.authentication", "single", "ユーザ認証の管理", DONE_CHOICES),
  item("access", "access.authenticationMethod", "text", "ユーザ認証の管理 具体的な管理方法"),
  item("access", "access.issuance", "single", "アクセス権限の発効・失効の管理", DONE_CHOICES),
  item("access", "access.issuanceMethod", "text", "アクセス権限の発効・失効の管理 具体的な管理方法"),
  item("access", "access.control", "single", "アクセス権限の管理", DONE_CHOICES),
  item("access", "access.controlMethod", "text", "アクセス権限の管理 具体的な管理方法"),
  item("access", "access.log", "single", "特定個人情報の使用の記録", RECORD_CHOICES),
  item("access", "access.logMethod", "text", "特定個人情報の使用の記録 具体的な方法"),
  item("delegation", "delegation.oversight", "text", "情報保護管理体制の確認"),
  item("delegation", "delegation.provisionRule", "single", "特定個人情報の提供ルール", RULE_CHOICES),
  item(
    "delegation",
    "delegation.provisionRuleToOthers",
    "text",
    "委託先から他者への提供に関するルールの内容及びルール遵守の確認方法",
  ),
  item(
    "delegation",
    "delegation.provisionRuleBetween",
    "text",
    "委託元と委託先間の提供に関するルールの内容及びルール遵守の確認方法",
  ),
  item("delegation", "delegation.deletionRule", "single", "特定個人情報の消去ルール", RULE_CHOICES),
  item("delegation", "delegation.deletionRuleContent", "text", "消去ルールの内容及びルール遵守の確認方法"),
  item(
    "delegation",
    "delegation.contractClause",
    "single",
    "委託契約書中の特定個人情報ファイルの取扱いに関する規定",
    RULE_CHOICES,
  ),
  item("delegation", "delegation.contractClauseContent", "text", "委託契約書中の規定の内容"),
  item("security", "security.nisc", "single", "NISC政府機関統一基準群", NISC_CHOICES),
  item("security", "security.organisation", "single", "安全管理体制", ORGANISE_CHOICES),
  item("security", "security.rules", "single", "安全管理規程", ORGANISE_CHOICES),
  item("security", "security.awareness", "single", "安全管理体制・規程の職員への周知", NOTIFY_CHOICES),
  item("security", "security.physical", "single", "物理的対策", EFFORT_CHOICES),
  item("security", "security.physicalDetail", "text", "物理的対策 具体的な対策の内容"),
  item("security", "security.technical", "single", "技術的対策", EFFORT_CHOICES),
  item("security", "security.technicalDetail", "text", "技術的対策 具体的な対策の内容"),
  item("security", "security.backup", "single", "バックアップ", EFFORT_CHOICES),
  item("security", "security.incidentProcedure", "single", "事故発生時手順の策定・周知", EFFORT_CHOICES),
  item(
    "incidents",
    "incidents.past3Years",
    "single",
    "過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか",
    INCIDENT_CHOICES,
  ),
  item("incidents", "incidents.past3YearsContent", "text", "重大事故 その内容"),
  item("incidents", "incidents.past3YearsPrevention", "text", "重大事故 再発防止策の内容"),
  item(
    "incidents",
    "incidents.pastYear",
    "single",
    "過去1年以内に、評価実施機関において特定個人情報に関する重大事故が発生したか",
    INCIDENT_CHOICES,
  ),
  item("disclosure", "disclosure.requestTo", "text", "開示・訂正・利用停止請求 請求先"),
  item("disclosure", "disclosure.requestMethod", "text", "請求方法"),
  item("disclosure", "disclosure.requestNote", "text", "請求方法 特記事項"),
  item("disclosure", "disclosure.fee", "single", "手数料等", FEE_CHOICES),
  item("disclosure", "disclosure.fileRegister", "single", "個人情報ファイル簿の公表", PUBLISHED_CHOICES),
  item("disclosure", "disclosure.fileRegisterPlace", "text", "個人情報ファイル簿 公表場所"),
  item("disclosure", "disclosure.specialProcedure", "text", "法令による特別の手続"),
  item("disclosure", "disclosure.notListed", "text", "個人情報ファイル簿への不記載等"),
  item("disclosure", "inquiry.contact", "text", "特定個人情報ファイルの取扱いに関する問合せ 連絡先"),
  item("disclosure", "inquiry.handling", "text", "問合せ 対応方法"),
  item("procedure", "procedure.hearingMethod", "text", "国民・住民等からの意見の聴取 方法"),
  item("procedure", "procedure.reviewMethod", "text", "第三者点検 方法"),
];

export const PROFILE_ITEM_KEYS = PROFILE_ITEMS.map((i) => i.key);
export const profileItem = (key: string) => PROFILE_ITEMS.find((i) => i.key === key);

const text = z.string().max(LIMITS.textChars);

function answerSchema(def: ProfileItemDef): z.ZodTypeAny {
  if (def.kind === "single") return z.enum(def.choices as [string, ...string[]]);
  if (def.kind === "checkbox")
    return z.array(z.enum(def.choices as [string, ...string[]])).max(def.choices?.length ?? 0);
  return def.key === "organization" || def.key === "department" || def.key === "departmentHead"
    ? z.string().max(LIMITS.labelChars)
    : text;
}

export const profileAnswersSchema = z.strictObject(
  Object.fromEntries(PROFILE_ITEMS.map((d) => [d.key, answerSchema(d).optional()])) as Record<
    string,
    z.ZodOptional<z.ZodTypeAny>
  >,
);

/** The measures of one system, printed in Ⅲ7 for the files it holds (matched by the system's name). */
export const profileSystemSchema = z.strictObject({
  name: z.string().min(1).max(LIMITS.labelChars),
  physical: text.optional(),
  technical: text.optional(),
});
export type ProfileSystem = z.infer<typeof profileSystemSchema>;

export const profileSchema = z.strictObject({
  format: z.literal(PROFILE_FORMAT_ID),
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  /** What this profile is, for people (e.g. 「架空市 共通回答 2026年度」). */
  title: z.string().max(LIMITS.labelChars).default(""),
  answers: profileAnswersSchema.default({}),
  systems: z.array(profileSystemSchema).max(LIMITS.listItems).default([]),
  /** Internal remark; never printed. */
  note: text.optional(),
});
export type OrgProfile = z.infer<typeof profileSchema>;
export type ProfileAnswerValue = string | string[];

export type ProfileLoadResult = { ok: true; profile: OrgProfile } | { ok: false; problems: Problem[] };

/** True when a parsed JSON value says it is a profile (the `format` names the kind of file). */
export function isProfileValue(raw: unknown): boolean {
  return typeof raw === "object" && raw !== null && (raw as { format?: unknown }).format === PROFILE_FORMAT_ID;
}

/** Reads a profile text: all or nothing, every problem with its path in Japanese and English. */
export function loadProfileText(textIn: string): ProfileLoadResult {
  if (new TextEncoder().encode(textIn).length > LIMITS.fileBytes)
    return {
      ok: false,
      problems: [{ path: "", code: "file_too_large", ja: "ファイルが大きすぎます", en: "file too large" }],
    };
  let raw: unknown;
  try {
    raw = JSON.parse(textIn);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      problems: [
        { path: "", code: "invalid_json", ja: `JSON として読めません（${msg}）`, en: `not valid JSON (${msg})` },
      ],
    };
  }
  return loadProfileValue(raw);
}

export function loadProfileValue(raw: unknown): ProfileLoadResult {
  if (!isProfileValue(raw))
    return {
      ok: false,
      problems: [
        {
          path: "format",
          code: "not_profile",
          ja: `団体の共通回答（プロファイル）ではありません（format は "${PROFILE_FORMAT_ID}" が必要）`,
          en: `not an organisation profile (format must be "${PROFILE_FORMAT_ID}")`,
        },
      ],
    };
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === "number" && version > PROFILE_SCHEMA_VERSION)
    return {
      ok: false,
      problems: [
        {
          path: "schemaVersion",
          code: "newer_version",
          ja: `このプロファイルは新しい版（スキーマ ${version}）の Nagare で作られています。この版が読めるのは ${PROFILE_SCHEMA_VERSION} までです`,
          en: `this profile was written by a newer Nagare (schema ${version}); this version reads up to ${PROFILE_SCHEMA_VERSION}`,
        },
      ],
    };
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, raw).map(namedItem) };
  const names = new Map<string, number>();
  const problems: Problem[] = [];
  parsed.data.systems.forEach((s, i) => {
    const key = s.name.trim();
    const first = names.get(key);
    if (first !== undefined)
      problems.push({
        path: `systems[${i}].name`,
        code: "duplicate_system",
        ja: `システム「${key}」は systems[${first}] と重複しています`,
        en: `system "${key}" repeats systems[${first}]`,
      });
    else names.set(key, i);
  });
  return problems.length ? { ok: false, problems } : { ok: true, profile: parsed.data };
}

/** A problem in an answer names the item as the 様式 does (the path alone is a key only a vendor reads). */
function namedItem(p: Problem): Problem {
  const m = /^answers\.([\w.]+?)(\[\d+\])?$/.exec(p.path);
  const def = m ? profileItem(m[1] as string) : undefined;
  if (def) {
    const named = `「${def.title}」`;
    return {
      ...p,
      ja: p.ja.includes(def.key) ? p.ja.replace(def.key, named) : `${named}: ${p.ja}`,
      en: `${def.key}: ${p.en}`,
    };
  }
  if (/^systems\[\d+\]\.name$/.test(p.path) && p.code === "empty")
    return { ...p, ja: "システムの名前が空です", en: "the system needs a name" };
  return p;
}

export function emptyProfile(title = ""): OrgProfile {
  return profileSchema.parse({ format: PROFILE_FORMAT_ID, schemaVersion: PROFILE_SCHEMA_VERSION, title });
}

export function serializeProfile(p: OrgProfile): string {
  return `${JSON.stringify(profileSchema.parse(p), null, 2)}\n`;
}

/** The JSON Schema of a profile file (input shape). */
export function profileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(profileSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "Nagare organisation profile (*.nagare-profile.json)" };
}

/** A profile answer as the document's answers store it (text, choice, or a JSON array for check boxes). */
export function profileAnswerText(p: OrgProfile | null | undefined, key: string): string | null {
  const v = (p?.answers as Record<string, ProfileAnswerValue | undefined> | undefined)?.[key];
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.length ? JSON.stringify(v) : null;
  return v.trim() ? v : null;
}
