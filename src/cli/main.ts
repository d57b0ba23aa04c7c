import type { CliIo } from "./command";
import { COMMANDS } from "./commands";

/** `npm run -s cli -- COMMAND ...`: the same model, rules and renderers as the app, without a browser. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(40)} ${c.summary.ja} / ${c.summary.en}`);
    const head = name && name !== "help" && name !== "--help" ? `不明なコマンド / unknown command: ${name}\n` : "";
    (head ? io.err : io.out)(`${head}Nagare CLI\n${lines.join("\n")}\n`);
    return head ? 2 : 0;
  }
  try {
    return await cmd.run(args, io);
  } catch (e) {
    io.err(`エラー / error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** Runs the command line on this process's arguments and sets its exit code. */
export function runCliProcess(): void {
  runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}

// `tsx src/cli/main.ts …` from source; the compiled command line starts from bin.ts.
const isMain = process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) runCliProcess();
