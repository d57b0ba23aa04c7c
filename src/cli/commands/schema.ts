import { documentJsonSchema } from "../../model/json-schema";
import { profileJsonSchema } from "../../model/profile";
import type { CliCommand } from "../command";

export const schemaCommand: CliCommand = {
  name: "schema",
  summary: {
    ja: "*.nagare.json（--profile で団体の共通回答）の JSON Schema を出力",
    en: "print the JSON Schema of *.nagare.json (--profile: of an organisation profile)",
  },
  usage: "schema [--profile]",
  run: (args, io) => {
    if (args.length > 1 || (args[0] !== undefined && args[0] !== "--profile")) {
      io.err("使い方 / usage: schema [--profile]\n");
      return 2;
    }
    io.out(`${JSON.stringify(args[0] ? profileJsonSchema() : documentJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
