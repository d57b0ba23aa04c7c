import type { CliCommand } from "../command";
import { classifyCommand } from "./classify";
import { diagramCommand } from "./diagram";
import { lintCommand } from "./lint";
import { reportCommand } from "./report";
import { reviewCommand } from "./review";
import { schemaCommand } from "./schema";
import { validateCommand } from "./validate";

/** Every subcommand; add one line per new command. */
export const COMMANDS: CliCommand[] = [
  schemaCommand,
  validateCommand,
  classifyCommand,
  lintCommand,
  diagramCommand,
  reportCommand,
  reviewCommand,
];
