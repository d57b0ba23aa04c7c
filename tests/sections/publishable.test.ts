import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { templateIds } from "../../src/templates/catalog";

const TEMPLATES = path.resolve(import.meta.dirname, "../../templates");

/** The organisation profile of a fictional 市, as an organisation would write it once for all its documents. */
const EXAMPLE_PROFILE = path.resolve(import.meta.dirname, "../../docs/examples/kakuu-shi.nagare-profile.json");

async function reportMd(file: string, ...more: string[]): Promise<string> {
  let out = "";
  let err = "";
  const code = await runCli(["report", file, "--format", "md", ...more], {
    out: (s) => (out += s),
    err: (s) => (err += s),
  });
  if (code !== 0) throw new Error(err);
  return out;
}

/** Words that only the template builders' notes use: line references into the seed texts and source remarks. */
const TEMPLATE_NOTE =
  /\d+\s*行[）)]|\d+行の要約|評価書テキスト|構造化した読み取り|読み取りでの表記|本文に含まれない|テキストにない|名称不記載|記載なし|欠落|手段の記載:|出典:|経由: |流れを復元|流れを描いた/;

describe("reports of the templates can be pasted as they are", () => {
  const ids = templateIds(TEMPLATES);

  it("has the five templates", () => {
    expect(ids).toHaveLength(5);
  });

  it.each(ids)("%s: no seed line reference and no template note; 【要記入】 counted", async (id) => {
    const md = await reportMd(path.join(TEMPLATES, `${id}.nagare.json`));
    const bad = md.split("\n").filter((l) => TEMPLATE_NOTE.test(l));
    expect(bad).toEqual([]);
    const toFill = md.match(/【要記入】/g)?.length ?? 0;
    const toConfirm = md.match(/【要確認】/g)?.length ?? 0;
    const filled = await reportMd(path.join(TEMPLATES, `${id}.nagare.json`), "--profile", EXAMPLE_PROFILE);
    const withProfile = filled.match(/【要記入】/g)?.length ?? 0;
    const withProfileConfirm = filled.match(/【要確認】/g)?.length ?? 0;
    // Recorded in src/sections/README.md; printed so that a change in either direction is seen.
    console.log(
      `${id}: 【要記入】 ${toFill}, 【要確認】 ${toConfirm}; with the example profile ${withProfile}, ${withProfileConfirm}`,
    );
    expect(toFill).toBeGreaterThan(0);
    expect(withProfile).toBeLessThan(toFill);
    expect(filled.split("\n").filter((l) => TEMPLATE_NOTE.test(l))).toEqual([]);
    const recorded = fs.readFileSync(path.resolve(import.meta.dirname, "../../src/sections/README.md"), "utf8");
    expect(recorded).toMatch(
      new RegExp(
        `\\| \`${id}\` \\| \\d+ \\| \\d+ \\| ${toFill} \\| ${toConfirm} \\| ${withProfile} \\| ${withProfileConfirm} \\|`,
      ),
    );
  });
});
