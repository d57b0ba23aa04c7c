import { delegationFrom, issuesNote, seedLines } from "../common";
import type { TemplateSpec } from "../core";
import { parseLegalBasis } from "../mapping";
import type { Reading } from "../reading";

const SEED_TEXT = "001_69ba6ebb67c953d5.txt";

/** The 備考 of 別添1 (lines 117-172): one sentence block per step label. */
function remarks(): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | null = null;
  const lines = seedLines(SEED_TEXT).slice(116, 172);
  for (const raw of lines) {
    const line = raw.replace(/^\s*-\s*/, "").trim();
    if (!line) continue;
    const m = /^([\u2460-\u2473\u3251-\u325f](?:-\d+)?)\s*(.*)$/.exec(line);
    if (m) {
      current = m[1] as string;
      out.set(current, (m[2] ?? "").trim());
    } else if (current && line.startsWith("※")) {
      out.set(current, `${out.get(current)} ${line}`);
    } else if (/^\d\. /.test(line) || line.startsWith("【")) {
      current = null;
    }
  }
  return out;
}

export function spec001(reading: Reading): TemplateSpec {
  const sentences = remarks();
  const [rd1, rd2] = reading.delegations;
  if (!rd1 || !rd2) throw new Error("001: two 委託事項 expected");
  return {
    id: "tokyo-toei-jutaku",
    seed: "001",
    title: "東京都 都営住宅等の管理に関する事務（全項目評価書）",
    meta: {
      organization: "東京都知事",
      jimuName: "都営住宅等の管理に関する事務",
      jimuSummary: "都営住宅等の入居申込・個人番号届出・符号取得・届出申請・審査・運用保守・保管消去。",
      assessmentKind: "full",
      documentNumber: "41",
      targetPopulationBand: "30万人以上",
      handlers500OrMore: null,
      seriousIncidentPastYear: null,
      department: "東京都住宅政策本部都営住宅経営部経営企画課",
      departmentHead: "管理企画担当課長",
      publishedOn: null,
      legalBasisForUse: [
        parseLegalBasis("番号法第9条第1項 別表27、52、93の項"),
        parseLegalBasis(
          "行政手続における特定の個人を識別するための番号の利用等に関する法律に基づく個人番号の利用並びに特定個人情報の利用及び提供に関する条例第4条及び別表第一の11から15の項(予定)",
        ),
      ],
      networkLinkage: {
        performed: "yes",
        legalBasis: [
          parseLegalBasis("番号法第19条第8号に基づく主務省令 第2条の表53、76、124の項"),
          parseLegalBasis("番号法第19条第9号"),
        ],
      },
      note: issuesNote(
        "公表日・しきい値判断（取扱者数・重大事故）は評価書テキストに記載がないため未設定（案の段階の評価書と読める）。評価書テキストについての所見:",
        reading.issuesSeen,
      ),
    },
    files: [
      {
        id: "file1",
        name: "都営住宅マイナンバー管理システムファイル",
        fileType: "system",
        subjectCount: "10万人以上100万人未満",
        subjectScope: "都営住宅等の入居者・入居申込者",
        recordItems: "100項目以上",
        mainRecordItems: [
          "識別情報（個人番号、個人番号対応符号、その他識別情報（内部番号））",
          "連絡先等情報（4情報、連絡先等）",
          "業務関係情報（地方税関係、生活保護・社会福祉関係、障害者福祉関係、その他（都独自情報（愛の手帳）、戸籍関係情報））",
        ],
        heldSince: "令和9年1月",
        department: "東京都住宅政策本部都営住宅経営部経営企画課",
        useDepartment: "東京都住宅政策本部都営住宅経営部指導管理課",
        users: "10人以上50人未満",
        storageLocation:
          "【個人番号提出専用キット】委託先で施錠保管し、業務に携わる者以外が触れない・閲覧できないよう求めている。【外部記録媒体】施錠保管し、保存データは暗号化、使用時は台帳に記録。【マイナポータル申請管理】マイナポータル上で管理。【マイナンバー管理システム】東京都が構築するクラウドインフラ上に、インターネットや庁内の番号系以外のネットワークと分離して構築。【中間サーバ・プラットフォーム】データセンターに設置し入館・入室を厳重に管理。（II-6①、246行の要約）",
        retention: "定められていない",
        retentionReason:
          "入居者は入居している限り保管が必要。退去後や、入居申込者の資格審査不合格・入居辞退等で不要となったものは消去する。（252行）",
        deletionMethod:
          "【専用キット】期間経過後の書類は委託業者が破砕又は溶解処分し、廃棄完了後に都へ証明書を提出。申請データは復元不可能な状態にする。【外部記録媒体】移動完了後直ちに論理削除、廃棄時は物理的破壊等。【マイナポータル申請管理】一定期間経過後に削除。【マイナンバー管理システム】職員が指示した削除対象データをバッチ処理で削除、機器廃棄時は物理的破壊等。（II-6③、254行の要約）",
        note: "主な記録項目のチェック状態はテキスト化で失われており、妥当性欄（185行）から読み取った。全記録項目は別紙2（本文に未収録）。",
      },
    ],
    delegations: [
      delegationFrom(rd1, "d1", { fileIds: ["file1"] }),
      delegationFrom(rd2, "d2", {
        fileIds: ["file1"],
        note: "別添1 では「委託業者」とのみ書かれ、社名はない。委託事項2との対応は再委託事項（個人番号の収集業務、収集書類の廃棄等）から。委託の有無欄の件数表記は「() 2) 件」と崩れている。",
      }),
    ],
    provisions: [],
    lanes: {
      p_resident: "subject",
      c_kosha: "contractor",
      sc_kit: "contractor",
      st_docs: "contractor",
      m_kit: "contractor",
      c_ops: "contractor",
      sc_ops: "contractor",
      staff: "self",
      sys_toju: "self",
      sys_online: "self",
      sys_logo: "self",
      nw_tokutei: "self",
      t_mn: "self",
      t_gyomu: "self",
      sys_mn: "self",
      f_mn: "self",
      sys_renkei: "self",
      sys_chukan: "self",
      m_ext: "self",
      dept_somu: "department",
      sys_juki: "department",
      dept_fukushi: "department",
      sys_mp: "external",
      sys_nws: "external",
      sys_juki_zen: "external",
      ag_moj: "external",
      ag_muni: "external",
    },
    boundaries: [
      {
        id: "b_itaku2",
        kind: "other",
        label: "委託事項2 都営住宅等の管理業務委託（再委託あり）",
        lane: "contractor",
        members: ["c_kosha", "sc_kit", "m_kit", "st_docs"],
        note: "凡例「委託事項」に当たる枠。",
      },
      {
        id: "b_itaku1",
        kind: "other",
        label: "委託事項1 マイナンバー管理システムの運用委託（再委託あり）",
        lane: "contractor",
        members: ["c_ops", "sc_ops"],
        note: "凡例「委託事項」に当たる枠。",
      },
      {
        id: "b_bangokei",
        kind: "mynumber_segment",
        label: "マイナンバー管理システム（他のネットワークから分離）",
        lane: "self",
        members: ["t_mn", "sys_mn", "f_mn"],
        note: "東京都が構築するクラウド上で、インターネットや庁内の番号系以外のネットワークと分離（246行）。専用端末からのみ接続（439行）。",
      },
      {
        id: "b_chukan",
        kind: "middle_server_platform",
        label: "中間サーバー・プラットフォーム",
        lane: "self",
        members: ["sys_chukan"],
      },
      {
        id: "b_juki_somu",
        kind: "juki_net",
        label: "住基ネット（総務局所管）",
        lane: "department",
        members: ["sys_juki"],
      },
      {
        id: "b_juki_zen",
        kind: "juki_net",
        label: "住基ネット（全国）",
        lane: "external",
        members: ["sys_juki_zen"],
      },
    ],
    nodes: {
      p_resident: { owner: { party: "subject" } },
      c_kosha: { owner: { name: "東京都住宅供給公社" }, delegationId: "d2" },
      sc_kit: { owner: { party: "subcontractor" }, delegationId: "d2" },
      m_kit: {
        kind: "paper",
        owner: { party: "subcontractor" },
        note: "紙の様式と本人確認書類なので紙にした（構造化した読み取りでは外部記録媒体）。",
      },
      st_docs: {
        kind: "paper",
        owner: { party: "subcontractor" },
        note: "提出された紙の書類なので紙にした（構造化した読み取りでは外部記録媒体）。",
        safeguards: [{ kind: "locked_storage", note: "安全管理措置が施された環境で施錠保管（133, 246行）" }],
        deletionMethod: "一定期間経過後、破砕又は溶解処分し、廃棄完了後に都へ証明書を提出（172, 380行）",
      },
      c_ops: { owner: { name: "富士通Japan株式会社" }, delegationId: "d1" },
      sc_ops: { owner: { party: "subcontractor" }, delegationId: "d1" },
      sys_toju: { systemRole: "business" },
      sys_online: { systemRole: "other" },
      sys_logo: { systemRole: "other" },
      nw_tokutei: {
        kind: "network_device",
        note: "凡例「NW機器の設定」に当たるものとして NW機器 にした（構造化した読み取りでは自組織のシステム）。",
      },
      t_mn: {
        safeguards: [
          { kind: "multi_factor", note: "職員ごとのユーザID・多要素認証（330行）" },
          { kind: "access_control", note: "個人番号利用事務以外の操作禁止（360行）" },
        ],
      },
      sys_mn: { systemRole: "business", fileIds: ["file1"], owner: { name: "東京都" } },
      f_mn: { fileIds: ["file1"] },
      sys_renkei: {
        systemRole: "atena",
        note: "団体内統合利用番号を扱う宛名システム等の役割として「宛名システム等」にした。",
      },
      sys_chukan: {
        systemRole: "middle_server",
        owner: { party: "self", name: "東京都" },
        note: "中間サーバー・プラットフォーム上にあり運用は事業者が行うが、特定個人情報の管理は地方公共団体のみが行う（469-470行）ため自組織とした。",
      },
      m_ext: {
        safeguards: [
          { kind: "encryption", note: "委託先から移動する場合・住基ネット用は暗号化（246, 482行）" },
          { kind: "locked_storage", note: "外部記録媒体の施錠保管" },
          { kind: "media_ledger", note: "使用時に台帳へ使用年月日・使用者等を記録（委託先に要求）" },
          { kind: "delete_after_transfer", note: "移動完了後直ちに論理削除" },
          { kind: "physical_destruction", note: "廃棄時は物理的破壊等" },
        ],
      },
      dept_somu: { owner: { name: "東京都総務局" } },
      dept_fukushi: { owner: { name: "東京都福祉局" } },
      sys_juki: {
        owner: { party: "self_department", name: "東京都総務局" },
        systemRole: "juki_net",
        note: "総務局が所管する住基ネット東京都サーバ（312行）。",
      },
      sys_mp: { systemRole: "mynaportal", owner: { party: "external" } },
      sys_nws: {
        systemRole: "info_provision_network",
        owner: { party: "external", name: "内閣総理大臣", bodyType: "national" },
      },
      sys_juki_zen: { systemRole: "juki_net", owner: { party: "external" } },
      ag_moj: { owner: { name: "法務省", bodyType: "national" } },
      ag_muni: { owner: { name: "区市町村", bodyType: "local" } },
    },
    flow: (f) => {
      if (f.step === "②-3")
        return {
          transport: undefined,
          note: "評価書は「送付」とだけ書き、郵送かどうかは書いていないため送付手段は未設定。",
        };
      if (f.step === "③-3") return { transport: "specified_communication" };
      return undefined;
    },
    sentence: (step) => sentences.get(step),
  };
}
