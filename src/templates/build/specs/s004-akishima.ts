import type { Provision } from "../../../model";
import { delegationFrom, issuesNote } from "../common";
import type { TemplateSpec } from "../core";
import { parseLegalBasis, subjectBand } from "../mapping";
import type { Reading, ReadingDelegation, ReadingProvision } from "../reading";

const FILE_ID: Record<string, string> = {
  "(1)住民基本台帳ファイル": "f1",
  "(2)本人確認情報ファイル": "f2",
  "(3)送付先情報ファイル": "f3",
};

const fileIds = (name: string | null | undefined) => (name && FILE_ID[name] ? [FILE_ID[name] as string] : []);

function pick(list: ReadingDelegation[], file: string, contractor: string): ReadingDelegation {
  const d = list.find((x) => x.file === file && x.contractor === contractor);
  if (!d) throw new Error(`004: no 委託事項 of ${contractor} in ${file}`);
  return d;
}

function provisionFrom(
  rp: ReadingProvision | undefined,
  id: string,
  extra: Partial<Provision> & Pick<Provision, "recipientNodeId" | "methods">,
): Provision {
  if (!rp) throw new Error(`004: provision ${id} missing`);
  // The published 評価書 gives the number of 提供先 / 移転先 (「59件」) but not its 別紙: the count alone is kept.
  const count = rp.count ? Number(/^(\d+)件$/.exec(rp.count)?.[1]) : Number.NaN;
  const notes = [
    rp.fromSectionII5 === false ? "II.5 がテキストにないため I・II.3・III の記載から復元した提供。" : "",
    rp.note ?? "",
  ];
  return {
    id,
    kind: rp.kind === "移転" ? "transfer" : "provision",
    recipient: rp.to,
    legalBasis: rp.legalBasis ? [parseLegalBasis(rp.legalBasis)] : [],
    purpose: rp.purpose ?? undefined,
    information: rp.information ?? undefined,
    subjectCount: subjectBand(rp.population),
    timing: rp.frequency ?? undefined,
    recipients: [],
    ...(Number.isInteger(count) && count > 0 ? { recipientCount: count } : {}),
    fileIds: fileIds(rp.file),
    ...extra,
    note: [extra.note, ...notes].filter(Boolean).join("／") || undefined,
  };
}

export function spec004(reading: Reading): TemplateSpec {
  const ds = reading.delegations;
  const F1 = "(1)住民基本台帳ファイル";
  const F2 = "(2)本人確認情報ファイル";
  const F3 = "(3)送付先情報ファイル";
  const ps = reading.provisions ?? [];
  return {
    id: "akishima-juki",
    seed: "004",
    title: "昭島市 住民基本台帳に関する事務（重点項目評価書）",
    meta: {
      organization: "昭島市長",
      jimuName: "住民基本台帳に関する事務",
      jimuSummary:
        "住民票の記載・証明書交付、住基ネット（市町村CS）による本人確認情報の通知、送付先情報の機構への通知、庁内への移転と情報提供ネットワークシステムによる提供。",
      assessmentKind: "focused",
      documentNumber: "1",
      targetPopulationBand: "10万人以上30万人未満",
      handlers500OrMore: false,
      seriousIncidentPastYear: false,
      department: "市民部市民課",
      departmentHead: "市民課長",
      publishedOn: "2026-03-31",
      legalBasisForUse: (reading.legalBasisUse as string[]).map(parseLegalBasis),
      networkLinkage: {
        performed: "yes",
        legalBasis: [
          parseLegalBasis("番号法第19条第8号"),
          {
            ...parseLegalBasis(
              "行政手続における特定の個人を識別するための番号の利用等に関する法律第十九条第八号に基づく利用特定個人情報の提供に関する命令(令和6年デジタル庁、総務省令第9号)第2条の表(省令第2条の表)",
            ),
            law: "mynumber_act",
            article: "19",
            item: 8,
            ministerialOrdinance: "第2条の表（提供の根拠として55項）",
          },
        ],
      },
      note: issuesNote(
        "取扱者数500人以上でなく重大事故もないことは、対象人数10万人以上30万人未満で重点項目評価が義務付けられたしきい値判断結果から読み取った。情報照会の根拠はない（照会は行わない）。評価書テキストについての所見:",
        reading.issuesSeen,
      ),
    },
    files: [
      {
        id: "f1",
        name: "住民基本台帳ファイル",
        fileType: "system",
        subjectCount: "10万人以上100万人未満",
        subjectScope: "区域内の住民（転出等で住民票が削除された者を含む）",
        recordItems: "100項目以上",
        heldSince: "平成27年6月30日",
        department: "市民部市民課",
        useDepartment: "市民部市民課、東部出張所及び市民課出先窓口",
        users: "10人以上50人未満",
        mainRecordItems: ["識別情報（個人番号）", "その他識別情報（内部番号）", "連絡先等情報", "業務関係情報"],
      },
      {
        id: "f2",
        name: "本人確認情報ファイル",
        fileType: "system",
        subjectCount: "10万人以上100万人未満",
        subjectScope: "区域内の住民（死亡以外で住民票が消除された者を含む）",
        recordItems: "10項目以上50項目未満",
        heldSince: "平成27年6月30日",
        users: "10人以上50人未満",
        mainRecordItems: ["個人番号", "4情報", "住民票コード及び変更情報"],
        note: "使用者数の表示が崩れている（186行）。",
      },
      {
        id: "f3",
        name: "送付先情報ファイル",
        fileType: "system",
        subjectCount: "10万人以上100万人未満",
        subjectScope: "区域内の住民",
        recordItems: "50項目以上100項目未満",
        heldSince: "平成27年6月30日",
        mainRecordItems: ["個人番号", "4情報", "その他（個人番号通知書及び交付申請書の送付先の情報）"],
        note:
          "どのシステムで保有するかは明記されていない（既存住基から抽出し市町村CS経由で通知）。II.3（入手・使用）と II.5 はテキストにない。" +
          "III.6（495行）は「接続しない（入手）」だけに印があり「接続しない（提供）」は空欄だが、このファイルを情報提供ネットワークシステムで提供する記載は評価書のどこにもない（送付先情報は市町村CS経由で機構へ通知: 47行、III.6 リスク2 は一般的な措置だけ（500行）、その他の記載は都道府県サーバ・市町村CSの話（503行））。" +
          "提供の流れは作らず、図から導く「接続しない（提供）」は印ありになる（公表された評価書と食い違う）。",
      },
    ],
    fileIds,
    delegations: [
      delegationFrom(pick(ds, F1, "株式会社アイネス"), "d_ines_kizon", {
        fileIds: ["f1", "f3"],
        note: "ファイル(1)の委託事項1とファイル(3)の委託事項1（名称行が空欄）は同じ委託なので一つにまとめた。",
      }),
      delegationFrom(pick(ds, F1, "富士フイルムシステムサービス株式会社"), "d_fujifilm", { fileIds: ["f1"] }),
      delegationFrom(pick(ds, F1, "日本電子計算株式会社"), "d_jip", {
        fileIds: ["f1", "f2", "f3"],
        note: "3ファイルそれぞれに同じ委託事項として載っているので一つにまとめた。",
      }),
      delegationFrom(pick(ds, F2, "株式会社アイネス"), "d_ines_juki", {
        fileIds: ["f2"],
        note: "ファイル(3)では同じ住基ネットの保守の委託先が日本電気株式会社になっている。",
      }),
      delegationFrom(pick(ds, F3, "日本電気株式会社"), "d_nec_juki", {
        name: "システム保守業務",
        fileIds: ["f3"],
        note: "名称が「①委託内容」行に入っている（284-285行）。",
      }),
    ],
    provisions: [
      provisionFrom(ps[0], "p_network", { recipientNodeId: "requesters", methods: ["info_provision_network"] }),
      provisionFrom(ps[1], "p_transfer", {
        recipientNodeId: "transfer_depts",
        methods: ["intra_linkage", "other"],
        legalBasis: [{ law: "mynumber_act", article: "9", paragraph: 1, text: "番号法第9条第1項別表(別紙2参照)" }],
      }),
      provisionFrom(ps[2], "p_pref", {
        recipientNodeId: "pref_srv",
        methods: ["other"],
        legalBasis: [{ law: "juki_act", article: "30の6", text: "住基法第30条の6（I.4 に列挙）" }],
      }),
      provisionFrom(ps[3], "p_consistency", {
        recipientNodeId: "pref_srv",
        methods: ["other"],
        note: "提供先は都道府県サーバと全国サーバの二つ。",
      }),
      provisionFrom(ps[4], "p_card", {
        recipientNodeId: "card_mgmt",
        methods: ["other"],
        legalBasis: [
          { law: "other", text: "個人番号カード省令第35条（個人番号通知書・個人番号カード関連事務の委任）" },
          { law: "mynumber_act", article: "7", text: "番号法第7条" },
          { law: "mynumber_act", article: "17", text: "番号法第17条" },
        ],
      }),
    ],
    lanes: {
      resident: "subject",
      ines: "contractor",
      ines_sub: "contractor",
      nec: "contractor",
      nec_sub: "contractor",
      fujifilm: "contractor",
      jip: "contractor",
      asp: "contractor",
      counter: "self",
      kizon_term: "self",
      kizon: "self",
      togo_term: "self",
      cs: "self",
      kyotsu: "self",
      atena: "self",
      chukan: "self",
      conv: "self",
      koseki: "self",
      moj_link: "self",
      govcloud: "self",
      govcloud_bk: "self",
      server_room: "self",
      cabinet: "self",
      disposed: "self",
      gyomu: "department",
      tax: "department",
      transfer_depts: "department",
      pref_srv: "external",
      natl_srv: "external",
      card_mgmt: "external",
      jlis: "external",
      cert_center: "external",
      kiosk: "external",
      moj: "external",
      other_lg: "external",
      ipn: "external",
      requesters: "external",
      cloud_vendor: "external",
      digital: "external",
      cmp_ops: "external",
    },
    boundaries: [
      {
        id: "b_juki_city",
        kind: "juki_net",
        label: "住基ネット（市町村CS）",
        lane: "self",
        members: ["cs", "togo_term"],
      },
      {
        id: "b_juki_ext",
        kind: "juki_net",
        label: "住基ネット（都道府県サーバ・全国サーバ・個人番号カード管理システム）",
        lane: "external",
        members: ["pref_srv", "natl_srv", "card_mgmt"],
      },
      {
        id: "b_chukan",
        kind: "middle_server_platform",
        label: "中間サーバー・プラットフォーム",
        lane: "self",
        members: ["chukan"],
      },
      {
        id: "b_govcloud",
        kind: "government_cloud",
        label: "ガバメントクラウド",
        lane: "self",
        members: ["govcloud", "govcloud_bk"],
        note: "既存住基システムは標準化によりガバメントクラウドへ移行する（122, 162行）。",
      },
      {
        id: "b_kiko",
        kind: "other",
        label: "地方公共団体情報システム機構",
        lane: "external",
        members: ["jlis", "cert_center"],
      },
    ],
    nodes: {
      ines: {
        owner: { name: "株式会社アイネス" },
        delegationId: "d_ines_kizon",
        note: "既存住基の保守運用（ファイル(1)(3)）と住基ネットの保守（ファイル(2)）の二つの委託事項を受けている。",
      },
      ines_sub: { owner: { party: "subcontractor" }, delegationId: "d_ines_kizon" },
      nec: { owner: { name: "日本電気株式会社" }, delegationId: "d_nec_juki" },
      nec_sub: { owner: { party: "subcontractor" }, delegationId: "d_nec_juki" },
      fujifilm: { owner: { name: "富士フイルムシステムサービス株式会社" }, delegationId: "d_fujifilm" },
      jip: { owner: { name: "日本電子計算株式会社" }, delegationId: "d_jip" },
      asp: { note: "II.4 の委託事項には載っていない。" },
      counter: { owner: { name: "昭島市" } },
      kizon: { systemRole: "existing_juki", fileIds: ["f1", "f3"] },
      cs: { systemRole: "juki_net", fileIds: ["f2", "f3"] },
      kyotsu: { systemRole: "intra_linkage" },
      atena: { systemRole: "atena" },
      chukan: {
        systemRole: "middle_server",
        owner: { party: "self", name: "昭島市" },
        note: "中間サーバー・プラットフォーム上にあるが、特定個人情報の管理は地方公共団体のみが行う（363行）ため自組織とした。",
      },
      conv: { systemRole: "other" },
      koseki: { systemRole: "business" },
      moj_link: { systemRole: "other" },
      govcloud: { owner: { party: "self" } },
      govcloud_bk: { owner: { party: "self" } },
      cabinet: { safeguards: [{ kind: "locked_storage", note: "執務室の鍵付キャビネットで施錠保管" }] },
      server_room: { safeguards: [{ kind: "surveillance", note: "生体認証による入退室" }] },
      disposed: {
        kind: "disposal",
        note: "消去・廃棄の終点（構造化した読み取りではファイル・データベースとして置かれていたもの）。",
      },
      gyomu: { owner: { party: "self_department" }, systemRole: "business" },
      tax: { owner: { party: "self_department" }, systemRole: "tax" },
      pref_srv: { systemRole: "juki_net", owner: { party: "external", name: "東京都知事", bodyType: "local" } },
      natl_srv: {
        systemRole: "juki_net",
        owner: { party: "external", name: "地方公共団体情報システム機構", bodyType: "local" },
      },
      card_mgmt: {
        systemRole: "other",
        owner: { party: "external", name: "地方公共団体情報システム機構", bodyType: "local" },
      },
      jlis: { owner: { name: "地方公共団体情報システム機構", bodyType: "local" } },
      cert_center: { owner: { party: "external", name: "地方公共団体情報システム機構", bodyType: "local" } },
      kiosk: { owner: { party: "external", name: "コンビニエンスストア等" } },
      moj: { owner: { name: "法務省", bodyType: "national" } },
      other_lg: { owner: { bodyType: "local" } },
      ipn: {
        systemRole: "info_provision_network",
        owner: { party: "external", name: "内閣総理大臣", bodyType: "national" },
      },
      requesters: { owner: { bodyType: "other" } },
      cloud_vendor: {
        kind: "agency",
        owner: { party: "external", bodyType: "private" },
        note: "国（デジタル庁）が契約するクラウド事業者で、市の委託先ではない（国はクラウド事業者と契約する立場、利用者データにはアクセスしない契約: 594, 600行）。委託先ではなく他機関（民間事業者）として置いた。",
      },
      digital: { owner: { name: "デジタル庁", bodyType: "national" } },
      cmp_ops: {
        kind: "agency",
        owner: { party: "external", bodyType: "private" },
        note: "中間サーバー・プラットフォームの保守・運用を行う事業者。市の委託事項（II.4）には載っておらず、特定個人情報の管理は地方公共団体のみが行う（363行）ため、市の委託先ではなく他機関（民間事業者）として置いた。",
      },
    },
    flow: (f) => {
      const pair = `${f.from}>${f.to}`;
      if (f.direction === "unknown") return { noPhase: true, note: "流れの向きが書かれていないため、区分は未設定。" };
      if (pair === "ipn>requesters")
        return {
          phase: "network_provision",
          provisionId: "p_network",
          note: "情報提供ネットワークシステムを通じた提供なので、情報提供ネットワークシステム経由の提供とした（構造化した読み取りでは提供）。",
        };
      if (pair === "chukan>ipn") return { provisionId: "p_network" };
      if (["kyotsu>transfer_depts", "atena>transfer_depts", "kizon>gyomu", "kizon>tax"].includes(pair))
        return { provisionId: "p_transfer" };
      if (pair === "cs>pref_srv") return { provisionId: f.data?.startsWith("整合性") ? "p_consistency" : "p_pref" };
      if (pair === "cs>natl_srv" && f.data?.startsWith("整合性")) return { provisionId: "p_consistency" };
      if (pair === "cs>card_mgmt" && f.file) return { provisionId: "p_card" };
      if (pair === "cs>ines") return { delegationId: "d_ines_juki" };
      if (pair === "ines>ines_sub")
        return { delegationId: f.file === "(2)本人確認情報ファイル" ? "d_ines_juki" : "d_ines_kizon" };
      if (pair === "govcloud>govcloud_bk") return { isBackup: true };
      if (pair === "conv>cert_center")
        return {
          note: "図からは「提供」と判断されるが、評価書は II.4（委託）にも II.5（提供）にも載せていない。",
        };
      return undefined;
    },
  };
}
