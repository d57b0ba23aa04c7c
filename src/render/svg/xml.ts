import { num } from "../../shapes";
import { escapeXml } from "./text";

export { num };

export type AttrValue = string | number | undefined | null | false;

/** One element with attributes in the order given; text children must already be escaped. */
export function el(name: string, attrs: Record<string, AttrValue>, children?: string | string[]): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    s += ` ${k}="${typeof v === "number" ? num(v) : escapeXml(v)}"`;
  }
  const body = Array.isArray(children) ? children.join("") : children;
  return body === undefined || body === "" ? `${s}/>` : `${s}>${body}</${name}>`;
}

/** A path from points. */
export function polylinePath(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${num(p.x)} ${num(p.y)}`).join(" ");
}
