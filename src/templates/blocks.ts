import type {
  BoundaryKind,
  Delegation,
  ModelFlow,
  ModelGroup,
  ModelNode,
  NodeKind,
  Safeguard,
  SafeguardKind,
} from "../model";
import { sizeForLabel } from "./geometry";

/**
 * Building blocks: recurring pieces of a 別添1 diagram that a team inserts in one action and then edits. Each
 * block is a pure function of a position and an id generator, so that it can be inserted into a shared
 * document (one transaction), tested on an empty document, or used from a script.
 */

export interface Point {
  x: number;
  y: number;
}

export interface BlockParts {
  nodes: ModelNode[];
  groups: ModelGroup[];
  flows: ModelFlow[];
  delegations?: Delegation[];
}

export interface BuildingBlock {
  id: string;
  ja: string;
  en: string;
  descriptionJa: string;
  descriptionEn: string;
  /** `at` is the top-left corner of the block; `newId(prefix)` returns an id not used in the document. */
  make: (at: Point, newId: (prefix: string) => string) => BlockParts;
}

/** Kinds whose owner the kind does not imply (see derive/parties). */
export const UNOWNED_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(["terminal", "media", "store", "paper"]);

const sg = (kind: SafeguardKind, note: string): Safeguard => ({ kind, note });

type NodeInit = Partial<ModelNode> & { kind: NodeKind; label: string };
type FlowInit = Partial<ModelFlow> & { source: string; target: string };

/** Small helpers that fill the defaults the schema would fill, so that a block is a complete model. */
class Builder {
  nodes: ModelNode[] = [];
  groups: ModelGroup[] = [];
  flows: ModelFlow[] = [];
  constructor(
    private at: Point,
    private newId: (prefix: string) => string,
  ) {}
  node(dx: number, dy: number, init: NodeInit): string {
    const id = this.newId("n");
    // Terminals, media and stores say nothing about their owner; outside a lane they belong to us.
    const owner = UNOWNED_KINDS.has(init.kind) && !init.owner ? { owner: { party: "self" as const } } : {};
    this.nodes.push({
      ...owner,
      id,
      position: { x: Math.round(this.at.x + dx), y: Math.round(this.at.y + dy) },
      size: sizeForLabel(init.kind, init.label),
      functions: [],
      safeguards: [],
      fileIds: [],
      ...init,
    });
    return id;
  }
  flow(init: FlowInit): string {
    const id = this.newId("f");
    this.flows.push({ id, carriesMyNumber: null, legalBasis: [], safeguards: [], fileIds: [], ...init });
    return id;
  }
  /** A boundary drawn around the given nodes. */
  boundary(kind: BoundaryKind, label: string, members: string[]): string {
    const id = this.newId("g");
    const rects = this.nodes
      .filter((n) => members.includes(n.id))
      .map((n) => ({ ...n.position, ...(n.size ?? { width: 150, height: 60 }) }));
    const x0 = Math.min(...rects.map((r) => r.x)) - 20;
    const y0 = Math.min(...rects.map((r) => r.y)) - 34;
    const x1 = Math.max(...rects.map((r) => r.x + r.width)) + 20;
    const y1 = Math.max(...rects.map((r) => r.y + r.height)) + 20;
    this.groups.push({
      id,
      type: "boundary",
      boundaryKind: kind,
      label,
      position: { x: x0, y: y0 },
      size: { width: x1 - x0, height: y1 - y0 },
    });
    for (const n of this.nodes) if (members.includes(n.id)) n.groupId = id;
    return id;
  }
  parts(delegations?: Delegation[]): BlockParts {
    return { nodes: this.nodes, groups: this.groups, flows: this.flows, ...(delegations ? { delegations } : {}) };
  }
}

const STEP_X = 260;

export const BLOCKS: BuildingBlock[] = [
  {
    id: "network_linkage",
    ja: "情報連携（宛名システム → 中間サーバー → 情報提供NW）",
    en: "Network linkage (atena → intermediate server → provision network)",
    descriptionJa:
      "団体内統合宛名システム、中間サーバー・プラットフォーム上の中間サーバー、情報提供ネットワークシステムと、情報照会の往復。",
    descriptionEn:
      "Address system, the intermediate server on its platform, the information provision network, and an inquiry round trip.",
    make(at, newId) {
      const b = new Builder(at, newId);
      const atena = b.node(0, 40, { kind: "system_own", label: "団体内統合宛名システム", systemRole: "atena" });
      const middle = b.node(STEP_X, 40, {
        kind: "system_own",
        label: "中間サーバー",
        systemRole: "middle_server",
        owner: { party: "self" },
        note: "中間サーバー・プラットフォーム上にあるが、特定個人情報の管理は地方公共団体が行う。",
      });
      const ipn = b.node(2 * STEP_X + 40, 40, {
        kind: "system_external",
        label: "情報提供ネットワークシステム",
        systemRole: "info_provision_network",
        owner: { party: "external", name: "内閣総理大臣", bodyType: "national" },
      });
      b.boundary("middle_server_platform", "中間サーバー・プラットフォーム", [middle]);
      const lgwan = [sg("channel_encryption", "行政専用のネットワーク上で VPN 等により回線を分離し暗号化")];
      b.flow({
        source: atena,
        target: middle,
        data: "団体内統合宛名番号（符号の取得・紐付け）",
        carriesMyNumber: false,
        transport: "lgwan",
        safeguards: lgwan,
      });
      b.flow({
        source: middle,
        target: ipn,
        data: "情報照会",
        transport: "info_provision_network",
        phase: "network_inquiry",
        safeguards: [sg("access_control", "情報提供許可証の発行と照会許可照合リストとの照合")],
      });
      b.flow({
        source: ipn,
        target: middle,
        data: "照会結果",
        transport: "info_provision_network",
        phase: "network_inquiry",
        safeguards: [sg("encryption", "照会者の中間サーバーでしか復号できない暗号化")],
      });
      b.flow({
        source: middle,
        target: atena,
        data: "照会結果",
        transport: "lgwan",
        phase: "network_inquiry",
        safeguards: lgwan,
      });
      return b.parts();
    },
  },
  {
    id: "juki_net",
    ja: "住基ネット（既存住基 → 市町村CS → 都道府県サーバ）",
    en: "Juki-net (resident registry → municipal CS → prefectural server)",
    descriptionJa: "既存住民基本台帳システム、住基ネットの市町村CS と都道府県サーバ、本人確認情報の更新と通知。",
    descriptionEn:
      "Existing resident registry, the Juki-net CS and prefectural server, update and notice of identity data.",
    make(at, newId) {
      const b = new Builder(at, newId);
      const kizon = b.node(0, 40, {
        kind: "system_own",
        label: "既存住民基本台帳システム",
        systemRole: "existing_juki",
      });
      const cs = b.node(STEP_X, 40, {
        kind: "system_own",
        label: "市町村コミュニケーションサーバ（市町村CS）",
        systemRole: "juki_net",
      });
      const pref = b.node(2 * STEP_X, 40, {
        kind: "system_external",
        label: "都道府県サーバ",
        systemRole: "juki_net",
        owner: { party: "external", name: "都道府県知事", bodyType: "local" },
      });
      b.boundary("juki_net", "住基ネット", [cs, pref]);
      b.flow({
        source: kizon,
        target: cs,
        data: "本人確認情報の更新情報",
        carriesMyNumber: true,
        transport: "juki_net",
        safeguards: [sg("access_control", "市町村CS へのアクセスは既存住基システムに限定")],
      });
      b.flow({
        source: cs,
        target: pref,
        data: "本人確認情報の通知",
        carriesMyNumber: true,
        transport: "juki_net",
        legalBasis: [{ law: "juki_act", article: "30の6", text: "住民基本台帳法第30条の6" }],
        safeguards: [sg("authentication", "都道府県サーバとの相互認証")],
      });
      return b.parts();
    },
  },
  {
    id: "counter_intake",
    ja: "窓口受付（本人確認あり）",
    en: "Counter intake with identity check",
    descriptionJa: "本人・代理人が窓口で申請書を提出し、職員が本人確認と番号確認をして受け付け、書類を施錠保管する。",
    descriptionEn:
      "The person hands in a form at the counter; staff check identity and number, and lock the papers away.",
    make(at, newId) {
      const b = new Builder(at, newId);
      const person = b.node(0, 20, { kind: "person", label: "本人・代理人", owner: { party: "subject" } });
      const staff = b.node(STEP_X, 20, { kind: "staff", label: "窓口職員" });
      const cabinet = b.node(STEP_X, 200, {
        kind: "store",
        label: "施錠できる書庫（申請書類）",
        safeguards: [sg("locked_storage", "施錠できる書庫で保管")],
      });
      b.flow({
        source: person,
        target: staff,
        data: "申請書・届出書（個人番号を記載）、本人確認書類",
        carriesMyNumber: true,
        transport: "counter",
        safeguards: [
          sg("identity_verification", "窓口で対面により本人確認書類を確認"),
          sg("number_verification", "個人番号カード等で個人番号の真正性を確認"),
          sg("counter_partition", "窓口の間仕切り"),
        ],
      });
      b.flow({ source: staff, target: cabinet, data: "受け付けた申請書類", carriesMyNumber: true, transport: "paper" });
      return b.parts();
    },
  },
  {
    id: "online_application",
    ja: "オンライン申請（LoGoフォーム → マイナポータル → 特定通信）",
    en: "Online application (LoGo form → Mynaportal → specified route)",
    descriptionJa:
      "本人がオンラインフォームで申請し、マイナポータルに連携されたデータを、特定通信で接続できる専用端末から職員が取得する。",
    descriptionEn:
      "The person applies online; the data reaches Mynaportal and staff download it on a dedicated terminal over the specified route.",
    make(at, newId) {
      const b = new Builder(at, newId);
      const person = b.node(0, 20, { kind: "person", label: "本人", owner: { party: "subject" } });
      const form = b.node(STEP_X - 60, 20, { kind: "system_own", label: "LoGoフォーム", systemRole: "other" });
      const portal = b.node(2 * STEP_X - 40, 20, {
        kind: "system_external",
        label: "マイナポータル（申請管理）",
        systemRole: "mynaportal",
        owner: { party: "external" },
      });
      const terminal = b.node(2 * STEP_X - 20, 180, { kind: "terminal", label: "専用端末" });
      b.flow({
        source: person,
        target: form,
        data: "申請内容（マイナンバーカードで個人番号を入力）",
        carriesMyNumber: true,
        transport: "online_application",
        safeguards: [sg("identity_verification", "公的個人認証による本人確認")],
      });
      b.flow({
        source: form,
        target: portal,
        data: "提出されたデータ",
        carriesMyNumber: true,
        transport: "online_application",
        transportNote: "電子申請等 API",
      });
      b.flow({
        source: portal,
        target: terminal,
        data: "申請データのダウンロード",
        carriesMyNumber: true,
        transport: "specified_communication",
        safeguards: [
          sg("network_separation", "特定通信（経路を限定した通信）"),
          sg("multi_factor", "職員ごとのユーザID・多要素認証"),
          sg("operation_log", "ダウンロード履歴の記録"),
        ],
      });
      return b.parts();
    },
  },
  {
    id: "media_handoff",
    ja: "外部記録媒体での受け渡し",
    en: "Hand-off on removable media",
    descriptionJa: "端末から外部記録媒体に書き出し、別の端末に取り込む。暗号化・連携後の削除・台帳・施錠保管つき。",
    descriptionEn:
      "Written to removable media on one terminal and read on another; encrypted, erased after use, logged and locked away.",
    make(at, newId) {
      const b = new Builder(at, newId);
      const safeguards = [
        sg("encryption", "保存データの暗号化"),
        sg("delete_after_transfer", "連携完了後直ちに媒体のデータを削除"),
        sg("media_ledger", "使用時に台帳へ使用年月日・使用者等を記録"),
        sg("locked_storage", "媒体は施錠保管"),
      ];
      const from = b.node(0, 20, { kind: "terminal", label: "業務端末" });
      const media = b.node(STEP_X - 40, 20, { kind: "media", label: "外部記録媒体", safeguards });
      const to = b.node(2 * STEP_X - 80, 20, { kind: "terminal", label: "専用端末" });
      b.flow({ source: from, target: media, data: "連携データ", transport: "removable_media", safeguards });
      b.flow({ source: media, target: to, data: "連携データ", transport: "removable_media", safeguards });
      return b.parts();
    },
  },
  {
    id: "contractor_chain",
    ja: "委託先と再委託先",
    en: "Contractor with a subcontractor",
    descriptionJa: "委託事項と、その委託先・再委託先。提供方法と再委託の許諾方法を入力して使う。",
    descriptionEn: "A 委託事項 with its contractor and subcontractor; fill in the method and the approval of 再委託.",
    make(at, newId) {
      const b = new Builder(at, newId);
      const delegationId = newId("d");
      const contractor = b.node(0, 40, {
        kind: "contractor",
        label: "委託先（名称を入力）",
        owner: { party: "contractor" },
        delegationId,
      });
      const sub = b.node(STEP_X, 40, {
        kind: "subcontractor",
        label: "再委託先（名称を入力）",
        owner: { party: "subcontractor" },
        delegationId,
      });
      b.boundary("other", "委託事項", [contractor, sub]);
      b.flow({
        source: contractor,
        target: sub,
        data: "再委託する業務で取り扱う特定個人情報",
        delegationId,
        safeguards: [
          sg("contract_clause", "再委託は事前に書面で承認を得る（委託先と同等の契約条件）"),
          sg("audit", "委託元から再委託先への監査"),
        ],
      });
      const delegation: Delegation = {
        id: delegationId,
        name: "委託事項（名称を入力）",
        methods: [],
        subcontract: true,
        subcontractApproval: "事前に書面による承認を得る",
        declaredDepth: 1,
        fileIds: [],
      };
      return b.parts([delegation]);
    },
  },
];

export function blockById(id: string): BuildingBlock | undefined {
  return BLOCKS.find((b) => b.id === id);
}
