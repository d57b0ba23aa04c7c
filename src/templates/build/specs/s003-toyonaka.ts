import { delegationFrom, issuesNote } from "../common";
import type { TemplateSpec } from "../core";
import { parseLegalBasis } from "../mapping";
import type { Reading } from "../reading";

export function spec003(reading: Reading): TemplateSpec {
  const [rd1, rd2, rd3, rd4] = reading.delegations;
  if (!rd1 || !rd2 || !rd3 || !rd4) throw new Error("003: four 委託事項 expected");
  return {
    id: "toyonaka-kodomo-iryohi",
    seed: "003",
    title: "豊中市 子ども医療費の助成に関する事務（重点項目評価書）",
    meta: {
      organization: "豊中市長",
      jimuName: "子ども医療費の助成に関する事務",
      jimuSummary:
        "受給資格の届出受付（窓口・郵送・電子申込）、子ども子育て支援システムでの資格・支給管理、庁内連携と情報提供ネットワークシステムによる情報照会。",
      assessmentKind: "focused",
      documentNumber: "45",
      handlers500OrMore: null,
      seriousIncidentPastYear: null,
      department: "こども未来部 子育て給付課",
      departmentHead: "子育て給付課長",
      publishedOn: "2023-06-30",
      legalBasisForUse: [],
      networkLinkage: {
        performed: "yes",
        legalBasis: [
          parseLegalBasis("番号法第19条第9号（別添2 令和3年12月24日 I-5-② の変更後の記載; 変更前は第19条第8号）"),
        ],
      },
      note: issuesNote(
        "I.1・I.3〜I.5（対象人数、個人番号の利用の法令上の根拠、情報連携の実施の有無）と II.5・III.5（提供・移転）は評価書テキストにない。提供・移転の有無は判断できないため提供先・移転先は空のままにしている（「なし」ではなく「不明」）。評価書テキストについての所見:",
        reading.issuesSeen,
      ),
    },
    files: [
      {
        id: "file1",
        name: "子ども医療費助成ファイル",
        fileType: "system",
        subjectCount: "10万人以上100万人未満",
        subjectScope: "子ども医療費助成対象の児童及びその保護者",
        recordItems: "100項目以上",
        mainRecordItems: [
          "個人番号",
          "その他識別情報（内部番号）",
          "4情報",
          "その他住民票関係情報",
          "連絡先（電話番号等）",
          "地方税関係情報",
          "健康・医療関係情報",
          "医療保険関係情報",
          "児童福祉・子育て関係情報",
          "その他（口座情報）",
        ],
        heldSince: "平成28年6月",
        department: "こども未来部 子育て給付課",
        useDepartment: "子育て給付課",
        users: "10人以上50人未満",
      },
    ],
    delegations: [
      delegationFrom(rd1, "d1", { fileIds: ["file1"] }),
      delegationFrom(rd2, "d2", { fileIds: ["file1"] }),
      delegationFrom(rd3, "d3", { fileIds: ["file1"] }),
      delegationFrom(rd4, "d4", {
        fileIds: ["file1"],
        note: "委託の有無欄（81行）は件数が欠落している。別添2（252行）で3件から4件に変更。",
      }),
    ],
    provisions: [],
    lanes: {
      applicant: "subject",
      pasona: "contractor",
      fujitsu: "contractor",
      fujitsu_sub: "contractor",
      nec: "contractor",
      nec_sub: "contractor",
      nttd: "contractor",
      staff: "self",
      admin: "self",
      term: "self",
      kosodate: "self",
      sys2: "self",
      renkei: "self",
      atena: "self",
      chukan: "self",
      kyotsu: "self",
      e_app: "self",
      media: "self",
      paper_store: "self",
      server_room: "self",
      kizon: "department",
      tax_sys: "department",
      other_biz: "department",
      ipn: "external",
      juki_net: "external",
      insurers: "external",
      munis: "external",
      jlis: "external",
      investig: "external",
    },
    boundaries: [
      {
        id: "b_chukan",
        kind: "middle_server_platform",
        label: "中間サーバー・プラットフォーム",
        lane: "self",
        members: ["chukan"],
      },
      {
        id: "b_juki",
        kind: "juki_net",
        label: "住基ネット",
        lane: "external",
        members: ["juki_net"],
        note: "III.3（170-171行）にだけ出てくる。I.2 の接続欄では住基ネットは選ばれていない（41行）。",
      },
    ],
    nodes: {
      pasona: { owner: { name: "株式会社パソナ" }, delegationId: "d3" },
      fujitsu: { owner: { name: "富士通Japan株式会社" }, delegationId: "d1" },
      fujitsu_sub: { owner: { party: "subcontractor" }, delegationId: "d1" },
      nec: { owner: { name: "日本電気株式会社" }, delegationId: "d2" },
      nec_sub: { owner: { party: "subcontractor" }, delegationId: "d2" },
      nttd: { owner: { name: "株式会社NTTデータ関西" }, delegationId: "d4" },
      staff: { owner: { name: "豊中市" } },
      kosodate: { systemRole: "business", fileIds: ["file1"] },
      sys2: {
        systemRole: "other",
        note: "評価書 I.2 のシステム2。名称と機能の欄が欠落しており（残るのは③他のシステムとの接続だけ: 34行）、この事務の特定個人情報ファイルを保有・処理するとも、どの流れで個人番号を扱うとも書かれていないため、ファイルは付けず、流れの個人番号の有無も未設定のままにした。",
      },
      renkei: { systemRole: "intra_linkage" },
      atena: { systemRole: "atena" },
      chukan: {
        systemRole: "middle_server",
        owner: { party: "self", name: "豊中市" },
        note: "中間サーバー・プラットフォーム上にあるが、評価実施機関のシステム（システム4）として記載されているため自組織とした。",
      },
      kyotsu: { systemRole: "other" },
      e_app: { systemRole: "other" },
      paper_store: {
        safeguards: [{ kind: "locked_storage", note: "鍵付きの書庫・専用バインダー・鍵付きロッカー（162, 203行）" }],
      },
      server_room: {
        safeguards: [
          { kind: "surveillance", note: "機械による入退室管理、出入口の限定、監視カメラ（203行）" },
          { kind: "locked_storage", note: "施錠したサーバラック" },
        ],
      },
      kizon: { owner: { party: "self_department", name: "住民票担当部署" }, systemRole: "existing_juki" },
      tax_sys: { owner: { party: "self_department", name: "地方税担当部署" }, systemRole: "tax" },
      other_biz: { owner: { party: "self_department", name: "保険担当部署等" }, systemRole: "business" },
      ipn: {
        systemRole: "info_provision_network",
        owner: { party: "external", name: "内閣総理大臣", bodyType: "national" },
      },
      juki_net: { systemRole: "juki_net", owner: { party: "external" } },
      insurers: { owner: { bodyType: "national" } },
      munis: { owner: { bodyType: "local" } },
      jlis: { owner: { name: "地方公共団体情報システム機構", bodyType: "local" } },
      investig: { owner: { bodyType: "other" } },
    },
    flow: (f) => {
      if (f.from === "applicant" && f.to === "e_app")
        return {
          transport: "online_application",
          note: "評価書の入手方法は「その他（電子申込システム）」。公的個人認証を使うオンライン申込なのでオンライン申請とした。",
        };
      if (f.direction === "unknown")
        return { noPhase: true, note: "流れの向きが書かれていないため、区分（入手・使用・移転）は未設定。" };
      return undefined;
    },
  };
}
