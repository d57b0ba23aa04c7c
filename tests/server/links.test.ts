import { describe, expect, test } from "vitest";
import { editorHref, forgetLink, loadLinks, parseLink, rememberLink } from "../../src/app/start/links";

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

const T = "a".repeat(43);

describe("links kept by this browser", () => {
  test("pasted links are read with their role; anything else is refused", () => {
    expect(parseLink(`https://nagare.example.lg.jp/d/abc_1-2#t=${T}&role=view`)).toEqual({
      id: "abc_1-2",
      token: T,
      role: "view",
    });
    expect(parseLink(`/d/abc#t=${T}`)).toEqual({ id: "abc", token: T, role: "edit" });
    expect(parseLink(`/d/abc#t=${T}&role=owner`)?.role).toBe("owner");
    expect(parseLink("/d/abc")).toBeNull();
    expect(parseLink(`/d/../etc#t=${T}`)).toBeNull();
    expect(parseLink("not a link")).toBeNull();
    expect(editorHref({ id: "abc", token: T, role: "view" })).toBe(`/d/abc#t=${T}&role=view`);
  });

  test("a stronger link for the same document wins; forgetting removes it; broken storage reads as empty", () => {
    const s = new MemoryStorage();
    rememberLink({ id: "d1", token: "view-token", role: "view" }, s);
    rememberLink({ id: "d1", token: "owner-token", role: "owner" }, s);
    rememberLink({ id: "d1", token: "edit-token", role: "edit" }, s);
    rememberLink({ id: "d2", token: "t2", role: "edit" }, s);
    expect(loadLinks(s).map((l) => `${l.id}:${l.token}`)).toEqual(["d2:t2", "d1:owner-token"]);
    forgetLink("d1", s);
    expect(loadLinks(s).map((l) => l.id)).toEqual(["d2"]);
    s.setItem("nagare.links", "{not json");
    expect(loadLinks(s)).toEqual([]);
  });
});
