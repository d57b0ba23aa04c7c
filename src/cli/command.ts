/** A CLI subcommand: `npm run -s cli -- NAME ...args`. Returns the exit status. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface CliCommand {
  name: string;
  summary: { ja: string; en: string };
  usage: string;
  run: (args: string[], io: CliIo) => Promise<number> | number;
}
