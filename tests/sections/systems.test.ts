import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocumentText } from "../../src/model";
import { buildFacts } from "../../src/sections";
import { build, f, n } from "./build";

/**
 * Ⅰ2 「特定個人情報ファイルを取り扱う事務において使用するシステム」 against the published seeds' Ⅰ2 lists, wherever
 * the seed text is legible. `listed`: the systems the seed's Ⅰ2 names (by node id of the template); `absent`:
 * systems of the drawing the seed's Ⅰ2 does not name (only where the seed's whole list is legible).
 * 大阪市 (000) and 堺市 (002): the seed text has no Ⅰ2 at all, nothing to compare.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SEED_I2: Record<string, { listed: string[]; absent: string[]; complete: boolean }> = {
  // 001 Ⅰ2: システム1 マイナンバー管理システム, 2 連携サーバ, 3 中間サーバ, 4 LoGoフォーム, 5 マイナポータル,
  // 6 住民基本台帳ネットワークシステム(東京都サーバ).
  "tokyo-toei-jutaku": {
    listed: ["sys_mn", "sys_renkei", "sys_chukan", "sys_logo", "sys_mp", "sys_juki"],
    absent: ["sys_toju", "sys_online", "sys_nws", "sys_juki_zen"],
    complete: true,
  },
  // 004 Ⅰ2: システム1 既存住基システム, 2 住基ネット, 3 コンビニ交付システム, 4 統合宛名システム, 5 中間サーバー.
  "akishima-juki": {
    listed: ["kizon", "cs", "conv", "atena", "chukan"],
    absent: ["koseki", "moj_link", "kyotsu", "gyomu", "tax", "pref_srv", "natl_srv", "card_mgmt", "ipn"],
    complete: true,
  },
  // 003 Ⅰ2: names of システム1/2/5 are missing from the text; システム3 統合宛名, 4 中間サーバー, 6 電子申込システム
  // (別添2); the 子ども子育て支援システム is named as this 事務's system in Ⅲ.
  "toyonaka-kodomo-iryohi": {
    listed: ["kosodate", "atena", "chukan", "e_app"],
    absent: ["ipn", "kizon", "tax_sys", "other_biz"],
    complete: false,
  },
};

function load(name: string) {
  const r = loadDocumentText(fs.readFileSync(path.join(ROOT, "templates", `${name}.nagare.json`), "utf8"));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.problems)}`);
  return r.doc;
}

describe("Ⅰ2 systems against the seeds", () => {
  for (const [name, seed] of Object.entries(SEED_I2)) {
    it(name, () => {
      const ids = buildFacts(load(name)).systems.map((s) => s.id);
      for (const id of seed.listed) expect(ids, `${id} is in the seed's Ⅰ2`).toContain(id);
      for (const id of seed.absent) expect(ids, `${id} is not in the seed's Ⅰ2`).not.toContain(id);
      if (seed.complete) expect(ids.length).toBe(seed.listed.length);
    });
  }
});

describe("Ⅰ2 system rule", () => {
  const nodes = [
    n("person", "person", "申請者"),
    n("biz", "system_own", "業務システム", { fileIds: ["F"] }),
    n("portal", "system_own", "申請受付システム"),
    n("koseki", "system_own", "戸籍システム"),
    n("renkei", "system_own", "庁内連携システム", { systemRole: "intra_linkage" }),
    n("chukan", "system_own", "中間サーバー", { systemRole: "middle_server" }),
    n("ipn", "system_external", "情報提供ネットワークシステム", { systemRole: "info_provision_network" }),
    n("tax", "system_own", "税務システム", { owner: { party: "self_department" }, systemRole: "tax" }),
    n("cs", "system_own", "住基ネット", { owner: { party: "self_department" }, systemRole: "juki_net" }),
    n("zenkoku", "system_external", "全国サーバ", { owner: { party: "external" }, systemRole: "juki_net" }),
  ];
  const flows = [
    f("f1", "person", "portal"),
    f("f2", "portal", "biz"),
    f("f3", "biz", "koseki", { carriesMyNumber: false }),
    f("f4", "tax", "renkei"),
    f("f5", "renkei", "biz"),
    f("f6", "biz", "chukan", { carriesMyNumber: false }),
    f("f7", "chukan", "ipn", { carriesMyNumber: false }),
    f("f8", "biz", "cs"),
    f("f9", "cs", "zenkoku"),
  ];

  it("lists the systems that hold the file or handle the 個人番号, and the platforms", () => {
    const ids = buildFacts(build({ nodes, flows })).systems.map((s) => s.id);
    expect(ids).toEqual(["biz", "portal", "chukan", "cs"]);
  });

  it("lists every system of the 事務 while no flow is marked as carrying the 個人番号", () => {
    const unmarked = flows.map((x) => ({ ...x, carriesMyNumber: null }));
    const ids = buildFacts(build({ nodes, flows: unmarked })).systems.map((s) => s.id);
    expect(ids).toEqual(["biz", "portal", "koseki", "chukan", "cs"]);
  });
});
