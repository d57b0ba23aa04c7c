import fs from "node:fs";
import { formatProblem, loadDocumentText, loadProfileText, type NagareDocument, type OrgProfile } from "../model";
import type { CliIo } from "./command";

/**
 * Reads and validates a `*.nagare.json` for a command. On failure it writes why to stderr (the file that
 * cannot be read, or every problem with its path, in Japanese and English) and returns null; the command
 * then exits 2. `refusal` is the command's own first line for an invalid file.
 */
export function loadModelFile(file: string, io: CliIo, refusal: (problems: number) => string): NagareDocument | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    io.err(`${file}: 読めません / cannot read (${e instanceof Error ? e.message : e})\n`);
    return null;
  }
  const loaded = loadDocumentText(text);
  if (loaded.ok) return loaded.doc;
  io.err(`${file}: ${refusal(loaded.problems.length)}\n`);
  for (const p of loaded.problems) io.err(`  - ${formatProblem(p)}\n`);
  return null;
}

/** Reads and validates an organisation profile (`--profile`), reporting like loadModelFile. */
export function loadProfileFile(file: string, io: CliIo): OrgProfile | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    io.err(`${file}: 読めません / cannot read (${e instanceof Error ? e.message : e})\n`);
    return null;
  }
  const loaded = loadProfileText(text);
  if (loaded.ok) return loaded.profile;
  io.err(
    `${file}: 団体の共通回答に ${loaded.problems.length} 件の問題があるため出力しません / ${loaded.problems.length} problem(s) in the organisation profile, nothing written\n`,
  );
  for (const p of loaded.problems) io.err(`  - ${formatProblem(p)}\n`);
  return null;
}
