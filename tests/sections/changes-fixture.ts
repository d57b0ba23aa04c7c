import type { NagareDocument } from "../../src/model";
import { base, build, f, n } from "./build";

/** A 全項目 事務 with one 委託事項 and one 提供先; `edit` changes the copy that stands for the newer version. */
type Input = NonNullable<Parameters<typeof build>[0]>;
export function jimu(
  kind: "focused" | "full" = "full",
  edit: (d: NagareDocument) => void = () => {},
  more: Pick<Input, "nodes" | "flows" | "delegations"> = {},
): NagareDocument {
  const doc = build({
    kind,
    meta: { publishedOn: "2024-04-01" } as never,
    nodes: [
      ...base(),
      n("c", "contractor", "株式会社A", { delegationId: "d1" }),
      n("k", "agency", "国保連合会", { owner: { party: "external", bodyType: "other", name: "国保連合会" } }),
      ...(more.nodes ?? []),
    ].map((x, i) => ({ ...x, position: { x: 0, y: 80 * i } })),
    flows: [
      f("a", "person", "staff", { step: "①", sentence: "申請を受け付ける。", transport: "paper" }),
      f("b", "staff", "sys", { step: "②", sentence: "登録する。", transport: "in_system" }),
      f("c1", "sys", "c", {
        step: "③",
        sentence: "入力を委託する。",
        transport: "removable_media",
        delegationId: "d1",
      }),
      f("p", "sys", "k", { step: "④", sentence: "提供する。", transport: "removable_media", provisionId: "p1" }),
      ...(more.flows ?? []),
    ],
    delegations: [
      { id: "d1", name: "入力業務", contractorName: "株式会社A", content: "データ入力", subcontract: false },
      ...(more.delegations ?? []),
    ],
    provisions: [{ id: "p1", kind: "provision", recipient: "国保連合会", information: "受給者情報" }],
  });
  const copy = structuredClone(doc);
  edit(copy);
  return copy;
}
