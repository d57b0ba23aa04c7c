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

/** Joins hops that chain (A→B, B→C) into one path, whatever their order; other hops are listed side by side. */
function routeOf(flows: ModelFlow[], label: (id: string) => string): string {
  const seen = new Set<string>();
  const paths: string[][] = [];
  const loops: string[] = [];
  for (const f of flows) {
    const key = `${f.source}\u0000${f.target}`;
    if (seen.has(key)) continue;
    if (f.source === f.target) {
      // Work inside one place (a check, a file written): named once.
      loops.push(f.source);
      seen.add(key);
      continue;
    }
    seen.add(key);
    const after = paths.find((p) => p[p.length - 1] === f.source && !p.includes(f.target));
    const before = paths.find((p) => p[0] === f.target && !p.includes(f.source));
    if (after) after.push(f.target);
    else if (before) before.unshift(f.source);
    else paths.push([f.source, f.target]);
  }
  // Paths that now meet end to start become one.
  for (let merged = true; merged; ) {
    merged = false;
    for (const p of paths) {
      const next = paths.find((q) => q !== p && q[0] === p[p.length - 1] && !q.slice(1).some((id) => p.includes(id)));
      if (next) {
        p.push(...next.slice(1));
        paths.splice(paths.indexOf(next), 1);
        merged = true;
        break;
      }
    }
  }
  // One source fanning out to several targets reads better as "A → B／C".
  const parts: ({ fan: string } | { path: string[] })[] = [];
  const fans = new Map<string, string[]>();
  for (const p of paths) {
    const [from, to] = p as [string, string];
    if (p.length !== 2) parts.push({ path: p });
    else if (fans.has(from)) fans.get(from)?.push(to);
    else {
      fans.set(from, [to]);
      parts.push({ fan: from });
    }
  }
  const text = parts.map((x) =>
    "fan" in x ? `${label(x.fan)} → ${(fans.get(x.fan) ?? []).map(label).join("／")}` : x.path.map(label).join(" → "),
  );
  for (const id of loops) if (!paths.some((p) => p.includes(id))) text.push(label(id));
  return text.join("、");
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
    const variants = uniq(fs.map((f) => f.variant?.replace(/^【|】$/g, "") ?? "").filter(Boolean)).map(
      (v) => `【${v}】`,
    );
    return {
      step: first.step?.trim() ?? "",
      route: routeOf(fs, label),
      detail: [...transports, ...data, ...variants].join("・"),
      sentence: uniq(fs.map((f) => f.sentence?.trim() ?? "").filter(Boolean)).join(" "),
    };
  });
  // Stable: equal labels keep model order.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compareSteps(a.e.step || undefined, b.e.step || undefined) || a.i - b.i)
    .map(({ e }) => e);
}
