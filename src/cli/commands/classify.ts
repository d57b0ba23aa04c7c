import { classifyFlows, PHASE_RULES } from "../../derive";
import { compareSteps, PHASES } from "../../model";
import type { CliCommand } from "../command";
import { loadModelFile } from "../load-file";

/** Prints the 評価書 phase of every flow and the rule that decided it (or why none could). */
export const classifyCommand: CliCommand = {
  name: "classify",
  summary: { ja: "各流れの区分（入手・委託・提供 …）と判断理由を表示", en: "show each flow's phase and the reason" },
  usage: "classify FILE [--format text|json] | classify --rules",
  run: (args, io) => {
    if (args.includes("--rules")) {
      for (const r of PHASE_RULES) io.out(`${r.id.padEnd(18)} ${r.ja}\n${"".padEnd(18)} ${r.en}\n`);
      return 0;
    }
    const file = args.find((a) => !a.startsWith("--"));
    const fi = args.indexOf("--format");
    const format = fi >= 0 ? args[fi + 1] : "text";
    if (!file || (format !== "text" && format !== "json")) {
      io.err("使い方 / usage: classify FILE [--format text|json] | classify --rules\n");
      return 2;
    }
    const doc = loadModelFile(file, io, (n) => `${n} 件の問題 / ${n} problem(s)`);
    if (!doc) return 2;
    const cls = classifyFlows(doc);
    const names = new Map(doc.nodes.map((n) => [n.id, n.label]));
    const flows = [...doc.flows].sort((a, b) => compareSteps(a.step, b.step));
    if (format === "json") {
      io.out(
        `${JSON.stringify(
          flows.map((f) => ({ flow: f.id, step: f.step ?? null, ...cls.get(f.id) })),
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    for (const f of flows) {
      const c = cls.get(f.id);
      const phase = c?.phase ? `${PHASES[c.phase].ja} / ${PHASES[c.phase].en}` : "未確定 / undetermined";
      io.out(`${(f.step ?? "-").padEnd(6)} ${names.get(f.source)} → ${names.get(f.target)}: ${phase}\n`);
      io.out(`       (${c?.rule}) ${c?.ja} / ${c?.en}\n`);
    }
    const undecided = flows.filter((f) => !cls.get(f.id)?.phase).length;
    io.out(`\n${flows.length} 件中 ${undecided} 件が未確定 / ${undecided} of ${flows.length} flows undetermined\n`);
    return 0;
  },
};
