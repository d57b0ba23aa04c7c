import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { serializeDocument } from "../../src/model";
import { collection } from "../../src/sync/doc-shape";
import { api, connectClient, synced, waitFor } from "../server/support";
import { liveServer } from "../support/live";
import { postRender } from "../support/render";
import { jimu } from "./changes-fixture";

/**
 * The 変更箇所 of a revision, end to end: a document on the real server, two named versions saved through the
 * API with an edit over WebSocket in between (a flow's transport, the 委託先), and the 評価書 rendered by the
 * server against the earlier version, as Word and Markdown.
 */
const env = liveServer();

describe("変更箇所 between two saved versions", () => {
  it("lists exactly the items the edit changed, 事前 and 要確認 where the 様式 marks ※", async () => {
    const url = env.server.url;
    const imported = await api(url, "/api/documents/import", { raw: serializeDocument(jimu()) });
    expect(imported.status).toBe(201);
    const { id, token } = imported.body as { id: string; token: string };
    const v1 = await api(url, `/api/documents/${id}/versions`, { token, body: { name: "公表版 2024" } });
    expect(v1.status).toBe(201);

    const a = connectClient(url, id, token);
    const b = connectClient(url, id, token);
    await synced(a, b);
    a.ydoc.transact(() => {
      (collection(a.ydoc, "flows").get("a") as Y.Map<unknown>).set("transport", "online_application");
      (collection(a.ydoc, "nodes").get("c") as Y.Map<unknown>).set("label", "株式会社B");
      (collection(a.ydoc, "delegations").get("d1") as Y.Map<unknown>).set("contractorName", "株式会社B");
    });
    // The server relays an edit only once it is stored.
    const seen = () => (collection(b.ydoc, "delegations").get("d1") as Y.Map<unknown>).get("contractorName");
    await waitFor(() => seen() === "株式会社B", 10_000, "the edit at the second client");
    const v2 = await api(url, `/api/documents/${id}/versions`, { token, body: { name: "改訂版 2025" } });
    expect(v2.status).toBe(201);
    a.close();
    b.close();

    const model = async (vid: string) =>
      (await api(url, `/api/documents/${id}/versions/${vid}/model`, { token })).body.model;
    const body = JSON.stringify({
      model: await model(v2.body.id),
      since: await model(v1.body.id),
      sinceName: "公表版 2024",
      changedOn: "2025-04-01",
    });
    const link = { id, token };

    const md = await (await postRender(env.server, link, "report", "format=md", body)).text();
    const table = md
      .split("\n")
      .filter((l) => l.startsWith("| 令和7年4月1日 |"))
      .map((l) => l.split(" | ").map((c) => c.replace(/^\| |\s\|$/g, "")));
    expect(table.map((r) => r[1])).toEqual(["(別添1) 事務の内容（図）", "Ⅱ-3-② 入手方法", "Ⅱ-4-委託事項1-⑥ 委託先名"]);
    const [figure, method, contractor] = table;
    expect(figure?.[2]).toContain("株式会社A：名称 株式会社A");
    expect(figure?.[3]).toContain("① 申請者 → 窓口職員：手段 オンライン申請・API（暗号化通信）");
    // 別添1 details Ⅰ1② 事務の内容 ※: 事前, for a person to confirm.
    expect(figure?.[4]).toBe("事前【要確認】");
    expect(method?.slice(2, 5)).toEqual([
      "☑ 紙　☐ その他",
      "☐ 紙　☑ その他 (オンライン申請・API（暗号化通信）)",
      "事後",
    ]);
    expect(contractor?.slice(2, 5)).toEqual(["株式会社A", "株式会社B", "事後"]);

    const docx = await postRender(env.server, link, "report", "format=docx", body);
    expect(docx.status).toBe(200);
    const xml =
      (await (await JSZip.loadAsync(await docx.arrayBuffer())).file("word/document.xml")?.async("string")) ?? "";
    for (const text of [
      "提出時期に係る説明",
      "Ⅱ-3-② 入手方法",
      "Ⅱ-4-委託事項1-⑥ 委託先名",
      "株式会社B",
      "事前【要確認】",
    ])
      expect(xml, text).toContain(text);

    // A broken earlier version is refused with its problems under since.
    const broken = JSON.stringify({ model: JSON.parse(body).model, since: { format: "nagare" } });
    const bad = await postRender(env.server, link, "report", "format=md", broken);
    expect(bad.status).toBe(422);
    const error = ((await bad.json()) as { error: { code: string; problems: { path: string }[] } }).error;
    expect(error.code).toBe("invalid_since");
    expect(error.problems.every((p) => p.path.startsWith("since"))).toBe(true);
  }, 120_000);
});
