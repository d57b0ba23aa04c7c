import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import {
  loadDocumentText,
  loadProfileText,
  type NagareDocument,
  type OrgProfile,
  profileSchema,
} from "../../src/model";
import { buildFacts, findItem, generateReport } from "../../src/sections";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXAMPLE = path.join(ROOT, "docs/examples/kakuu-shi.nagare-profile.json");
const TEMPLATE = (id: string) => path.join(ROOT, "templates", `${id}.nagare.json`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nagare-profile-"));

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function template(id: string): NagareDocument {
  const r = loadDocumentText(fs.readFileSync(TEMPLATE(id), "utf8"));
  if (!r.ok) throw new Error(id);
  return r.doc;
}

function example(): OrgProfile {
  const r = loadProfileText(fs.readFileSync(EXAMPLE, "utf8"));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.profile;
}

function write(name: string, value: unknown): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
}

describe("organisation profile in the 評価書", () => {
  it("fills Ⅳ, Ⅴ and Ⅵ from the profile and marks where each answer comes from", () => {
    const doc = template("sakai-kokumin-nenkin");
    const before = generateReport(doc);
    expect(findItem(before.items, "IV.1.1")?.state).toBe("missing");
    const g = generateReport(doc, { profile: example() });
    const self = findItem(g.items, "IV.1.1");
    expect(self?.value).toBe("十分に行っている");
    expect(self?.fromProfile).toBe("audit.selfCheck");
    expect(self?.needsInput).toBe(false);
    expect(findItem(g.items, "V.1.1")?.value).toMatch(/架空市 総務部 情報公開課/);
    expect(findItem(g.items, "V.1.3")?.value).toBe("無料");
    expect(findItem(g.items, "VI.3.2")?.value).toBe("架空市個人情報保護審議会による第三者点検");
    // What only the 事務 can answer stays 要記入: dates, opinions received, the review's result.
    expect(findItem(g.items, "VI.3.1")?.state).toBe("missing");
    expect(findItem(g.items, "VI.2.4")?.state).toBe("missing");
    // The document's own metadata comes before the profile's defaults.
    expect(findItem(g.items, "cover.organization")?.value).toBe(doc.meta.organization);
    expect(findItem(g.items, "cover.organization")?.fromProfile).toBeUndefined();
    // A default that depends on the 事務 (the head of the department in charge) is only proposed.
    const head = findItem(g.items, "I.7.2");
    expect(head?.value).toBe("情報政策課長");
    expect(head?.state).toBe("suggested");
    expect(head?.fromProfile).toBe("departmentHead");
    expect(g.stats.needsInput).toBeLessThan(before.stats.needsInput);
  });

  it("a document's answer overrides the profile's and keeps the link to the profile item", () => {
    const doc = template("sakai-kokumin-nenkin");
    doc.answers["IV.1.1"] = { value: "特に力を入れて行っている" };
    const it = findItem(generateReport(doc, { profile: example() }).items, "IV.1.1");
    expect(it?.value).toBe("特に力を入れて行っている");
    expect(it?.state).toBe("answer");
    expect(it?.fromProfile).toBeUndefined();
    expect(it?.profileKey).toBe("audit.selfCheck");
  });

  it("check boxes, the 重点 form's Ⅲ audit items and the threshold's 1-year incident", () => {
    const doc = template("osaka-shiei-jutaku");
    doc.meta.seriousIncidentPastYear = null;
    const g = generateReport(doc, { profile: example() });
    const audit = findItem(g.items, "III.8.1");
    expect(audit?.checks?.filter((c) => c.checked).map((c) => c.label)).toEqual(["自己点検", "内部監査"]);
    expect(findItem(g.items, "III.9.1")?.value).toBe("十分に行っている");
    expect(g.threshold.missing).not.toContain("seriousIncidentPastYear");
  });

  it("Ⅲ7⑨ (3 years) is its own input: the document's answer, else the profile's; no incident prints 「－」", () => {
    const doc = template("tokyo-toei-jutaku");
    const fileId = doc.files[0]?.id as string;
    const id = (k: string) => `III.file:${fileId}.7.risk1.${k}`;
    expect(findItem(generateReport(doc).items, id("9"))?.state).toBe("missing");
    const g = generateReport(doc, { profile: example() });
    expect(findItem(g.items, id("9"))?.value).toBe("発生なし");
    expect(findItem(g.items, id("9a"))?.value).toBe("－");
    doc.meta.seriousIncidentPast3Years = true;
    doc.meta.seriousIncidentContent = "委託先で申請書1件を紛失した。";
    const own = generateReport(doc, { profile: example() });
    expect(findItem(own.items, id("9"))?.value).toBe("発生あり");
    expect(findItem(own.items, id("9"))?.fromProfile).toBeUndefined();
    expect(findItem(own.items, id("9a"))?.value).toBe("委託先で申請書1件を紛失した。");
    expect(findItem(own.items, id("9b"))?.state).toBe("missing");
    // The threshold's 1-year question is not answered by the 3-year one.
    expect(own.threshold.ja).toBe(generateReport({ ...doc, meta: { ...doc.meta } }).threshold.ja);
  });

  it("Ⅲ7 measures of the systems holding the file come from the profile, with the drawn ones", () => {
    const doc = template("tokyo-toei-jutaku");
    const fileId = doc.files[0]?.id as string;
    const systems = buildFacts(doc).systems;
    const sys = systems.find((s) => s.fileIds.includes(fileId)) ?? systems[0];
    const profile = example();
    profile.systems = [{ name: sys?.label as string, technical: "システムごとの技術的対策の例。" }];
    const g = generateReport(doc, { profile });
    const tech = findItem(g.items, `III.file:${fileId}.7.risk1.6d`);
    expect(tech?.value).toContain(`【${sys?.label}】`);
    expect(tech?.value).toContain("システムごとの技術的対策の例。");
    expect(tech?.fromProfile).toBe("systems");
  });

  it("別添2 lists every record item of each file under the 様式's categories", () => {
    const doc = template("sakai-kokumin-nenkin");
    const file = doc.files[0];
    if (!file) throw new Error("no file");
    file.recordItems = undefined;
    file.mainRecordItems = [];
    file.allRecordItems = [
      { name: "氏名", category: "4情報（氏名、性別、生年月日、住所）" },
      { name: "個人番号", category: "個人番号" },
      { name: "基礎年金番号", category: "年金関係情報" },
      { name: "住所", category: "4情報（氏名、性別、生年月日、住所）" },
    ];
    const g = generateReport(doc);
    const a2 = findItem(g.items, "A2.1");
    expect(a2?.state).toBe("meta");
    expect(a2?.value).toBe(
      [
        `【${file.name}】（4項目）`,
        "＜識別情報＞",
        "1. 個人番号（個人番号）",
        "＜連絡先等情報＞",
        "2. 氏名（4情報（氏名、性別、生年月日、住所））",
        "3. 住所（4情報（氏名、性別、生年月日、住所））",
        "＜業務関係情報＞",
        "4. 基礎年金番号（年金関係情報）",
      ].join("\n"),
    );
    expect(findItem(g.items, `II.file:${file.id}.2.4`)?.value).toBe("10項目未満");
    const main = findItem(g.items, `II.file:${file.id}.2.4m`);
    expect(main?.checks?.filter((c) => c.checked).map((c) => c.label)).toEqual([
      "個人番号",
      "4情報（氏名、性別、生年月日、住所）",
      "年金関係情報",
    ]);
  });
});

describe("profile files", () => {
  it("the example profile is valid and round-trips through the schema", () => {
    const p = example();
    expect(profileSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it("refuses a bad profile with every problem, what and where, in both languages", () => {
    const r = loadProfileText(
      JSON.stringify({
        format: "nagare-profile",
        schemaVersion: 1,
        answers: { "audit.selfCheck": "たぶん", "audit.kinds": ["抜き打ち"], typo: "x" },
        systems: [{ name: "A" }, { name: "A" }],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toContain("answers.audit.selfCheck");
    expect(paths).toContain("answers.audit.kinds[0]");
    expect(r.problems.some((p) => p.ja.includes("未知の項目") && p.en.includes("typo"))).toBe(true);
    // The Japanese names the item as the 様式 words it.
    expect(r.problems.find((p) => p.path === "answers.audit.selfCheck")?.ja).toMatch(
      /^「自己点検」 の値が選択肢にありません/,
    );
    const newer = loadProfileText(JSON.stringify({ format: "nagare-profile", schemaVersion: 9 }));
    expect(!newer.ok && newer.problems[0]?.code).toBe("newer_version");
    const dup = loadProfileText(
      JSON.stringify({ format: "nagare-profile", schemaVersion: 1, systems: [{ name: "A" }, { name: "A" }] }),
    );
    expect(!dup.ok && dup.problems[0]?.path).toBe("systems[1].name");
  });

  it("cli validate recognises a profile by its format; report --profile fills from it", async () => {
    const ok = await cli("validate", EXAMPLE);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/団体の共通回答/);
    const bad = await cli(
      "validate",
      write("bad.nagare-profile.json", {
        format: "nagare-profile",
        schemaVersion: 1,
        answers: { "disclosure.fee": "高い" },
      }),
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("answers.disclosure.fee");
    expect(bad.out).toMatch(/選択肢/);
    expect(bad.out).toMatch(/allowed choices/);
    const plain = await cli("report", TEMPLATE("sakai-kokumin-nenkin"), "--format", "md");
    const filled = await cli("report", TEMPLATE("sakai-kokumin-nenkin"), "--format", "md", "--profile", EXAMPLE);
    expect(filled.code).toBe(0);
    expect(filled.out).toContain("架空市 総務部 情報公開課");
    const count = (s: string) => s.match(/【要記入】/g)?.length ?? 0;
    expect(count(filled.out)).toBeLessThan(count(plain.out));
    const refused = await cli(
      "report",
      TEMPLATE("sakai-kokumin-nenkin"),
      "--format",
      "md",
      "--profile",
      write("x.json", "{}"),
    );
    expect(refused.code).toBe(2);
    expect(refused.out).toBe("");
    expect(refused.err).toMatch(/not an organisation profile/);
    const schema = await cli("schema", "--profile");
    expect(JSON.parse(schema.out).properties.format.const).toBe("nagare-profile");
  });

  it("spawned: validate and report --profile from the command line", async () => {
    const run = promisify(execFile);
    const main = path.join(ROOT, "src/cli/main.ts");
    const v = await run(process.execPath, ["--import", "tsx", main, "validate", EXAMPLE], { cwd: ROOT });
    expect(v.stdout).toMatch(/OK — 団体の共通回答/);
    const r = await run(
      process.execPath,
      ["--import", "tsx", main, "report", TEMPLATE("osaka-shiei-jutaku"), "--format", "md", "--profile", EXAMPLE],
      { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 },
    );
    expect(r.stdout).toContain("架空市個人情報保護審議会による第三者点検");
  });
});
