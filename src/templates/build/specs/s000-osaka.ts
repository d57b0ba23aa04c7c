import { delegationFrom, issuesNote } from "../common";
import type { TemplateSpec } from "../core";
import { parseLegalBasis } from "../mapping";
import type { Reading } from "../reading";

const PART_OF_HOUSING = "市営住宅管理システムの一部（構造化した読み取りでは子要素）。";

export function spec000(reading: Reading): TemplateSpec {
  const [rd1, rd2] = reading.delegations;
  if (!rd1 || !rd2) throw new Error("000: two 委託事項 expected");
  return {
    id: "osaka-shiei-jutaku",
    seed: "000",
    title: "大阪市 市営住宅の管理に関する事務（重点項目評価書）",
    meta: {
      organization: "大阪市長",
      jimuName: "市営住宅の管理に関する事務",
      jimuSummary: "市営住宅等の入居申込み・同居承認・地位承継・収入申告・減免等の申請受付と審査。",
      assessmentKind: "focused",
      documentNumber: "36",
      handlers500OrMore: null,
      seriousIncidentPastYear: null,
      department: "都市整備局住宅部管理課",
      departmentHead: "都市整備局長",
      publishedOn: "2018-11-13",
      legalBasisForUse: [
        parseLegalBasis("番号法第9条第1項 別表第一の19の項、35の項及び61の2の項"),
        parseLegalBasis("番号法別表第一の主務省令 第18条、第26条及び第46条の3"),
        parseLegalBasis("番号法第9条第2項"),
        parseLegalBasis("大阪市個人番号の利用等に関する条例(市番号条例)第3条第1項 別表第1の1の項"),
      ],
      networkLinkage: {
        performed: "yes",
        legalBasis: [
          parseLegalBasis("【情報照会】番号法第19条第7号 別表第二の31の項、54の項及び85の2の項"),
          parseLegalBasis("【情報照会】番号法別表第二の主務省令 第22条、第28条及び第43条の4"),
          // 番号法第19条第8号 together with the 条例 row it refers to: the 別表 is the 条例's, not the 番号法's.
          {
            ...parseLegalBasis("【情報照会】番号法第19条第8号、市番号条例第3条第1項 別表第1の1の項"),
            tableRow: undefined,
            ordinance: "市番号条例第3条第1項 別表第1の1の項",
          },
        ],
      },
      note: issuesNote(
        "I.1・I.2（事務とシステム）が評価書テキストにないため、対象人数とシステム構成は II・III・別添1 から復元した。情報提供は行わない（I.5 【情報提供】）。しきい値判断の記載はない。評価書テキストについての所見:",
        reading.issuesSeen,
      ),
    },
    files: [
      {
        id: "file1",
        name: "市営住宅管理事務関係情報ファイル",
        fileType: "system",
        subjectCount: "10万人以上100万人未満",
        subjectScope: "大阪市営住宅等への申込者、入居者並びにその同居人、保証人及び家賃等を滞納して退去した者",
        recordItems: "100項目以上",
        mainRecordItems: [
          "識別情報（個人番号・その他識別情報（内部番号）等）",
          "連絡先等情報",
          "地方税関係情報",
          "生活保護・社会福祉関係情報",
          "その他（市営住宅等の施設・設備設置情報）",
        ],
        heldSince: "平成30年7月1日",
        department: "都市整備局住宅部管理課",
        useDepartment: "大阪市都市整備局住宅部管理課・保全整備課・建設課",
        users: "100人以上500人未満",
        note: "主な記録項目のチェック状態は変換で失われており、妥当性欄から読める分類を挙げた。",
      },
    ],
    delegations: [delegationFrom(rd1, "d1", { fileIds: ["file1"] }), delegationFrom(rd2, "d2", { fileIds: ["file1"] })],
    provisions: [],
    lanes: {
      applicant: "subject",
      scsk: "contractor",
      kosha: "contractor",
      staff: "self",
      term_mgmt: "self",
      term_link: "self",
      housing: "self",
      housing_mgmt: "self",
      housing_link: "self",
      togo: "self",
      chukan: "self",
      dc_external: "self",
      remote_backup: "self",
      machine_room: "self",
      usb: "self",
      usb_cabinet: "self",
      paper_store: "self",
      juki_sys: "department",
      tax_dept: "department",
      ipn: "external",
      info_providers: "external",
      cmp_ops: "external",
    },
    boundaries: [
      {
        id: "b_dc",
        kind: "datacenter",
        label: "外部委託先のデータセンター",
        lane: "self",
        members: ["housing_mgmt", "dc_external"],
        note: "市営住宅管理機能のサーバーとバックアップ媒体を置く。データセンターの運営者名は書かれていない（127行）。",
      },
      {
        id: "b_machine_room",
        kind: "datacenter",
        label: "市役所本庁舎 情報システム室（マシン室）",
        lane: "self",
        members: ["housing_link", "machine_room"],
      },
      {
        id: "b_center",
        kind: "datacenter",
        label: "中央情報処理センター",
        lane: "self",
        members: ["togo"],
      },
      {
        id: "b_remote",
        kind: "datacenter",
        label: "大阪府外の遠隔地",
        lane: "self",
        members: ["remote_backup"],
        note: "場所・運営者・搬送方法は書かれていない（127行）。",
      },
      {
        id: "b_chukan",
        kind: "middle_server_platform",
        label: "中間サーバー・プラットフォーム",
        lane: "self",
        members: ["chukan"],
      },
    ],
    nodes: {
      scsk: { owner: { name: "SCSK株式会社" }, delegationId: "d1" },
      kosha: { owner: { name: "大阪市住宅供給公社" }, delegationId: "d2" },
      staff: { owner: { name: "大阪市" } },
      term_mgmt: { note: PART_OF_HOUSING },
      term_link: { note: PART_OF_HOUSING },
      housing: { systemRole: "business", fileIds: ["file1"] },
      housing_mgmt: { systemRole: "business", note: PART_OF_HOUSING },
      housing_link: { systemRole: "business", note: PART_OF_HOUSING },
      togo: { systemRole: "atena", fileIds: ["file1"] },
      chukan: {
        systemRole: "middle_server",
        owner: { party: "self", name: "大阪市" },
        fileIds: ["file1"],
        note: "中間サーバー・プラットフォーム上にあるが、特定個人情報の管理は地方公共団体のみが行う（204行）ため自組織とした。",
      },
      dc_external: {
        safeguards: [{ kind: "surveillance", note: "24時間警備員による入退館管理、機械警備、監視カメラ（127行）" }],
      },
      machine_room: {
        safeguards: [
          { kind: "locked_storage", note: "施錠されたサーバーラック、開閉はICカード認証（127行）" },
          { kind: "surveillance", note: "機械警備・監視カメラ" },
        ],
      },
      usb_cabinet: {
        safeguards: [{ kind: "locked_storage", note: "本庁舎管理区域内の施錠可能なキャビネット（127行）" }],
      },
      paper_store: { safeguards: [{ kind: "locked_storage", note: "施錠可能な保管庫、ロッカー等（127行）" }] },
      juki_sys: {
        owner: { party: "self_department" },
        systemRole: "existing_juki",
        note: "所管部署は書かれていない（入手元の「評価実施機関内の他部署 ()」は空欄）。",
      },
      tax_dept: { owner: { name: "財政局税務部課税課" } },
      ipn: {
        systemRole: "info_provision_network",
        owner: { party: "external", name: "内閣総理大臣", bodyType: "national" },
      },
      info_providers: { owner: { bodyType: "other" } },
      cmp_ops: {
        kind: "agency",
        owner: { party: "external", bodyType: "private" },
        note: "中間サーバー・プラットフォームの保守・運用を行う事業者。大阪市の委託事項（II.4）には載っておらず、特定個人情報の管理は地方公共団体のみが行う（204行）ため、大阪市の委託先ではなく他機関（民間事業者）として置いた。",
      },
    },
    // The three storage flows of 127行 carry backup media.
    flow: (f) => ((f.data ?? "").includes("バックアップ") ? { isBackup: true } : undefined),
  };
}
