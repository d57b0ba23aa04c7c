import { ViewportPortal } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { type AwarenessLike, type Participant, participants } from "../../canvas/presence";
import type { Point } from "../../document/geometry";
import type { Lang } from "../../i18n";
import { translate } from "../../i18n";

/** Live participants of a shared document, and throttled publishing of this user's presence. */
export function usePresence(awareness: AwarenessLike | null, identity: { name: string; color: string } | null) {
  const [list, setList] = useState<Participant[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const update = () => setList(participants(awareness));
    awareness.on("change", update);
    update();
    return () => awareness.off("change", update);
  }, [awareness]);
  useEffect(() => {
    if (awareness && identity) awareness.setLocalStateField("user", identity);
  }, [awareness, identity]);
  const last = useRef(new Map<string, number>());
  const publish = useMemo(() => {
    /** Leading and trailing throttle: the last value always gets out. */
    const throttled = (field: string, ms: number) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let pending: unknown;
      const send = (value: unknown) => {
        last.current.set(field, performance.now());
        awareness?.setLocalStateField(field, value);
      };
      return (value: unknown) => {
        if (!awareness) return;
        const wait = ms - (performance.now() - (last.current.get(field) ?? 0));
        if (wait <= 0 && !timer) return send(value);
        pending = value;
        if (!timer)
          timer = setTimeout(
            () => {
              timer = null;
              send(pending);
            },
            Math.max(wait, 0),
          );
      };
    };
    return {
      cursor: throttled("cursor", 40) as (p: Point | null) => void,
      viewport: throttled("viewport", 100) as (v: { x: number; y: number; zoom: number }) => void,
      selection: (ids: string[]) => awareness?.setLocalStateField("selection", ids),
    };
  }, [awareness]);
  return { participants: list, publish };
}

export function ParticipantList({
  list,
  lang,
  following,
  onFollow,
}: {
  list: Participant[];
  lang: Lang;
  following: number | null;
  onFollow: (clientId: number | null) => void;
}) {
  if (!list.length) return null;
  return (
    <fieldset className="participants" data-testid="participants">
      <legend className="sr-only">{translate(lang, "editor.presence.participants")}</legend>
      {list.map((p) => (
        <span key={p.clientId} className="participant" style={{ borderColor: p.user.color }}>
          <span className="dot" style={{ background: p.user.color }} />
          {p.user.name}
          {p.self ? translate(lang, "editor.presence.you") : null}
          {!p.self ? (
            <button
              type="button"
              className="link small"
              onClick={() => onFollow(following === p.clientId ? null : p.clientId)}
            >
              {following === p.clientId
                ? translate(lang, "editor.presence.unfollow")
                : translate(lang, "editor.presence.follow")}
            </button>
          ) : null}
        </span>
      ))}
    </fieldset>
  );
}

/** Other people's pointers, drawn in flow coordinates so they stay on the element they point at. */
export function RemoteCursors({ list }: { list: Participant[] }) {
  return (
    <ViewportPortal>
      {list
        .filter((p) => !p.self && p.cursor)
        .map((p) => (
          <div
            key={p.clientId}
            className="remote-cursor"
            style={{ transform: `translate(${p.cursor?.x}px, ${p.cursor?.y}px)` }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <path d="M1 1 L1 15 L5 11 L8 17 L10 16 L7 10 L13 10 Z" fill={p.user.color} stroke="#fff" />
            </svg>
            <span style={{ background: p.user.color }}>{p.user.name}</span>
          </div>
        ))}
    </ViewportPortal>
  );
}
