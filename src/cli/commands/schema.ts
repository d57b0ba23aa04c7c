import { documentJsonSchema } from "../../model/json-schema";
import type { CliCommand } from "../command";

export const schemaCommand: CliCommand = {
  name: "schema",
  summary: { ja: "*.nagare.json の JSON Schema を出力", en: "print the JSON Schema of *.nagare.json" },
  usage: "schema",
  run: (_args, io) => {
    io.out(`${JSON.stringify(documentJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
