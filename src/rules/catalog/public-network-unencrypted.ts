import { TRANSPORTS } from "../../model";
import { defineRule } from "../rule";
import { flowHit, methodRisk, onFlow } from "./shared";

export const publicNetworkUnencrypted = defineRule({
  id: "public-network-unencrypted",
  title: { ja: "暗号化されない公衆網の通信", en: "Unencrypted traffic over a public network" },
  explanation: {
    ja: "インターネットなどの公衆網を通る流れに、通信の暗号化がない（電子メールは別の規則で扱う）。",
    en: "A flow crosses the internet or another public network without encryption (email has its own rules).",
  },
  why: {
    ja: "公衆網では通信を第三者が傍受・改ざんできます。閉域網と違い、経路の安全を前提にできません。",
    en: "On a public network traffic can be intercepted or altered; the route itself cannot be trusted.",
  },
  mitigation: {
    ja: "TLS・VPN などで通信を暗号化するか、LGWAN・専用線に切り替える。「通信の暗号化」を設定する。",
    en: "Encrypt the channel (TLS, VPN) or move to LGWAN or a dedicated line; add channel encryption.",
  },
  phase: "provision",
  riskId: "III.5.risk2",
  category: "risk",
  excludedBy: [["channel_encryption"], ["encryption"]],
  falsePositives: {
    ja: "FAX・電話は暗号化できないため、特定個人情報を送らない運用なら「対象外」とする。",
    en: "Fax and phone cannot be encrypted; mark not applicable when no 特定個人情報 is sent that way.",
  },
  checkFlow: (f, _ctx, emit) => {
    const t = f.flow.transport;
    if (!t || t === "internet_email") return;
    const fromInternetZone =
      f.source.boundaries.includes("internet_segment") !== f.target.boundaries.includes("internet_segment");
    const props = TRANSPORTS[t].props;
    const publicRoute = props.publicNetwork || (fromInternetZone && !props.physical && !props.closedNetwork);
    if (!publicRoute || props.encryptedByDefault) return;
    emit(
      flowHit(
        f,
        onFlow(
          f,
          `が暗号化なしで公衆網（${TRANSPORTS[t].ja}）を通ります`,
          `crosses a public network (${TRANSPORTS[t].en}) unencrypted`,
        ),
        { riskId: methodRisk(f.phase) },
      ),
    );
  },
});
