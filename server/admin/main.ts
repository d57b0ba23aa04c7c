import fs from "node:fs";
import path from "node:path";
import { configFromEnv, type ServerConfig } from "../config";
import { StartupError } from "../db";
import { openStore } from "../store/open";
import { type AdminCommand, type AdminIo, UsageError } from "./command";
import { auditCommand } from "./commands/audit";
import { backupCommand } from "./commands/backup";
import { exportAllCommand } from "./commands/export-all";
import { listCommand } from "./commands/list";
import { newOwnerLinkCommand } from "./commands/owner-link";
import { deleteTemplateCommand, templatesCommand } from "./commands/templates";

/**
 * `npm run -s admin -- COMMAND …`: the operator's commands, run on the server machine against the same
 * DATA_DIR (and settings) as the server — also while it runs: SQLite lets a second process read and
 * write beside it, and the server keeps nothing that these commands change in memory.
 */
export const ADMIN_COMMANDS: AdminCommand[] = [
  listCommand,
  newOwnerLinkCommand,
  exportAllCommand,
  backupCommand,
  auditCommand,
  templatesCommand,
  deleteTemplateCommand,
];

function help(): string {
  const lines = ADMIN_COMMANDS.map((c) => `  ${c.usage.padEnd(44)} ${c.summary.ja} / ${c.summary.en}`);
  return `Nagare 管理コマンド / admin commands (DATA_DIR=${process.env.DATA_DIR ?? "data"})\n${lines.join("\n")}\n`;
}

export async function runAdmin(
  argv: string[],
  io: AdminIo,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now,
): Promise<number> {
  const [name, ...args] = argv;
  const cmd = ADMIN_COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    if (name && name !== "help" && name !== "--help") {
      io.err(`不明なコマンド / unknown command: ${name}\n${help()}`);
      return 2;
    }
    io.out(help());
    return 0;
  }
  let config: ServerConfig;
  try {
    config = configFromEnv(env);
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  // The operator names an existing data directory; a mistyped one must not become a new, empty one.
  const file = path.join(config.dataDir, "nagare.sqlite");
  if (!env.DATABASE_URL && !fs.existsSync(file)) {
    io.err(
      `データベースがありません（${file}）。DATA_DIR にサーバーと同じフォルダを指定してください\n` +
        `no database at ${file}; set DATA_DIR to the server's data directory\n`,
    );
    return 1;
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(config);
  } catch (e) {
    if (e instanceof StartupError) io.err(`${e.ja}\n${e.en}\n${e.detail ? `  (${e.detail})\n` : ""}`);
    else io.err(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  try {
    return await cmd.run(args, { store, config, io, now });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n使い方 / usage: ${cmd.usage}\n`);
      return 2;
    }
    io.err(`エラー / error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export function runAdminProcess(): void {
  runAdmin(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}
