import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocumentText } from "../../src/model";
import { type FilledItem, findItem, generateSections } from "../../src/sections";
import { build, f, n } from "./build";

/**
 * Ⅱ3① 入手元 of information obtained through the 情報提供ネットワークシステム is the body queried (情報照会先),
 * not the network (内閣総理大臣) nor the 中間サーバー the answer passes through.
 */

const checked = (it: FilledItem | undefined) =>
  (it?.checks ?? []).filter((c) => c.checked).map((c) => (c.detail ? `${c.label}(${c.detail})` : c.label));

const network = () => [
  n("sys", "system_own", "業務システム", { fileIds: ["F"] }),
  n("mid", "system_own", "中間サーバー", { systemRole: "middle_server" }),
  n("ipn", "system_external", "情報提供ネットワークシステム", {
    systemRole: "info_provision_network",
    owner: { party: "external", name: "内閣総理大臣", bodyType: "national" },
  }),
];
const answerHops = () => [
  f("q", "mid", "ipn", { phase: "network_inquiry", transport: "info_provision_network" }),
  f("a", "ipn", "mid", { phase: "network_inquiry", transport: "info_provision_network" }),
  f("b", "mid", "sys", { phase: "network_inquiry", transport: "lgwan" }),
];

const sourcesOf = (doc: ReturnType<typeof build>) => findItem(generateSections(doc).items, "II.file:F.3.1");

describe("入手元 of network inquiries", () => {
  it("lists the 情報照会先 connected to the network by their kind of body", () => {
    const it = sourcesOf(
      build({
        nodes: [
          ...network(),
          n("ins", "agency", "医療保険者", {
            owner: { party: "external", name: "各医療保険者", bodyType: "national" },
          }),
          n("muni", "agency", "他市町村", { owner: { party: "external", name: "各市町村", bodyType: "local" } }),
        ],
        flows: [
          ...answerHops(),
          f("fw", "ipn", "ins", { phase: "network_inquiry" }),
          f("r1", "ins", "ipn", { phase: "network_inquiry" }),
          f("r2", "muni", "ipn", { phase: "network_inquiry" }),
        ],
      }),
    );
    expect(checked(it)).toEqual(["行政機関・独立行政法人等(各医療保険者)", "地方公共団体・地方独立行政法人(各市町村)"]);
    expect(it?.state).toBe("graph");
  });

  it("names a 照会先 whose kind of body is not set", () => {
    const it = sourcesOf(
      build({
        nodes: [...network(), n("x", "agency", "年金機構")],
        flows: [...answerHops(), f("r", "x", "ipn", { phase: "network_inquiry" })],
      }),
    );
    expect(it?.state).toBe("missing");
    expect(it?.note?.ja).toContain("情報照会先の団体の種類");
    expect(it?.note?.ja).toContain("年金機構");
    expect(checked(it)).not.toContain("行政機関・独立行政法人等(内閣総理大臣)");
  });

  it("asks for the 照会先 when none is drawn behind the network", () => {
    const it = sourcesOf(build({ nodes: network(), flows: answerHops() }));
    expect(it?.state).toBe("missing");
    expect(checked(it)).toEqual([]);
    expect(it?.note?.ja).toContain("情報照会先が描かれていません");
    expect(it?.note?.en).toContain("not drawn");
  });

  it("does not take the bodies asking this 事務 (network provision) as sources", () => {
    const it = sourcesOf(
      build({
        nodes: [
          ...network(),
          n("req", "agency", "照会機関", { owner: { party: "external", name: "照会機関", bodyType: "local" } }),
          n("ins", "agency", "医療保険者", {
            owner: { party: "external", name: "各医療保険者", bodyType: "national" },
          }),
        ],
        flows: [
          ...answerHops(),
          f("r", "ins", "ipn", { phase: "network_inquiry" }),
          f("p1", "req", "ipn", { phase: "network_provision" }),
          f("p2", "sys", "mid", { phase: "network_provision" }),
        ],
      }),
    );
    expect(checked(it)).toEqual(["行政機関・独立行政法人等(各医療保険者)"]);
  });

  // 003 Ⅱ3①: 行政機関・独立行政法人等 (各医療保険者), 地方公共団体・地方独立行政法人 (各市町村、地方公共団体システム機構).
  const toyonaka = path.resolve(import.meta.dirname, "../../templates/toyonaka-kodomo-iryohi.nagare.json");
  it("豊中市 子ども医療費: the network bodies match the seed's Ⅱ3①", () => {
    const r = loadDocumentText(fs.readFileSync(toyonaka, "utf8"));
    if (!r.ok) throw new Error("template does not load");
    const it = findItem(generateSections(r.doc).items, "II.file:file1.3.1");
    const labels = checked(it);
    expect(labels).toContain("行政機関・独立行政法人等(各医療保険者)");
    expect(labels.find((l) => l.startsWith("地方公共団体"))).toMatch(/各市町村/);
    expect(labels.join()).not.toContain("内閣総理大臣");
  });
});
