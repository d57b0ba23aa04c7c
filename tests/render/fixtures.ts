import {
  CURRENT_SCHEMA_VERSION,
  documentSchema,
  FORMAT_ID,
  type NagareDocument,
  type NagareDocumentInput,
  NODE_KIND_IDS,
  TRANSPORT_IDS,
} from "../../src/model";

type NodeIn = NonNullable<NagareDocumentInput["nodes"]>[number];
type FlowIn = NonNullable<NagareDocumentInput["flows"]>[number];
type GroupIn = NonNullable<NagareDocumentInput["groups"]>[number];

const node = (
  id: string,
  kind: NodeIn["kind"],
  label: string,
  x: number,
  y: number,
  groupId?: string,
  extra: Partial<NodeIn> = {},
): NodeIn => ({
  id,
  kind,
  label,
  position: { x, y },
  groupId,
  ...extra,
});

const flow = (
  id: string,
  source: string,
  target: string,
  step: string | undefined,
  extra: Partial<FlowIn>,
): FlowIn => ({
  id,
  source,
  target,
  step,
  ...extra,
});

/**
 * A 15-node 都営住宅-like 事務 that uses every node kind, four lanes, nested boundaries, both line styles
 * (and the not-yet-known one), several transports, a multi-hop step, a self loop and a contractor chain.
 */
export function richFixture(): NagareDocument {
  const groups: GroupIn[] = [
    {
      id: "lane-subject",
      type: "lane",
      laneKind: "subject",
      label: "本人",
      position: { x: 0, y: 0 },
      size: { width: 220, height: 740 },
    },
    {
      id: "lane-self",
      type: "lane",
      laneKind: "self",
      label: "東京都 都市整備局（評価対象の事務）",
      position: { x: 250, y: 0 },
      size: { width: 640, height: 740 },
    },
    {
      id: "b-mynumber",
      type: "boundary",
      boundaryKind: "mynumber_segment",
      label: "個人番号利用事務系",
      parentId: "lane-self",
      position: { x: 490, y: 60 },
      size: { width: 380, height: 380 },
    },
    {
      id: "b-cloud",
      type: "boundary",
      boundaryKind: "government_cloud",
      label: "ガバメントクラウド",
      parentId: "b-mynumber",
      position: { x: 510, y: 250 },
      size: { width: 340, height: 170 },
    },
    {
      id: "lane-contractor",
      type: "lane",
      laneKind: "contractor",
      label: "委託先",
      position: { x: 920, y: 0 },
      size: { width: 260, height: 740 },
    },
    {
      id: "lane-external",
      type: "lane",
      laneKind: "external",
      label: "他機関",
      position: { x: 1210, y: 0 },
      size: { width: 260, height: 740 },
    },
  ];
  const nodes: NodeIn[] = [
    node("person", "person", "都民（申込者）", 54, 80, "lane-subject"),
    node("paper", "paper", "入居申込書・添付書類", 26, 300, "lane-subject"),
    node("staff", "staff", "担当職員", 290, 80, "lane-self"),
    node("terminal", "terminal", "業務端末", 290, 260, "lane-self"),
    node("system", "system_own", "都営住宅管理システム（入居者管理・収納管理サブシステム）", 520, 110, "b-mynumber"),
    node("store", "store", "入居者データベース", 600, 300, "b-cloud"),
    node("nwdevice", "network_device", "NW機器（特定通信）", 740, 100, "b-mynumber", {
      size: { width: 110, height: 92 },
    }),
    node("media", "media", "外部記録媒体（暗号化USB）", 290, 440, "lane-self"),
    node("disposal", "disposal", "廃棄（溶解処理）", 290, 600, "lane-self"),
    node("department", "department", "総務局（住基ネット）", 560, 560, "lane-self"),
    node("contractor", "contractor", "東京都住宅供給公社", 966, 100, "lane-contractor", { delegationId: "d1" }),
    node("subcontractor", "subcontractor", "再委託業者（封入封緘）", 966, 330, "lane-contractor", {
      delegationId: "d1",
    }),
    node("agency", "agency", "法務省", 1256, 100, "lane-external"),
    node("nws", "system_external", "情報提供ネットワークシステム", 1256, 300, "lane-external"),
    node("portal", "system_external", "マイナポータル", 1256, 500, "lane-external"),
  ];
  const flows: FlowIn[] = [
    flow("f1", "person", "paper", "①", {
      data: "入居申込書",
      carriesMyNumber: true,
      transport: "counter",
      sentence: "申込者は入居申込書に個人番号を記入し、窓口に提出する。",
    }),
    flow("f2", "paper", "staff", "①-2", {
      data: "申込書",
      carriesMyNumber: true,
      transport: "post",
      sentence: "郵送で届いた申込書を担当職員が受け付け、本人確認を行う。",
    }),
    flow("f3", "staff", "terminal", "②", {
      data: "申込内容",
      carriesMyNumber: true,
      transport: "in_system",
      sentence: "担当職員が申込内容を業務端末に入力する。",
    }),
    flow("f4", "terminal", "system", "③", {
      data: "申込情報",
      carriesMyNumber: true,
      transport: "intra_network",
      sentence: "業務端末から都営住宅管理システムに登録する。",
    }),
    flow("f5", "system", "store", "④", {
      data: "入居者情報",
      carriesMyNumber: true,
      transport: "in_system",
      sentence: "入居者情報をデータベースに格納する。",
    }),
    flow("f6", "system", "contractor", "⑤", {
      data: "審査対象者一覧",
      carriesMyNumber: true,
      transport: "dedicated_line",
      delegationId: "d1",
      sentence: "審査業務の委託先に専用線で対象者一覧を渡す。",
    }),
    flow("f7", "contractor", "subcontractor", "⑤-2", {
      data: "送付先一覧",
      carriesMyNumber: false,
      transport: "removable_media",
      sentence: "委託先は封入封緘のため再委託先に送付先一覧を媒体で渡す。",
    }),
    flow("f8", "subcontractor", "person", "⑥", {
      data: "審査結果通知",
      carriesMyNumber: false,
      transport: "post",
      sentence: "再委託先が審査結果通知を申込者に郵送する。",
    }),
    flow("f9", "system", "nwdevice", "⑦", {
      data: "照会情報",
      carriesMyNumber: true,
      transport: "specified_communication",
      sentence: "情報照会のため、NW機器を経由して情報提供ネットワークシステムに接続する。",
    }),
    flow("f10", "nwdevice", "nws", "⑦", {
      data: "照会情報",
      carriesMyNumber: true,
      transport: "info_provision_network",
    }),
    flow("f11", "nws", "agency", "⑧", {
      data: "戸籍関係情報",
      carriesMyNumber: true,
      transport: "info_provision_network",
      sentence: "法務省に戸籍関係情報を照会し、回答を得る。",
    }),
    flow("f12", "portal", "system", "⑨", {
      data: "電子申請データ",
      carriesMyNumber: true,
      transport: "online_application",
      sentence: "マイナポータルからの電子申請を受け付ける。",
    }),
    flow("f13", "terminal", "media", "⑩", {
      data: "連携ファイル",
      carriesMyNumber: true,
      transport: "flash_memory",
      sentence: "連携用ファイルを暗号化した外部記録媒体に書き出す。",
    }),
    flow("f14", "media", "department", "⑪", {
      data: "連携ファイル",
      carriesMyNumber: true,
      transport: "removable_media",
      sentence: "媒体を総務局に持参し、住基ネットで確認する。",
    }),
    flow("f15", "paper", "disposal", "⑫", {
      data: "申込書",
      carriesMyNumber: true,
      transport: "paper",
      sentence: "保存期間を経過した申込書を溶解処理で廃棄する。",
    }),
    flow("f16", "store", "store", "⑬", {
      data: "バックアップ",
      carriesMyNumber: true,
      transport: "in_system",
      isBackup: true,
      sentence: "毎日バックアップを取得する。",
    }),
    flow("f17", "department", "system", undefined, {
      data: "住民票情報",
      carriesMyNumber: null,
      transport: "intra_linkage",
    }),
  ];
  return documentSchema.parse({
    format: FORMAT_ID,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: "都営住宅等の管理に関する事務",
    meta: { organization: "東京都知事", jimuName: "都営住宅等の管理に関する事務" },
    nodes,
    groups,
    flows,
    delegations: [{ id: "d1", name: "入居者審査業務", contractorName: "東京都住宅供給公社" }],
  } satisfies NagareDocumentInput);
}

/** A model of `count` nodes in lanes, with roughly 1.4 flows per node, for benchmarks. */
export function generatedFixture(count: number): NagareDocument {
  const lanes = 6;
  const perLane = Math.ceil(count / lanes);
  const laneKinds = ["subject", "self", "self", "department", "contractor", "external"] as const;
  const groups: GroupIn[] = laneKinds.map((laneKind, i) => ({
    id: `lane${i}`,
    type: "lane",
    laneKind,
    label: `区分${i + 1}`,
    position: { x: i * 260, y: 0 },
    size: { width: 240, height: perLane * 110 + 60 },
  }));
  const nodes: NodeIn[] = [];
  for (let i = 0; i < count; i++) {
    const lane = i % lanes;
    const row = Math.floor(i / lanes);
    const kind = NODE_KIND_IDS[i % NODE_KIND_IDS.length] as NodeIn["kind"];
    nodes.push({
      id: `n${i}`,
      kind,
      label: `ノード${i} ${i % 3 === 0 ? "住民記録システム" : "申請書"}`,
      position: { x: lane * 260 + 36, y: 40 + row * 110 },
      size: { width: 168, height: 80 },
      groupId: `lane${lane}`,
    });
  }
  const flows: FlowIn[] = [];
  let step = 1;
  for (let i = 0; i + 1 < count; i++) {
    flows.push({
      id: `f${i}`,
      source: `n${i}`,
      target: `n${i + 1}`,
      step: `${step}-${(i % 9) + 1}`,
      carriesMyNumber: i % 3 !== 0,
      transport: TRANSPORT_IDS[i % TRANSPORT_IDS.length],
      data: "住民票情報",
    });
    if (i % 9 === 8) step++;
    if (i % 5 === 0 && i + 7 < count)
      flows.push({ id: `g${i}`, source: `n${i}`, target: `n${i + 7}`, carriesMyNumber: false, transport: "lgwan" });
  }
  return documentSchema.parse({
    format: FORMAT_ID,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: `生成モデル ${count}`,
    meta: { organization: "テスト市長", jimuName: "生成された事務" },
    nodes,
    groups,
    flows,
  } satisfies NagareDocumentInput);
}
