import type { ModelFlow, ModelNode, Party } from "../model";
import type { GraphIndex } from "./graph-index";
import { resolveParty } from "./parties";

/**
 * Routes are the way data travels, never a 提供先 or 移転先: the 情報提供ネットワークシステム, the 中間サーバー,
 * the 団体内統合宛名システム, the 庁内連携システム, the body's own 住基ネット equipment and network devices. The
 * recipient of a network provision is the 情報照会者 behind the network; a 移転 goes to another 事務 of the
 * same body. (An other body's 住基ネット server, e.g. the 都道府県サーバ, stands for that body and is not a route.)
 */

const ROUTE_ROLES = new Set(["info_provision_network", "middle_server", "atena", "intra_linkage"]);
const OWN_SIDE: ReadonlySet<Party> = new Set<Party>(["self", "self_department", "contractor", "subcontractor"]);

export const isNetworkNode = (n: ModelNode | undefined): boolean => n?.systemRole === "info_provision_network";

export function isRouteNode(index: GraphIndex, n: ModelNode | undefined): boolean {
  if (!n) return false;
  if (n.kind === "network_device") return true;
  if (n.systemRole && ROUTE_ROLES.has(n.systemRole)) return true;
  if (n.systemRole === "juki_net") {
    const p = resolveParty(index, n).party;
    return p !== null && OWN_SIDE.has(p);
  }
  return false;
}

/** A flow over the 情報提供ネットワークシステム: by its transport, or because one end is the network itself. */
export function isNetworkFlowIn(index: GraphIndex, flow: ModelFlow): boolean {
  return (
    flow.transport === "info_provision_network" ||
    isNetworkNode(index.nodes.get(flow.source)) ||
    isNetworkNode(index.nodes.get(flow.target))
  );
}

/** Another body on the far side of the network (not ours, not the data subject, not the network). */
export const isOtherBody = (p: Party | null) => p === "external" || p === "self_other_organ";

export type NetworkExchange = "provision" | "inquiry" | null;

/**
 * What a body does at the network: a body that only receives from the network is a 情報照会者 we provide to;
 * one that only sends into it answers our 照会. One that does both is drawn as a request and an answer, and
 * the drawing does not tell who asked: null.
 */
export function bodyRoleAt(index: GraphIndex, networkId: string, bodyId: string): NetworkExchange {
  const receives = (index.outgoing.get(networkId) ?? []).some((f) => f.target === bodyId);
  const sends = (index.incoming.get(networkId) ?? []).some((f) => f.source === bodyId);
  if (receives && !sends) return "provision";
  if (sends && !receives) return "inquiry";
  return null;
}

/**
 * What the exchanges at one network node are, from the bodies drawn around it: all of them provision
 * recipients, all of them inquiry partners, or mixed / none drawn (null: a person decides).
 */
export function exchangeAt(index: GraphIndex, networkId: string): NetworkExchange {
  const bodies = new Set<string>();
  for (const f of index.outgoing.get(networkId) ?? []) bodies.add(f.target);
  for (const f of index.incoming.get(networkId) ?? []) bodies.add(f.source);
  let kind: NetworkExchange | undefined;
  for (const id of bodies) {
    const n = index.nodes.get(id);
    if (!n || isNetworkNode(n) || !isOtherBody(resolveParty(index, n).party)) continue;
    const role = bodyRoleAt(index, networkId, id);
    if (role === null) return null;
    if (kind !== undefined && kind !== role) return null;
    kind = role;
  }
  return kind ?? null;
}
