import { type ModelFlow, TRANSPORTS } from "../../model";
import { LabelSpace, midSpots, stepSpots } from "./labels";
import type { Route } from "./route";
import type { Box } from "./scene";
import { textBlock } from "./shapes";
import type { Palette } from "./style";
import { measureText, wrapText } from "./text";
import { el } from "./xml";

export interface LabelPlacement {
  /** Each flow's labels (one group per flow that has any) with the area they cover. */
  svg: { svg: string; box: Box }[];
  boxes: Box[];
}

const STEP_FONT = 11;
const STEP_H = 17;
const BADGE_FONT = 10;
const BADGE_H = 15;
/** A label drawn over another label hides both: worse than covering a line, as bad as covering a node. */
const LABEL_WEIGHT = 3;
/** The data carried wraps at these widths: a flow label is never shortened or left out of an export. */
const DATA_WIDTHS = [132, 90, 60];

/**
 * Step labels (①, ②-3) sit at the start of their edge, transport badges and the data carried near the
 * middle. Each label takes the first nearby spot that no node, tab, group title or earlier label covers.
 */
export function placeFlowLabels(flows: ModelFlow[], routes: Route[], obstacles: Box[], pal: Palette): LabelPlacement {
  const space = new LabelSpace();
  // Covering a node's text is worse than covering another label or a line.
  for (const o of obstacles) space.add({ x: o.x - 2, y: o.y - 2, w: o.w + 4, h: o.h + 4 }, undefined, 3);
  // Lines count too, less than boxes: a label may cover another flow's line only when nothing better is near.
  flows.forEach((f, i) => {
    space.addLine((routes[i] as Route).points, f.id);
  });
  const svg: LabelPlacement["svg"] = [];
  const boxes: Box[] = [];

  flows.forEach((f, i) => {
    const route = routes[i] as Route;
    const pts = route.points;
    const parts: string[] = [];
    const first = boxes.length;

    if (f.step?.trim()) {
      const text = f.step.trim();
      const w = Math.max(STEP_H, measureText(text, STEP_FONT) + 8);
      const b = space.place(stepSpots(pts, w, STEP_H), f.id);
      space.add(b, undefined, LABEL_WEIGHT);
      boxes.push(b);
      parts.push(
        el("g", { "data-step": f.step }, [
          el("rect", {
            x: b.x,
            y: b.y,
            width: b.w,
            height: b.h,
            rx: STEP_H / 2,
            fill: pal.stepFill,
            stroke: pal.stepStroke,
          }),
          textBlock([text], b.x + b.w / 2, b.y, { size: STEP_FONT, line: STEP_H, fill: pal.stepText }),
        ]),
      );
    }

    const badge =
      f.transport === undefined
        ? ""
        : f.transport === "other" && f.transportNote
          ? f.transportNote.replace(/\s+/g, " ").trim()
          : TRANSPORTS[f.transport].badge;
    const dataText = [f.data, f.variant ? `【${f.variant.replace(/^【|】$/g, "")}】` : ""].filter(Boolean).join(" ");
    if (badge || dataText) {
      // Badge and data together; where no free spot takes both, each on its own spot.
      const together = placeMid(space, f.id, pts, badge, dataText);
      const labels =
        together.free || !badge || !dataText
          ? [together]
          : [placeMid(space, f.id, pts, badge, ""), placeMid(space, f.id, pts, "", dataText)];
      for (const l of labels) {
        space.add(l.b, undefined, LABEL_WEIGHT);
        boxes.push(l.b);
        parts.push(drawMid(l, pal));
      }
    }
    if (parts.length) svg.push({ svg: el("g", { "data-flow-id": f.id }, parts), box: cover(boxes.slice(first)) });
  });
  return { svg, boxes };
}

interface MidLabel {
  b: Box;
  badge: string;
  data: string[];
  h: number;
  free: boolean;
}

/**
 * The transport badge and the data carried, near the middle of the path. The data is wrapped, never cut: every
 * word reaches the printed page; where the usual width finds no free spot, a narrower (taller) wrap is tried
 * before covering something.
 */
function placeMid(space: LabelSpace, id: string, pts: Route["points"], badge: string, dataText: string): MidLabel {
  let best: MidLabel | null = null;
  for (const width of DATA_WIDTHS) {
    const data = dataText ? wrapText(dataText, width, BADGE_FONT) : [];
    const h = Math.max(BADGE_H, data.length * BADGE_H);
    // Text standing alone may go further from its line than a badge.
    const cands = midSpots(pts, labelWidth(badge, data), h, badge ? 4 : 8);
    const free = cands.find((c) => space.cost(c, id, 0, 0) === 0);
    if (free) return { b: free, badge, data, h, free: true };
    if (!best) best = { b: space.place(cands, id), badge, data, h, free: false };
    if (!dataText) break;
  }
  return best as MidLabel;
}

function drawMid(l: MidLabel, pal: Palette): string {
  const { b, badge, data, h } = l;
  const wb = badge ? measureText(badge, BADGE_FONT) + 10 : 0;
  const wd = data.length ? Math.max(...data.map((line) => measureText(line, BADGE_FONT))) + 6 : 0;
  const g: string[] = [];
  if (badge) {
    g.push(
      el("rect", { x: b.x, y: b.y, width: wb, height: BADGE_H, rx: 3, fill: pal.badgeFill, stroke: pal.badgeStroke }),
    );
    g.push(
      textBlock([badge], b.x + wb / 2, b.y, { size: BADGE_FONT, line: BADGE_H, fill: pal.badgeText, weight: "bold" }),
    );
  }
  if (data.length) {
    const x = b.x + (badge ? wb + 3 : 0);
    g.push(el("rect", { x, y: b.y + 1, width: wd, height: h - 2, fill: pal.background, "fill-opacity": 0.88 }));
    g.push(textBlock(data, x + 3, b.y, { size: BADGE_FONT, line: BADGE_H, fill: pal.mutedText, anchor: "start" }));
  }
  return el("g", { "data-badge": badge || undefined, "data-data": data.length ? "1" : undefined }, g);
}

function labelWidth(badge: string, data: string[]): number {
  const wb = badge ? measureText(badge, BADGE_FONT) + 10 : 0;
  const wd = data.length ? Math.max(...data.map((l) => measureText(l, BADGE_FONT))) + 6 : 0;
  return wb + wd + (badge && data.length ? 3 : 0);
}

/** The smallest box around some boxes. */
function cover(bs: Box[]): Box {
  const x = Math.min(...bs.map((b) => b.x));
  const y = Math.min(...bs.map((b) => b.y));
  return { x, y, w: Math.max(...bs.map((b) => b.x + b.w)) - x, h: Math.max(...bs.map((b) => b.y + b.h)) - y };
}
