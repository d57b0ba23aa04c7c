import type { Point } from "../document/geometry";

/**
 * What each participant shares through awareness (never through the document): who they are, where their
 * pointer is (flow coordinates), what they have selected and their viewport (for "follow").
 */
export interface PresenceState {
  user: { name: string; color: string };
  cursor?: Point | null;
  selection?: string[];
  viewport?: { x: number; y: number; zoom: number };
}

export interface Participant extends PresenceState {
  clientId: number;
  self: boolean;
}

/** Minimal awareness interface (y-protocols Awareness) so that tests can pass a stand-in. */
export interface AwarenessLike {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  getLocalState(): Record<string, unknown> | null;
  setLocalStateField(field: string, value: unknown): void;
  on(event: "change", cb: () => void): void;
  off(event: "change", cb: () => void): void;
}

export const PRESENCE_COLORS = ["#d9480f", "#1971c2", "#2f9e44", "#9c36b5", "#e8590c", "#0c8599", "#c2255c", "#5f3dc4"];

const NAME_KEY = "nagare.user.name";
const COLOR_KEY = "nagare.user.color";

export function savedIdentity(): { name: string; color: string } | null {
  if (typeof localStorage === "undefined") return null;
  const name = localStorage.getItem(NAME_KEY);
  const color = localStorage.getItem(COLOR_KEY);
  return name ? { name, color: color ?? PRESENCE_COLORS[0]! } : null;
}

export function saveIdentity(id: { name: string; color: string }): void {
  localStorage.setItem(NAME_KEY, id.name.slice(0, 40));
  localStorage.setItem(COLOR_KEY, id.color);
}

export function participants(aw: AwarenessLike): Participant[] {
  const out: Participant[] = [];
  for (const [clientId, st] of aw.getStates()) {
    const user = st.user as PresenceState["user"] | undefined;
    if (!user || typeof user.name !== "string") continue;
    out.push({ ...(st as unknown as PresenceState), user, clientId, self: clientId === aw.clientID });
  }
  return out.sort((a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name));
}

/** Which other participants have each element selected. */
export function remoteSelections(list: Participant[]): Map<string, { name: string; color: string }[]> {
  const out = new Map<string, { name: string; color: string }[]>();
  for (const p of list) {
    if (p.self) continue;
    for (const id of p.selection ?? []) {
      const arr = out.get(id) ?? [];
      arr.push(p.user);
      out.set(id, arr);
    }
  }
  return out;
}
