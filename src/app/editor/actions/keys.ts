/**
 * Keyboard shortcuts written as "Mod+Shift+Z": modifiers (Mod = Ctrl or ⌘, Shift, Alt) and one key. Digits
 * match by physical key, so "Shift+1" works on Japanese and US layouts alike; "?" matches whatever modifier
 * produces it.
 */

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

interface Parsed {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parse(spec: string): Parsed {
  const parts = spec.split("+");
  const key = parts.pop() || "+";
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return { mod: mods.has("mod"), shift: mods.has("shift"), alt: mods.has("alt"), key };
}

export function matchesKey(e: KeyboardEvent, spec: string): boolean {
  const p = parse(spec);
  const mod = e.ctrlKey || e.metaKey;
  if (p.mod !== mod || p.alt !== e.altKey) return false;
  if (p.key === "?") return e.key === "?";
  if (p.shift !== e.shiftKey) return false;
  if (/^[0-9]$/.test(p.key)) return e.code === `Digit${p.key}`;
  return e.key.toLowerCase() === p.key.toLowerCase();
}

const NAMES: Record<string, string> = {
  ArrowLeft: "←",
  ArrowRight: "→",
  ArrowUp: "↑",
  ArrowDown: "↓",
  Escape: "Esc",
};

/** How a shortcut is written on screen: "Ctrl+Shift+Z" (or "⌘+Shift+Z" on a Mac). */
export function keyLabel(spec: string): string {
  return spec
    .split("+")
    .map((k) => (k === "Mod" ? (isMac() ? "⌘" : "Ctrl") : (NAMES[k] ?? (k.length === 1 ? k.toUpperCase() : k))))
    .join("+");
}

/** The value of aria-keyshortcuts ("Control+Shift+Z"). */
export function ariaKeys(keys: readonly string[] | undefined): string | undefined {
  if (!keys?.length) return undefined;
  return keys.map((k) => k.replace("Mod", isMac() ? "Meta" : "Control")).join(" ");
}
