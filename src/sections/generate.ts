import { type AssessmentKind, type NagareDocument, profileAnswerText, profileItem } from "../model";
import type { Finding } from "../rules/types";
import { annexes, buildFacts, type DocFacts, delegationEntries, type FileScope, provisionEntries } from "./facts";
import { FILLERS, type FillContext, type FillResult, recipientTitle } from "./fill";
import { FORM_TITLES, type FormDef, formStructure } from "./form";
import { thresholdMeta } from "./profile";
import { stepLines } from "./steps";
import { decideThreshold } from "./threshold";
import type { CheckMark, FilledItem, GeneratedSections, GenerateOptions, SourceIds } from "./types";

/**
 * Fills the 評価書 of the document's kind from the model: expands the repeated parts, runs each item's filler,
 * lays a person's answers over the result and leaves blank what a ticked しない box excuses.
 */
export function generateSections(
  doc: NagareDocument,
  findings: readonly Finding[] = [],
  opts: GenerateOptions = {},
): GeneratedSections {
  const kind = opts.kind ?? doc.meta.assessmentKind;
  const facts = buildFacts(doc, opts.today);
  const base: FillContext = { facts, kind, file: null, findings: [...findings], opts };
  const items = expandAll(formStructure(kind), base, [], "");
  const stats = { items: 0, needsInput: 0, suggested: 0, answered: 0 };
  const ids = new Set<string>();
  walk(items, (it) => {
    ids.add(it.id);
    if (it.kind === "heading") return;
    stats.items++;
    if (it.needsInput) stats.needsInput++;
    if (it.state === "suggested") stats.suggested++;
    if (it.state === "answer") stats.answered++;
  });
  const steps = stepLines(doc).map((l) => ({ step: l.step, text: l.text, flowIds: l.flowIds }));
  return {
    kind,
    title: FORM_TITLES[kind],
    organization: doc.meta.organization || (profileAnswerText(opts.profile, "organization") ?? ""),
    publishedOn: doc.meta.publishedOn,
    threshold: decideThreshold(thresholdMeta(doc.meta, opts.profile)),
    items,
    steps,
    stats,
    orphanAnswers: Object.entries(doc.answers)
      .filter(([id]) => !ids.has(id))
      .map(([id, a]) => ({ id, value: a.value })),
  };
}

export function walk(items: readonly FilledItem[], fn: (it: FilledItem, depth: number) => void, depth = 0): void {
  for (const it of items) {
    fn(it, depth);
    walk(it.children, fn, depth + 1);
  }
}

export function findItem(items: readonly FilledItem[], id: string): FilledItem | undefined {
  let found: FilledItem | undefined;
  walk(items, (it) => {
    if (!found && it.id === id) found = it;
  });
  return found;
}

interface Instance {
  key: string;
  label?: string;
  title: string;
  ctx: FillContext;
}

function instances(def: FormDef, ctx: FillContext): Instance[] | null {
  const { facts } = ctx;
  switch (def.repeat) {
    case "file":
      return facts.files.map((f: FileScope) => ({
        key: `file:${f.id}`,
        title: f.name || "（ファイル名未設定）",
        ctx: { ...ctx, file: f },
      }));
    case "system":
      return facts.systems.map((s, i) => ({
        key: `sys:${s.id}`,
        label: `システム${i + 1}`,
        title: s.label,
        ctx: { ...ctx, system: s },
      }));
    case "delegation":
      return delegationEntries(facts, ctx.file).map((d, i) => ({
        key: `del:${d.id}`,
        label: `委託事項${i + 1}`,
        title: d.name,
        ctx: { ...ctx, delegation: d },
      }));
    case "provision":
    case "transfer": {
      const kind = def.repeat;
      return provisionEntries(facts, ctx.file)
        .filter((p) => p.kind === kind)
        .map((p, i) => ({
          key: `${kind === "provision" ? "prov" : "tr"}:${p.id}`,
          label: `${kind === "provision" ? "提供先" : "移転先"}${i + 1}`,
          title: recipientTitle(ctx, p),
          ctx: { ...ctx, provision: p },
        }));
    }
    case "annex":
      return annexes(facts).map((a) => ({
        key: `annex:${a.entry.id}`,
        label: `別紙${a.number}`,
        title: `${a.entry.kind === "transfer" ? "移転先" : "提供先"}一覧`,
        ctx: { ...ctx, provision: a.entry },
      }));
    default:
      return null;
  }
}

function expandAll(defs: readonly FormDef[], ctx: FillContext, numbers: string[], parentId: string): FilledItem[] {
  const out: FilledItem[] = [];
  for (const def of defs) {
    const inst = instances(def, ctx);
    if (inst) {
      for (const i of inst) {
        const id = parentId ? `${parentId}.${i.key}` : i.key;
        const nums = i.label ? [...numbers, i.label] : numbers;
        out.push(fillOne(def, i.ctx, nums, id, i.title, i.label));
      }
    } else {
      const id = parentId ? `${parentId}.${def.key}` : def.key;
      const nums = def.label ? [...numbers, def.label] : numbers;
      out.push(fillOne(def, ctx, nums, id));
    }
  }
  return out;
}

const emptySources = (): SourceIds => ({ nodes: [], flows: [] });

function parseChecks(value: string, generated: CheckMark[] | undefined, choices: readonly string[]): CheckMark[] {
  // Answers for check-box lists are a JSON array of labels or {label, detail}; a plain list of lines also works.
  let picked: { label: string; detail?: string }[] = [];
  try {
    const v = JSON.parse(value) as unknown;
    if (Array.isArray(v))
      picked = v
        .map((x) => (typeof x === "string" ? { label: x } : (x as { label: string; detail?: string })))
        .filter((x) => x && typeof x.label === "string");
  } catch {
    picked = value
      .split(/\n/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((label) => ({ label }));
  }
  const labels = choices.length ? choices : (generated ?? []).map((c) => c.label);
  return labels.map((label) => {
    const p = picked.find((x) => x.label === label);
    return { label, checked: !!p, ...(p?.detail ? { detail: p.detail } : {}) };
  });
}

function fillOne(
  def: FormDef,
  ctx: FillContext,
  numbers: string[],
  id: string,
  title?: string,
  instLabel?: string,
): FilledItem {
  const number = def.label || instLabel ? numbers.join("-") : "";
  let result: FillResult;
  if (def.fill) {
    const filler = FILLERS[def.fill];
    if (!filler) throw new Error(`no filler ${def.fill}`);
    result = filler(ctx, def);
  } else result = { value: "", state: def.kind === "heading" ? "graph" : "missing" };
  result = withProfile(def, ctx, result);

  const choices = result.choices ?? def.choices;
  // A check-box list answered only by a person starts with every box empty.
  if (def.kind === "checkbox" && !result.checks)
    result.checks = (choices ?? []).map((label) => ({ label, checked: false }));
  const item: FilledItem = {
    id,
    number,
    title: title !== undefined && def.kind === "heading" ? title || def.title : def.title,
    kind: def.kind,
    ...(choices ? { choices } : {}),
    ...(def.mark ? { mark: true } : {}),
    ...(def.risk ? { risk: def.risk } : {}),
    value: result.value ?? "",
    ...(result.checks ? { checks: result.checks } : {}),
    ...(result.rows ? { rows: result.rows } : {}),
    ...(result.header ? { header: result.header } : {}),
    state: result.state,
    needsInput: result.state === "missing" || result.state === "suggested",
    ...(result.note ? { note: result.note } : {}),
    ...(def.profile ? { profileKey: def.profile } : {}),
    ...(result.fromProfile ? { fromProfile: result.fromProfile } : {}),
    sources: result.sources ?? emptySources(),
    children: [],
  };
  if (def.kind === "heading") {
    item.needsInput = item.state === "missing" || item.state === "suggested";
    if (!def.fill) item.needsInput = false;
  }

  const answer = ctx.facts.doc.answers[id];
  if (answer) {
    const generated = item.kind === "checkbox" ? checksText(item.checks) : item.value;
    if (generated && generated !== answer.value) item.suggestion = generated;
    if (item.kind === "checkbox") item.checks = parseChecks(answer.value, item.checks, choices ?? []);
    item.value = item.kind === "checkbox" ? "" : answer.value;
    item.state = "answer";
    delete item.fromProfile;
    item.confirmed = answer.confirmed ?? true;
    item.needsInput = false;
  } else if (item.state === "suggested") item.suggestion = item.value;

  if (def.children) {
    item.children = expandAll(def.children, ctx, def.label || instLabel ? numbers : numbers, id);
    applyNoneBoxes(item);
  }
  return item;
}

/**
 * The organisation profile answers what neither the drawing nor the document does (要記入), and replaces a
 * machine suggestion (要確認): it is the organisation's own word. A document's answer still overrides it.
 */
function withProfile(def: FormDef, ctx: FillContext, result: FillResult): FillResult {
  if (!def.profile || (result.state !== "missing" && result.state !== "suggested")) return result;
  const v = profileAnswerText(ctx.opts.profile, def.profile);
  if (v === null) return result;
  // A default that depends on the 事務 (its department, its contact) is proposed, not printed as a fact.
  const proposal = profileItem(def.profile)?.proposal === true;
  const base = {
    state: proposal ? ("suggested" as const) : ("meta" as const),
    fromProfile: def.profile,
    ...(proposal
      ? {
          note: {
            ja: "団体の共通回答の既定値です。この事務に当てはまるか確かめてください",
            en: "the organisation's default: check that it fits this 事務",
          },
        }
      : {}),
    ...(result.sources ? { sources: result.sources } : {}),
  };
  if (def.kind === "checkbox") return { ...base, value: "", checks: parseChecks(v, result.checks, def.choices ?? []) };
  return { ...base, value: v };
}

export function checksText(checks: readonly CheckMark[] | undefined): string {
  return JSON.stringify(
    (checks ?? []).filter((c) => c.checked).map((c) => (c.detail ? { label: c.label, detail: c.detail } : c.label)),
  );
}

const NETWORK_IN = new Set(["III.6.risk1", "III.6.risk2", "III.6.risk3", "III.6.risk4"]);
const NETWORK_OUT = new Set(["III.6.risk5", "III.6.risk6", "III.6.risk7"]);

/** A ticked しない box leaves the items it excuses blank (記載要領): they no longer need input. */
function applyNoneBoxes(block: FilledItem): void {
  const boxes = block.children.filter((c) => c.kind === "none_box");
  if (!boxes.length) return;
  const ticked = (suffix: string) => boxes.some((b) => b.id.endsWith(`.${suffix}`) && b.value === "true");
  const noneAll = ticked("none");
  const noneIn = ticked("noneIn");
  const noneOut = ticked("noneOut");
  if (!noneAll && !noneIn && !noneOut) return;
  const excused = (it: FilledItem) => {
    if (it.kind === "none_box") return false;
    if (noneAll) return true;
    if (noneIn && noneOut) return true;
    const r = it.risk ?? "";
    return (noneIn && NETWORK_IN.has(r)) || (noneOut && NETWORK_OUT.has(r));
  };
  const blank = (it: FilledItem) => {
    if (it.state !== "answer") {
      it.value = "";
      it.state = "graph";
      it.needsInput = false;
      delete it.suggestion;
      if (it.checks) it.checks = it.checks.map((c) => ({ label: c.label, checked: false }));
      it.note = { ja: "「しない」にチェックがあるため記入不要", en: "not filled: the しない box is ticked" };
    }
    for (const c of it.children) blank(c);
  };
  for (const c of block.children) if (excused(c)) blank(c);
}

export type { AssessmentKind, DocFacts };
