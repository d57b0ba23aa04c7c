import { delegationFrom, issuesNote, seedLines } from "../common";
import type { TemplateSpec } from "../core";
import type { Reading } from "../reading";

const SEED_TEXT = "002_cd7f82b0a3be53e1.txt";

/** The figure's labels, made into step labels that sort (1-①②③ …); the 評価書's wording stays in the note. */
const STEP: Record<string, string | undefined> = {
  "1. 届出・申出 ①②③": "1-①②③",
  "2. 申請 ④": "2-④",
  "3. 請求・届出 ⑤": "3-⑤",
  "4. 報告 ⑥": "4-⑥",
  "5. 処理結果管理 ⑦": "5-⑦",
  ア: "ア",
  イ: "イ",
  ウ: "ウ",
  I: "I",
  II: "II",
};

const HEADING: Record<string, string> = {
  "1-①②③": "1. 届出・申出",
  "2-④": "2. 申請",
  "3-⑤": "3. 請求・届出",
  "4-⑥": "4. 報告",
  "5-⑦": "5. 処理結果管理",
  ア: "ア. 住基情報",
  イ: "イ. 税情報",
  ウ: "ウ. 生保情報",
  I: "I. パンチ依頼",
  II: "II. データ納品",
};

/** The (備考) blocks of 別添1, by heading. */
function remarks(): Map<string, string> {
  const lines = seedLines(SEED_TEXT);
  const start = lines.findIndex((l) => l.trim() === "(備考)");
  const headings = new Set(Object.values(HEADING));
  const out = new Map<string, string[]>();
  let current: string | null = null;
  for (const raw of lines.slice(start + 1, start + 120)) {
    if (/^II 特定個人情報ファイルの概要/.test(raw.trim())) break;
    const line = raw.trim().replace(/^-\s*/, "").replace(/^・/, "");
    if (!line) continue;
    if (headings.has(line)) {
      current = line;
      out.set(line, []);
    } else if (current) out.get(current)?.push(line);
  }
  return new Map([...out].map(([k, v]) => [k, v.join(" ")]));
}

export function spec002(reading: Reading): TemplateSpec {
  const blocks = remarks();
  const [rd1, rd2, rd3] = reading.delegations;
  if (!rd1 || !rd2 || !rd3) throw new Error("002: three 委託事項 expected");
  return {
    id: "sakai-kokumin-nenkin",
    seed: "002",
    title: "堺市 国民年金に関する事務（全項目評価書）",
    meta: {
      organization: "大阪府堺市長",
      jimuName: "国民年金に関する事務",
      jimuSummary:
        "被保険者等からの届出・申請・請求の受付、国民年金システムへの登録、日本年金機構への報告と処理結果の管理、パンチ委託による処理結果一覧の電子化。",
      assessmentKind: "full",
      documentNumber: "6",
      targetPopulationBand: "30万人以上",
      handlers500OrMore: null,
      seriousIncidentPastYear: null,
      department: "健康福祉局 長寿社会部 医療年金課",
      publishedOn: "2022-01-31",
      legalBasisForUse: [
        {
          law: "mynumber_act",
          article: "9",
          paragraph: 1,
          tableRow: "31",
          text: "番号法第九条第1項 別表第一の三十一の項（I-5 の本文はテキストにない。別添3 の変更後の記載から）",
        },
        {
          law: "other",
          text: "行政手続における特定の個人を識別するための番号の利用等に関する法律別表第一の主務省令で定める事務を定める命令 第二十四条の二（別添3 の記載では「法律」が「抱一」と誤変換）",
        },
      ],
      networkLinkage: { legalBasis: [] },
      note: issuesNote(
        "I-6 と III-6（情報提供ネットワークシステムとの接続）は評価書テキストにないため、情報連携の実施の有無は未設定。しきい値判断（取扱者数・重大事故）の記載もない。評価書テキストについての所見:",
        reading.issuesSeen,
      ),
    },
    files: [
      {
        id: "file1",
        name: "年金情報ファイル",
        fileType: "system",
        subjectCount: "10万人以上100万人未満",
        subjectScope:
          "本市に住民登録のある国民年金被保険者及びその配偶者及び世帯主／基礎年金受給者及びその世帯員（過去分を含む）",
        recordItems: "100項目以上",
        mainRecordItems: [
          "個人番号",
          "その他識別情報",
          "4情報",
          "連絡先",
          "その他住民票関係情報",
          "地方税関係情報",
          "生活保護・社会福祉関係情報",
        ],
        heldSince: "平成29年1月1日",
        department: "健康福祉局 長寿社会部 医療年金課",
        useDepartment: "健康福祉局 生活福祉部 医療年金課 及び 各区保険年金課（II-3⑦ は旧部名のまま）",
        users: "50人以上100人未満",
        note: "主な記録項目のチェック状態は判読できず、妥当性欄（158行）から読み取った。II-6（保管・消去）は本文にない。",
      },
    ],
    delegations: [
      delegationFrom(rd1, "d1", {
        name: "委託事項1（名称・内容・委託先は評価書テキストに欠落）",
        fileIds: ["file1"],
      }),
      delegationFrom(rd2, "d2", { fileIds: ["file1"] }),
      delegationFrom(rd3, "d3", { name: "委託事項3（内容は評価書テキストに欠落）", fileIds: ["file1"] }),
    ],
    provisions: [
      {
        id: "p1",
        kind: "transfer",
        recipient: "戸籍住民課",
        recipientNodeId: "dept_koseki",
        legalBasis: [],
        methods: ["intra_linkage", "removable_media"],
        timing: "随時自動（共通基盤システム）／随時（媒体）",
        recipients: [],
        fileIds: ["file1"],
        note: "II-5 の本文はテキストにない。移転先が戸籍住民課であることは別添3 の変更箇所（507, 527行）だけから分かる。方法は III-5 の一般的な記載（共通基盤システムによる自動移転、パスワードを付与した媒体）から。根拠・移転する情報・目的は不明。",
      },
      {
        id: "p2",
        kind: "provision",
        recipient: "厚生労働大臣（日本年金機構）",
        recipientNodeId: "ag_jps",
        legalBasis: [],
        purpose: "被保険者等から受理した届出・申請・請求の報告（日本年金機構に個人番号を含めた異動情報を報告）",
        information: "申請書並びに請求書等、登録した情報並びに所得情報等",
        methods: ["paper", "other"],
        timing: undefined,
        recipients: [],
        fileIds: ["file1"],
        note: "別添1 ⑥と II-3④ から。II-5 の本文がテキストにないため、提供としての根拠・頻度は確認できない。「送付」とだけ書かれ、システム出力の形式（紙・媒体）と送付経路の記載もない。",
      },
    ],
    lanes: {
      p_insured: "subject",
      c_punch: "contractor",
      m_punch: "contractor",
      c_ops: "contractor",
      sc_ops: "contractor",
      c_courier: "contractor",
      st_offsite: "contractor",
      staff: "self",
      sys_nenkin: "self",
      f_nenkin: "self",
      sys_hoken: "self",
      st_paper: "self",
      m_ext: "self",
      m_lto: "self",
      sys_juki: "department",
      sys_tax: "department",
      sys_seiho: "department",
      sys_kiban: "department",
      dept_koseki: "department",
      dept_shiminzei: "department",
      dept_seikatsu: "department",
      dept_kokuho: "department",
      dept_other: "department",
      ag_jps: "external",
    },
    boundaries: [],
    nodes: {
      c_punch: { owner: { name: "株式会社エス・ピー・シー" }, delegationId: "d2" },
      m_punch: { owner: { party: "contractor", name: "株式会社エス・ピー・シー" } },
      c_ops: {
        note: "委託事項1 の委託先である可能性があるが、評価書に対応の記載がないため委託事項には結び付けていない。",
      },
      sc_ops: { owner: { party: "subcontractor" }, delegationId: "d1" },
      c_courier: { owner: { party: "contractor" } },
      st_offsite: { owner: { party: "contractor" } },
      staff: { owner: { name: "堺市" } },
      sys_nenkin: { systemRole: "business", fileIds: ["file1"] },
      f_nenkin: { fileIds: ["file1"] },
      sys_hoken: {
        systemRole: "business",
        note: "所管の記載がない（II-3③ の 166行のみ）ため自組織の欄に置いた。",
      },
      st_paper: {
        kind: "store",
        safeguards: [{ kind: "locked_storage", note: "施錠可能な書庫・ロッカー・保管庫（355, 430行）" }],
        note: "申請書類を保管する書庫なので保管場所（ファイル・データベース）にした（構造化した読み取りでは外部記録媒体）。",
      },
      m_ext: {
        safeguards: [
          { kind: "access_control", note: "許可のない外部記録媒体は使用不可、持出しは上長承認・記録（385, 413行）" },
          { kind: "encryption", note: "管理ユーザのみ暗号化して書込み" },
          { kind: "media_ledger", note: "台帳管理" },
        ],
      },
      sys_juki: {
        owner: { party: "self_department" },
        systemRole: "existing_juki",
        note: "所管課は別添1 に書かれていない（II-3① の入手元には戸籍住民課）。",
      },
      sys_tax: { owner: { party: "self_department" }, systemRole: "tax" },
      sys_seiho: { owner: { party: "self_department" }, systemRole: "business" },
      sys_kiban: { owner: { party: "self_department", name: "情報化推進課" }, systemRole: "intra_linkage" },
      ag_jps: { owner: { name: "日本年金機構", bodyType: "national" } },
    },
    step: (raw) => STEP[raw],
    sentence: (step) => {
      const h = HEADING[step];
      return h ? blocks.get(h) : undefined;
    },
    flow: (f) => {
      if (f.from === "staff" && f.to === "p_insured")
        return {
          transport: undefined,
          note: "「送付」とだけ書かれ、郵送かどうかは書かれていないため送付手段は未設定。",
        };
      if (f.from === "sys_nenkin" && f.to === "ag_jps") return { transport: undefined, provisionId: "p2" };
      if (f.to === "ag_jps") return { provisionId: "p2" };
      if (f.to === "dept_koseki" && f.category === "transfer") return { provisionId: "p1" };
      if (f.to === "c_courier" || f.from === "c_courier") return { isBackup: true };
      return undefined;
    },
  };
}
