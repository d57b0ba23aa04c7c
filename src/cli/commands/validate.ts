import fs from "node:fs";
import { formatProblem, isProfileValue, loadDocumentText, loadProfileText, PROFILE_ITEMS } from "../../model";
import type { CliCommand } from "../command";

export const validateCommand: CliCommand = {
  name: "validate",
  summary: {
    ja: "ファイル（評価書モデル・団体の共通回答）を検証し、問題を場所つきで一覧",
    en: "validate files (models, organisation profiles) and list every problem with its path",
  },
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
      if (looksLikeProfile(text)) {
        const p = loadProfileText(text);
        if (p.ok) {
          const answered = PROFILE_ITEMS.filter((i) => p.profile.answers[i.key] !== undefined).length;
          io.out(
            `${file}: OK — 団体の共通回答、${PROFILE_ITEMS.length} 項目中 ${answered} 項目に回答、システム ${p.profile.systems.length} / organisation profile, ${answered} of ${PROFILE_ITEMS.length} items answered, ${p.profile.systems.length} system(s)\n`,
          );
        } else {
          bad++;
          io.out(
            `${file}: 団体の共通回答に ${p.problems.length} 件の問題 / ${p.problems.length} problem(s) in the organisation profile\n`,
          );
          for (const pr of p.problems) io.out(`  - ${formatProblem(pr)}\n`);
        }
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

/** A profile is recognised by its `format`; anything else is checked as a model. */
function looksLikeProfile(text: string): boolean {
  try {
    return isProfileValue(JSON.parse(text));
  } catch {
    return false;
  }
}
