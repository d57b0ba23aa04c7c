import { useCallback } from "react";
import type * as Y from "yjs";
import { homeLaneKind, laneConflict, laneOf, moveIntoGroup } from "../../document";
import type { Lang } from "../../i18n";
import { LANE_KINDS, PARTIES } from "../../model";
import { readModelTolerant } from "../../sync/doc-shape";
import type { Translate } from "./actions/types";
import type { Notify } from "./Toasts";

/**
 * Says where an added or dragged element went and what it now belongs to, because membership decides 所属 and
 * with it the 区分 of every flow. An element whose kind belongs to another lane gets a warning with a button
 * that moves it there.
 */
export function usePlacementNotes(ydoc: Y.Doc, lang: Lang, t: Translate, notify: Notify) {
  return useCallback(
    (ids: string[], how: "new" | "moved") => {
      const doc = readModelTolerant(ydoc).doc;
      for (const id of ids.slice(0, 2)) {
        const n = doc.nodes.find((x) => x.id === id);
        if (!n) {
          // A boundary dragged into or out of a group.
          const g = doc.groups.find((x) => x.id === id);
          const parent = doc.groups.find((x) => x.id === g?.parentId);
          if (g && how === "moved")
            notify(
              parent
                ? t("editor.msg.membership", { label: g.label, group: parent.label })
                : t("editor.msg.membershipOut", { label: g.label }),
            );
          continue;
        }
        const conflict = laneConflict(doc, id);
        if (conflict) {
          const expected = LANE_KINDS[conflict.expected][lang];
          const text = t("editor.place.conflict", {
            label: n.label,
            expected,
            lane: conflict.lane.label,
            party: partyName(conflict.lane.laneKind, lang),
          });
          const home = conflict.home;
          notify(
            home ? text : `${text} ${t("editor.place.noHome", { expected })}`,
            "warn",
            home
              ? {
                  label: t("editor.place.moveHome", { lane: home.label }),
                  run: () => moveIntoGroup(ydoc, readModelTolerant(ydoc).doc, id, home.id),
                }
              : undefined,
          );
          continue;
        }
        const group = doc.groups.find((x) => x.id === n.groupId);
        const lane = laneOf(doc, n.groupId);
        if (group) {
          const party = partyName(lane?.laneKind, lang);
          const key = how === "new" ? "editor.place.into" : "editor.msg.membership";
          notify(`${t(key, { label: n.label, group: group.label })}${party ? t("editor.place.party", { party }) : ""}`);
        } else if (how === "moved") notify(t("editor.msg.membershipOut", { label: n.label }));
        else {
          const expected = LANE_KINDS[homeLaneKind(n.kind)][lang];
          const hasHome = doc.groups.some((g) => g.type === "lane" && g.laneKind === homeLaneKind(n.kind));
          notify(
            hasHome
              ? t("editor.place.outside", { label: n.label })
              : t("editor.place.outsideNoLane", { label: n.label, expected }),
            doc.groups.length ? "warn" : "info",
          );
        }
      }
    },
    [ydoc, lang, t, notify],
  );
}

function partyName(laneKind: keyof typeof LANE_KINDS | undefined, lang: Lang): string {
  const party = laneKind ? LANE_KINDS[laneKind].party : null;
  return party ? PARTIES[party][lang] : "";
}
