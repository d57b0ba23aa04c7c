import fs from "node:fs";
import { formatProblem, loadDocumentText } from "../../model";
import type { CliCommand } from "../command";

export const validateCommand: CliCommand = {
  name: "validate",
  summary: { ja: "ファイルを検証し、問題を場所つきで一覧", en: "validate files and list every problem with its path" },
  usage: "validate FILE [FILE …]",
  run: (args, io) => {
    if (args.length === 0) {
      io.err("使い方 / usage: validate FILE [FILE …]\n");
      return 2;
    }
    let bad = 0;
    for (const file of args) {
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (e) {
        io.err(`${file}: 読めません / cannot read (${e instanceof Error ? e.message : e})\n`);
        bad++;
        continue;
      }
      const result = loadDocumentText(text);
      if (result.ok) {
        const d = result.doc;
        const migrated = result.migratedFrom
          ? `（スキーマ ${result.migratedFrom} から移行 / migrated from ${result.migratedFrom}）`
          : "";
        io.out(
          `${file}: OK — ノード ${d.nodes.length}、流れ ${d.flows.length}、グループ ${d.groups.length} / nodes ${d.nodes.length}, flows ${d.flows.length}, groups ${d.groups.length}${migrated}\n`,
        );
      } else {
        bad++;
        io.out(`${file}: ${result.problems.length} 件の問題 / ${result.problems.length} problem(s)\n`);
        for (const p of result.problems) io.out(`  - ${formatProblem(p)}\n`);
      }
    }
    return bad ? 1 : 0;
  },
};
