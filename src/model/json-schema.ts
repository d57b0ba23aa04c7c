import { z } from "zod";
import { documentSchema } from "./schema";

/** The JSON Schema of `*.nagare.json`, generated from the zod schema (input shape: defaults are optional). */
export function documentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(documentSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    ...schema,
    title: "Nagare assessment model (*.nagare.json)",
  };
}
