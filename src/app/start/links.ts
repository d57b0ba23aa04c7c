import type { Role } from "../api/client";

/**
 * The document links this browser holds. There are no accounts: a link is the access, so the start page
 * lists what is kept here (localStorage). The editor may call `rememberLink` when a link is opened.
 */
export interface StoredLink {
  id: string;
  token: string;
  role: Role;
  addedAt: number;
}

const KEY = "nagare.links";
const MAX = 500;

export function loadLinks(storage: Storage = localStorage): StoredLink[] {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? "[]");
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (l): l is StoredLink =>
        typeof l?.id === "string" && typeof l?.token === "string" && ["owner", "edit", "view"].includes(l?.role),
    );
  } catch {
    return [];
  }
}

function save(links: StoredLink[], storage: Storage): void {
  storage.setItem(KEY, JSON.stringify(links.slice(0, MAX)));
}

/** Adds or updates a link; a stronger role for the same document replaces a weaker one. */
export function rememberLink(link: { id: string; token: string; role: Role }, storage: Storage = localStorage): void {
  const rank = { view: 1, review: 2, edit: 3, owner: 4 } as const;
  const links = loadLinks(storage);
  const existing = links.find((l) => l.id === link.id);
  if (existing && rank[existing.role] > rank[link.role]) return;
  save([{ ...link, addedAt: Date.now() }, ...links.filter((l) => l.id !== link.id)], storage);
}

export function forgetLink(id: string, storage: Storage = localStorage): void {
  save(
    loadLinks(storage).filter((l) => l.id !== id),
    storage,
  );
}

/** Reads a pasted document link (`…/d/<id>#t=<token>[&role=…]`). */
export function parseLink(text: string): { id: string; token: string; role: Role } | null {
  let url: URL;
  try {
    url = new URL(text.trim(), "http://localhost");
  } catch {
    return null;
  }
  const m = /^\/d\/([A-Za-z0-9_-]{1,64})\/?$/.exec(url.pathname);
  const params = new URLSearchParams(url.hash.replace(/^#/, ""));
  const token = params.get("t");
  if (!m || !token) return null;
  const role = params.get("role");
  return { id: m[1] as string, token, role: role === "owner" || role === "view" || role === "review" ? role : "edit" };
}

export function editorHref(link: { id: string; token: string; role: Role }): string {
  return `/d/${link.id}#t=${link.token}${link.role === "edit" ? "" : `&role=${link.role}`}`;
}
