import { useState } from "react";
import { KindIcon } from "../../canvas/nodes/shapes";
import { PRESENCE_COLORS } from "../../canvas/presence";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import { type ModelFlow, type NagareDocument, NODE_KINDS, type NodeKind } from "../../model";
import { ACTIONS, offered } from "./actions";
import { keyLabel } from "./actions/keys";

const tr = (lang: Lang) => (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);

export interface PendingDelete {
  nodes: string[];
  groups: string[];
  flows: string[];
  connected: ModelFlow[];
}

const CONTRACTING_KINDS = new Set(["contractor", "subcontractor"]);
const CONTRACTING_PARTIES = new Set(["contractor", "subcontractor"]);

/** 委託事項 whose every 委託先 on the drawing is among the nodes being deleted. */
export function delegationsLosingContractors(model: NagareDocument, nodeIds: readonly string[]) {
  const deleting = new Set(nodeIds);
  return model.delegations.filter((d) => {
    const contractors = model.nodes.filter(
      (n) =>
        n.delegationId === d.id && (CONTRACTING_KINDS.has(n.kind) || CONTRACTING_PARTIES.has(n.owner?.party ?? "")),
    );
    return contractors.length > 0 && contractors.every((n) => deleting.has(n.id));
  });
}

/**
 * Deleting asks first and lists the flows that go with the deleted elements. When the last 委託先 of a
 * 委託事項 goes, it asks what becomes of the 委託事項: kept (and shown as a finding until a 委託先 is drawn
 * again) or deleted with it, so that the records and the drawing never disagree silently.
 */
export function DeleteDialog({
  pending,
  model,
  lang,
  onConfirm,
  onCancel,
}: {
  pending: PendingDelete;
  model: NagareDocument;
  lang: Lang;
  /** Called with the 委託事項 to delete along with the elements. */
  onConfirm: (delegationIds: string[]) => void;
  onCancel: () => void;
}) {
  const t = tr(lang);
  const losing = delegationsLosingContractors(model, pending.nodes);
  const [dropDelegations, setDropDelegations] = useState<Record<string, boolean>>({});
  const label = (id: string) => model.nodes.find((n) => n.id === id)?.label ?? id;
  const explicit = new Set(pending.flows);
  const extra = pending.connected.filter((f) => !explicit.has(f.id));
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={t("editor.delete.title")}>
        <h2>{t("editor.delete.title")}</h2>
        <p>
          {t("editor.delete.what", {
            nodes: pending.nodes.length,
            groups: pending.groups.length,
            flows: new Set([...pending.flows, ...extra.map((f) => f.id)]).size,
          })}
        </p>
        {extra.length ? (
          <>
            <p>{t("editor.delete.connected")}</p>
            <ul className="delete-list">
              {extra.map((f) => (
                <li key={f.id}>
                  {f.step ? `${f.step} ` : ""}
                  {label(f.source)} → {label(f.target)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {pending.groups.length ? <p>{t("editor.delete.groupMembers")}</p> : null}
        {losing.map((d) => (
          <fieldset key={d.id} className="delete-delegation" data-testid={`delete-delegation-${d.id}`}>
            <legend>{t("recipients.delete.lastContractor", { name: d.name })}</legend>
            <label>
              <input
                type="radio"
                name={`del-${d.id}`}
                checked={!dropDelegations[d.id]}
                onChange={() => setDropDelegations((x) => ({ ...x, [d.id]: false }))}
              />
              {t("recipients.delete.keepDelegation")}
            </label>
            <label>
              <input
                type="radio"
                name={`del-${d.id}`}
                checked={!!dropDelegations[d.id]}
                onChange={() => setDropDelegations((x) => ({ ...x, [d.id]: true }))}
              />
              {t("recipients.delete.dropDelegation")}
            </label>
          </fieldset>
        ))}
        <div className="modal-buttons">
          <button type="button" onClick={onCancel}>
            {t("editor.cancel")}
          </button>
          <button
            type="button"
            className="danger"
            // biome-ignore lint/a11y/noAutofocus: the dialog's main action
            autoFocus
            onClick={() => onConfirm(losing.filter((d) => dropDelegations[d.id]).map((d) => d.id))}
          >
            {t("editor.delete.confirm")}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Gestures that are not shortcuts; the shortcuts come from the actions themselves. */
const GESTURES: MessageKey[] = [
  "editor.help.add",
  "editor.help.connect",
  "editor.help.rename",
  "editor.help.group",
  "editor.help.multi",
];

export function HelpDialog({ lang, readOnly, onClose }: { lang: Lang; readOnly: boolean; onClose: () => void }) {
  const t = tr(lang);
  const listed = ACTIONS.filter((a) => offered(a, { readOnly }));
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={t("editor.help.title")}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Escape") onClose();
        }}
      >
        <h2>{t("editor.help.title")}</h2>
        <ul className="help-list">
          {GESTURES.map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
        <table className="help-keys" data-testid="help-keys">
          <tbody>
            {listed.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.keys?.map((k, i) => (
                    <span key={k}>
                      {i ? " / " : ""}
                      <kbd>{keyLabel(k)}</kbd>
                    </span>
                  ))}
                </td>
                <td>{t(a.label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-buttons">
          {/* biome-ignore lint/a11y/noAutofocus: closes with Enter */}
          <button type="button" autoFocus onClick={onClose}>
            {t("editor.help.close")}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Asked once: the name and colour other participants see; remembered in this browser. */
export function IdentityDialog({
  lang,
  onDone,
}: {
  lang: Lang;
  onDone: (id: { name: string; color: string }) => void;
}) {
  const t = tr(lang);
  const [name, setName] = useState("");
  const [color, setColor] = useState(PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)] as string);
  const ok = name.trim().length > 0 && name.trim().length <= 40;
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        aria-label={t("editor.presence.ask")}
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) onDone({ name: name.trim(), color });
        }}
      >
        <h2>{t("editor.presence.ask")}</h2>
        <label className="field">
          <span>{t("editor.presence.name")}</span>
          {/* biome-ignore lint/a11y/noAutofocus: the only question of the dialog */}
          <input autoFocus value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
        </label>
        <div className="field">
          <span>{t("editor.presence.color")}</span>
          <div className="swatches">
            {PRESENCE_COLORS.map((c) => (
              <button
                key={c}
                type="button"
                aria-label={c}
                aria-pressed={c === color}
                className={`swatch ${c === color ? "is-current" : ""}`}
                style={{ background: c }}
                onClick={() => setColor(c)}
              />
            ))}
          </div>
        </div>
        <div className="modal-buttons">
          <button type="submit" disabled={!ok}>
            {t("editor.presence.ok")}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The 別添1 legend: one symbol per kind and the line styles. */
export function Legend({ lang }: { lang: Lang }) {
  const t = tr(lang);
  const line = (dash: string | undefined, color: string) => (
    <svg width="48" height="12" aria-hidden="true">
      <line x1="2" y1="6" x2="40" y2="6" stroke={color} strokeWidth="2" strokeDasharray={dash} />
      <path d="M40 2 L47 6 L40 10 Z" fill={color} />
    </svg>
  );
  return (
    <div className="legend" data-testid="legend">
      <h4>{t("editor.legend.title")}</h4>
      <ul>
        <li>
          {line(undefined, "#1f2933")}
          {t("editor.legend.myNumber")}
        </li>
        <li>
          {line("7 5", "#1f2933")}
          {t("editor.legend.other")}
        </li>
        <li>
          {line("2 5", "#b26b00")}
          {t("editor.legend.unknown")}
        </li>
        {(Object.keys(NODE_KINDS) as NodeKind[]).map((k) => (
          <li key={k}>
            <KindIcon kind={k} size={22} />
            {NODE_KINDS[k][lang]}
            {k === "system_own" ? t("editor.legend.own") : k === "system_external" ? t("editor.legend.external") : ""}
          </li>
        ))}
        <li>
          <span className="legend-tag">{t("editor.tag.contractor")}</span>
          {t("editor.legend.delegation")}
        </li>
        <li>
          <span className="lane-swatch" />
          {t("editor.legend.lane")}
        </li>
        <li>
          <span className="boundary-swatch" />
          {t("editor.legend.boundary")}
        </li>
      </ul>
    </div>
  );
}
