import type { TransportId } from "../../model";
import { TRANSPORTS } from "../../model";
import type { FlowFacts } from "../context";
import { defineRule } from "../rule";
import { clampLevel } from "../severity";
import { flowHit, methodRisk, onFlow } from "./shared";

const NAMED_ROUTES: ReadonlySet<TransportId> = new Set<TransportId>(["specified_communication"]);

function fromInternetSide(f: FlowFacts): boolean {
  if (f.source.boundaries.includes("internet_segment")) return true;
  const t = f.flow.transport;
  return t !== undefined && TRANSPORTS[t].props.publicNetwork;
}

export const internetIntoMynumberSegment = defineRule({
  id: "internet-into-mynumber-segment",
  title: {
    ja: "インターネット側から個人番号利用事務系への直接の流れ",
    en: "Direct flow from the internet side into the My Number segment",
  },
  explanation: {
    ja: "インターネット接続系（またはインターネット経由の通信）から個人番号利用事務系へ、評価書が示す経路（特定通信、無害化・中継のNW機器）を通らずに入る流れ。",
    en: "A flow enters the My Number segment from the internet side without a named route (特定通信 or a relaying network device).",
  },
  why: {
    ja: "個人番号利用事務系はインターネットから分離すること（三層分離）が前提です。直接の経路はマルウェアや不正アクセスの入口になります。",
    en: "The My Number segment must be separated from the internet (three-tier separation); a direct path is an entry for malware and intrusion.",
  },
  mitigation: {
    ja: "特定通信（LGWAN-ASP 経由）を使うか、無害化・中継を行う NW 機器を経由させ、図にその機器を描く。",
    en: "Use 特定通信 or route through a sanitising/relaying network device and draw that device.",
  },
  phase: "acquisition",
  riskId: "III.2.risk2",
  category: "risk",
  excludedBy: [],
  falsePositives: {
    ja: "中継機器が図に描かれていないだけの場合（NW機器ノードを間に描けば消えます）。",
    en: "The relaying device exists but is not drawn (draw a network-device node in between).",
  },
  checkFlow: (f, _ctx, emit) => {
    if (!f.target.boundaries.includes("mynumber_segment") || f.source.boundaries.includes("mynumber_segment")) return;
    if (!fromInternetSide(f)) return;
    if (f.flow.transport && NAMED_ROUTES.has(f.flow.transport)) return;
    if (f.source.node.kind === "network_device" || f.target.node.kind === "network_device") return;
    emit(
      flowHit(
        f,
        onFlow(
          f,
          "がインターネット側から個人番号利用事務系へ、特定通信や中継機器を通らずに入ります",
          "enters the My Number segment from the internet side without 特定通信 or a relaying device",
        ),
        { riskId: methodRisk(f.phase), likelihood: clampLevel(Math.max(f.likelihood, 3)) },
      ),
    );
  },
});
