/**
 * The owner key this browser uses (see server/README.md, "Owner keys"). Kept in localStorage like the
 * links; the user copies it (or its link `/#k=KEY`) to another device to see the same list there.
 */
const STORE = "nagare.ownerKey";
const KEY_TEXT = /^[A-Za-z0-9_-]{43}$/;

export function loadOwnerKey(storage: Storage = localStorage): string | null {
  try {
    const k = storage.getItem(STORE);
    return k && KEY_TEXT.test(k) ? k : null;
  } catch {
    return null;
  }
}

export function saveOwnerKey(key: string, storage: Storage = localStorage): void {
  storage.setItem(STORE, key);
}

export function forgetOwnerKey(storage: Storage = localStorage): void {
  storage.removeItem(STORE);
}

/** Reads a pasted key: the key itself or its link (`https://…/#k=KEY`). */
export function parseOwnerKey(text: string): string | null {
  const t = text.trim();
  if (KEY_TEXT.test(t)) return t;
  const hash = t.includes("#") ? t.slice(t.indexOf("#") + 1) : "";
  const k = new URLSearchParams(hash).get("k");
  return k && KEY_TEXT.test(k) ? k : null;
}

/** The link that opens the start page with this key on another device (the key stays in the fragment). */
export function ownerKeyLink(key: string, origin: string = window.location.origin): string {
  return `${origin}/#k=${key}`;
}

/** Takes a key from the address (`/#k=KEY`) once, and removes it from the address bar and history. */
export function takeOwnerKeyFromLocation(loc: Location = window.location): string | null {
  const key = parseOwnerKey(loc.href);
  if (key) window.history.replaceState(null, "", loc.pathname + loc.search);
  return key;
}
