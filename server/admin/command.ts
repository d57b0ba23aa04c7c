import type { ServerConfig } from "../config";
import type { Store } from "../store/store";

/** An operator's command: `npm run -s admin -- NAME …`, run on the server machine against DATA_DIR. */
export interface AdminIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface AdminContext {
  store: Store;
  config: ServerConfig;
  io: AdminIo;
  /** Now, for the audit log and file names (tests fix it). */
  now: () => number;
}

export interface AdminCommand {
  name: string;
  usage: string;
  summary: { ja: string; en: string };
  run: (args: string[], ctx: AdminContext) => Promise<number>;
}

/** A usage error: printed with the command's usage, exit status 2. */
export class UsageError extends Error {}

/** Splits `--name value` options (and `--flag`) from positional arguments. */
export function parseArgs(
  args: string[],
  valued: string[],
  flags: string[] = [],
): { positional: string[]; options: Record<string, string>; set: Set<string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const set = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const name = a.slice(2);
    if (flags.includes(name)) set.add(name);
    else if (valued.includes(name)) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} に値がありません / ${a} needs a value`);
      options[name] = v;
    } else throw new UsageError(`不明なオプション / unknown option: ${a}`);
  }
  return { positional, options, set };
}

/** Local date and time with its offset, as an operator reads it (e.g. 2026-12-04T18:20:05+09:00). */
export function localTime(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const p = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");
  const sign = off >= 0 ? "+" : "-";
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(
    d.getSeconds(),
  )}${sign}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
}

/** `YYYY-MM-DD` (local midnight) or a full ISO time. */
export function parseDate(text: string, option: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime() : Date.parse(text);
  if (!Number.isFinite(ms))
    throw new UsageError(
      `--${option} の日付が読めません（例: 2026-04-01）/ cannot read the date of --${option} (e.g. 2026-04-01): ${text}`,
    );
  return ms;
}
