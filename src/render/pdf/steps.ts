import { compareSteps, type ModelFlow, type NagareDocument, TRANSPORTS } from "../../model";

/** One line of the (備考): a step label with the hops it covers and what the 評価書 says about it. */
export interface StepEntry {
  step: string;
  /** "本人 → 業務端末", or several hops: "業務端末 → 連携サーバ → 住基ネット". */
  route: string;
  /** Transports and data, e.g. "郵送・入居申込書". */
  detail: string;
  sentence: string;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** Joins hops that chain (A→B, B→C) into one path; other hops are listed side by side. */
function routeOf(flows: ModelFlow[], label: (id: string) => string): string {
  const paths: string[][] = [];
  for (const f of flows) {
    const tail = paths.find((p) => p[p.length - 1] === f.source);
    if (tail) tail.push(f.target);
    else paths.push([f.source, f.target]);
  }
  return paths.map((p) => p.map(label).join(" → ")).join("、");
}

/**
 * The numbered 備考 list of a 別添1, in the order a reader expects (compareSteps): flows that share a step
 * label are one entry; flows without a label appear at the end when they carry a sentence.
 */
export function stepEntries(doc: NagareDocument, flows: ModelFlow[] = doc.flows): StepEntry[] {
  const names = new Map(doc.nodes.map((n) => [n.id, n.label]));
  const label = (id: string) => names.get(id) ?? id;
  const groups = new Map<string, ModelFlow[]>();
  for (const f of flows) {
    const step = f.step?.trim();
    if (!step && !f.sentence?.trim()) continue;
    const key = step ? `s:${step}` : `f:${f.id}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const entries = [...groups.values()].map((fs) => {
    const first = fs[0] as ModelFlow;
    const transports = uniq(fs.map((f) => (f.transport ? TRANSPORTS[f.transport].ja : "")).filter(Boolean));
    const data = uniq(fs.map((f) => f.data ?? "").filter(Boolean));
    return {
      step: first.step?.trim() ?? "",
      route: routeOf(fs, label),
      detail: [...transports, ...data].join("・"),
      sentence: uniq(fs.map((f) => f.sentence?.trim() ?? "").filter(Boolean)).join(" "),
    };
  });
  // Stable: equal labels keep model order.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compareSteps(a.e.step || undefined, b.e.step || undefined) || a.i - b.i)
    .map(({ e }) => e);
}
