import { useMemo } from "react";
import type * as Y from "yjs";
import { classifyFlows } from "../../derive";
import {
  checkStepLabel,
  deleteListEntry,
  moveIntoGroup,
  newId,
  patchElement,
  patchMeta,
  putElement,
  reattachFlow,
  reverseFlow,
  setTitle,
  transactLocal,
  type WriteResult,
} from "../../document";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import {
  ASSESSMENT_KINDS,
  BOUNDARY_KINDS,
  EXTERNAL_BODY_TYPES,
  HANDLER_COUNT_BANDS,
  LANE_KINDS,
  type NagareDocument,
  NODE_KINDS,
  PARTIES,
  PHASES,
  type Phase,
  type PiiFile,
  POPULATION_BANDS,
  type Provision,
  RECORD_ITEM_BANDS,
  RETENTION_PERIODS,
  SUBJECT_COUNT_BANDS,
  SYSTEM_ROLES,
  TRANSPORTS,
} from "../../model";
import { FieldList, type FieldSpec, type Option, plainOptions, termOptions } from "./fields";
import { RecipientList } from "./RecipientList";
import { RecordItemList } from "./RecordItemList";

/**
 * The inspector: every model field of the selected node, flow or group; with nothing selected, the
 * assessment metadata and the lists (files, 委託事項, 提供・移転).
 */

interface Props {
  ydoc: Y.Doc;
  model: NagareDocument;
  lang: Lang;
  readOnly: boolean;
  selected: string[];
  select: (id: string) => void;
}

export function Inspector({ ydoc, model, lang, readOnly, selected, select }: Props) {
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const opts = useOptions(model, lang);
  if (selected.length > 1) {
    const flows = model.flows.filter((f) => selected.includes(f.id));
    return (
      <div className="inspector" data-testid="inspector-multi">
        <h3>{t("editor.insp.multi", { n: selected.length })}</h3>
        {flows.length > 1 && !readOnly ? (
          <BulkFlowEdit ydoc={ydoc} flowIds={flows.map((f) => f.id)} lang={lang} />
        ) : null}
      </div>
    );
  }
  const id = selected[0];
  const node = id ? model.nodes.find((n) => n.id === id) : undefined;
  const group = id ? model.groups.find((g) => g.id === id) : undefined;
  const flow = id ? model.flows.find((f) => f.id === id) : undefined;
  // Nodes and groups are edited the same way: a title and the declarative field list of their kind.
  const element = node
    ? {
        coll: "nodes" as const,
        el: node,
        specs: opts.node,
        heading: "editor.insp.node" as const,
        testId: "inspector-node",
      }
    : group
      ? {
          coll: "groups" as const,
          el: group,
          specs: opts.group,
          heading: "editor.insp.group" as const,
          testId: "inspector-group",
        }
      : null;
  if (element)
    return (
      <div className="inspector" data-testid={element.testId}>
        <h3>
          {t(element.heading)}: {element.el.label}
        </h3>
        <FieldList
          idPrefix={element.el.id}
          specs={element.specs}
          value={element.el}
          lang={lang}
          readOnly={readOnly}
          onPatch={(p, g) => {
            // A node given another lane or boundary moves into it, so that drawing and record agree.
            if (element.coll === "nodes" && "groupId" in p) {
              moveIntoGroup(ydoc, model, element.el.id, p.groupId as string | undefined);
              return { ok: true };
            }
            return patchElement(ydoc, element.coll, element.el.id, p, g);
          }}
        />
      </div>
    );
  if (flow) {
    const label = (nid: string) => model.nodes.find((n) => n.id === nid)?.label ?? nid;
    return (
      <div className="inspector" data-testid="inspector-flow">
        <h3>
          {t("editor.insp.flow")} {flow.step ?? ""}
        </h3>
        <p className="from-to">
          <button type="button" className="link" onClick={() => select(flow.source)}>
            {label(flow.source)}
          </button>
          {" → "}
          <button type="button" className="link" onClick={() => select(flow.target)}>
            {label(flow.target)}
          </button>
          {!readOnly ? (
            <button type="button" className="small" onClick={() => reverseFlow(ydoc, model, flow.id)}>
              {t("editor.insp.reverse")}
            </button>
          ) : null}
        </p>
        {!readOnly ? <FlowEnds ydoc={ydoc} model={model} flowId={flow.id} lang={lang} /> : null}
        <PhaseBox model={model} flowId={flow.id} lang={lang} />
        <FieldList
          idPrefix={flow.id}
          specs={opts.flow}
          value={flow}
          lang={lang}
          readOnly={readOnly}
          onPatch={(p, g) => patchFlow(ydoc, flow.id, p, g)}
        />
      </div>
    );
  }
  return <DocumentInspector ydoc={ydoc} model={model} lang={lang} readOnly={readOnly} opts={opts} />;
}

/** Re-attaches a flow's ends by choosing other elements (the keyboard way of dragging an end). */
function FlowEnds({ ydoc, model, flowId, lang }: { ydoc: Y.Doc; model: NagareDocument; flowId: string; lang: Lang }) {
  const flow = model.flows.find((f) => f.id === flowId);
  if (!flow) return null;
  const end = (key: "source" | "target") => (
    <div className="field" data-field={`ends-${key}`}>
      <label htmlFor={`${flowId}-${key}`}>
        {translate(lang, key === "source" ? "editor.insp.source" : "editor.insp.target")}
      </label>
      <select
        id={`${flowId}-${key}`}
        value={flow[key]}
        onChange={(e) => reattachFlow(ydoc, model, flowId, { [key]: e.target.value })}
      >
        {model.nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="flow-ends">
      {end("source")}
      {end("target")}
    </div>
  );
}

/** A message in both languages, for problems that travel as data. */
const both = (key: MessageKey, vars?: Record<string, string | number>) => ({
  ja: translate("ja", key, vars),
  en: translate("en", key, vars),
});

/** Flows get one extra check beyond the schema: the step label must read as a step. */
function patchFlow(ydoc: Y.Doc, id: string, patch: Record<string, unknown>, gesture: string): WriteResult {
  if ("step" in patch && typeof patch.step === "string") {
    const c = checkStepLabel(patch.step);
    if (!c.ok)
      return {
        ok: false,
        problems: [
          c.reason === "too_long"
            ? { path: "step", code: "step", ...both("editor.msg.stepTooLong") }
            : { path: "step", code: "step", ...both("editor.msg.stepInvalid", { value: patch.step }) },
        ],
      };
    return patchElement(ydoc, "flows", id, { ...patch, step: c.value }, gesture);
  }
  return patchElement(ydoc, "flows", id, patch, gesture);
}

export { patchFlow };

/** The same value for several flows at once (one undo step): the My Number mark and the transport. */
function BulkFlowEdit({ ydoc, flowIds, lang }: { ydoc: Y.Doc; flowIds: string[]; lang: Lang }) {
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const apply = (patch: Record<string, unknown>) =>
    transactLocal(ydoc, () => {
      for (const id of flowIds) patchElement(ydoc, "flows", id, patch);
    });
  return (
    <div className="bulk-edit">
      <p>{t("editor.insp.bulk", { n: flowIds.length })}</p>
      <div className="field">
        <label htmlFor="bulk-mynumber">{t("editor.f.carriesMyNumber")}</label>
        <select
          id="bulk-mynumber"
          value=""
          onChange={(e) => {
            const v = e.target.value;
            if (v) apply({ carriesMyNumber: v === "yes" ? true : v === "no" ? false : null });
          }}
        >
          <option value="">—</option>
          <option value="yes">{t("editor.insp.yes")}</option>
          <option value="no">{t("editor.insp.no")}</option>
          <option value="unknown">{t("editor.insp.unknown")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="bulk-transport">{t("editor.f.transport")}</label>
        <select id="bulk-transport" value="" onChange={(e) => e.target.value && apply({ transport: e.target.value })}>
          <option value="">—</option>
          {termOptions(TRANSPORTS, lang).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function PhaseBox({ model, flowId, lang }: { model: NagareDocument; flowId: string; lang: Lang }) {
  const c = useMemo(() => classifyFlows(model).get(flowId), [model, flowId]);
  if (!c) return null;
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  return (
    <div className={`phase-box ${c.phase ? "" : "is-undecided"}`} data-testid="phase-box">
      <div className="phase-title">{t("editor.insp.phase")}</div>
      <div className="phase-value">{c.phase ? PHASES[c.phase][lang] : t("editor.insp.phaseUndecided")}</div>
      <div className="phase-reason">{lang === "ja" ? c.ja : c.en}</div>
      {!c.phase && c.candidates.length ? (
        <div className="phase-reason">
          {t("editor.insp.phaseCandidates", { list: c.candidates.map((p: Phase) => PHASES[p][lang]).join("、") })}
        </div>
      ) : null}
    </div>
  );
}

function useOptions(model: NagareDocument, lang: Lang) {
  return useMemo(() => {
    const files: Option[] = model.files.map((f) => [f.id, f.name]);
    const delegations: Option[] = model.delegations.map((d) => [d.id, d.name]);
    const provisions: Option[] = model.provisions.map((p) => [p.id, p.recipient]);
    const groups: Option[] = model.groups.map((g) => [g.id, g.label]);
    const nodes: Option[] = model.nodes.map((n) => [n.id, n.label]);
    const transports = termOptions(TRANSPORTS, lang);
    const node: FieldSpec[] = [
      { k: "label", t: "text", label: "editor.f.label", required: true },
      { k: "kind", t: "select", label: "editor.f.kind", options: termOptions(NODE_KINDS, lang), required: true },
      { k: "owner.party", t: "select", label: "editor.f.ownerParty", options: termOptions(PARTIES, lang) },
      { k: "owner.name", t: "text", label: "editor.f.ownerName" },
      { k: "owner.bodyType", t: "select", label: "editor.f.bodyType", options: termOptions(EXTERNAL_BODY_TYPES, lang) },
      { k: "groupId", t: "select", label: "editor.f.groupId", options: groups },
      { k: "systemRole", t: "select", label: "editor.f.systemRole", options: termOptions(SYSTEM_ROLES, lang) },
      { k: "functions", t: "lines", label: "editor.f.functions" },
      { k: "purpose", t: "textarea", label: "editor.f.purpose" },
      { k: "fileIds", t: "multi", label: "editor.f.fileIds", options: files },
      { k: "retention", t: "select", label: "editor.f.retention", options: plainOptions(RETENTION_PERIODS) },
      { k: "deletionMethod", t: "textarea", label: "editor.f.deletionMethod" },
      { k: "delegationId", t: "select", label: "editor.f.delegationId", options: delegations },
      { k: "safeguards", t: "safeguards", label: "editor.f.safeguards" },
      { k: "note", t: "textarea", label: "editor.f.note" },
      { k: "position.x", t: "int", label: "editor.f.x" },
      { k: "position.y", t: "int", label: "editor.f.y" },
    ];
    const group: FieldSpec[] = [
      { k: "label", t: "text", label: "editor.f.label", required: true },
      {
        k: "type",
        t: "select",
        label: "editor.f.type",
        required: true,
        options: [
          ["lane", translate(lang, "editor.opt.lane")],
          ["boundary", translate(lang, "editor.opt.boundary")],
        ],
      },
      { k: "laneKind", t: "select", label: "editor.f.laneKind", options: termOptions(LANE_KINDS, lang) },
      { k: "boundaryKind", t: "select", label: "editor.f.boundaryKind", options: termOptions(BOUNDARY_KINDS, lang) },
      { k: "parentId", t: "select", label: "editor.f.parentId", options: groups },
      { k: "note", t: "textarea", label: "editor.f.note" },
      { k: "position.x", t: "int", label: "editor.f.x" },
      { k: "position.y", t: "int", label: "editor.f.y" },
      { k: "size.width", t: "int", label: "editor.f.width" },
      { k: "size.height", t: "int", label: "editor.f.height" },
    ];
    const flow: FieldSpec[] = [
      { k: "source", t: "select", label: "editor.f.source", options: nodes, required: true },
      { k: "target", t: "select", label: "editor.f.target", options: nodes, required: true },
      { k: "step", t: "text", label: "editor.f.step" },
      { k: "stepPinned", t: "bool", label: "editor.f.stepPinned" },
      { k: "sentence", t: "textarea", label: "editor.f.sentence" },
      { k: "data", t: "text", label: "editor.f.data" },
      { k: "carriesMyNumber", t: "tristate", label: "editor.f.carriesMyNumber" },
      { k: "transport", t: "select", label: "editor.f.transport", options: transports },
      { k: "transportNote", t: "text", label: "editor.f.transportNote" },
      { k: "legalBasis", t: "legal", label: "editor.f.legalBasis" },
      { k: "frequency", t: "text", label: "editor.f.frequency" },
      { k: "phase", t: "select", label: "editor.insp.phaseManual", options: termOptions(PHASES, lang) },
      { k: "variant", t: "text", label: "editor.f.variant" },
      { k: "isBackup", t: "bool", label: "editor.f.isBackup" },
      { k: "directionUnknown", t: "bool", label: "editor.f.directionUnknown" },
      { k: "fileIds", t: "multi", label: "editor.f.fileIds", options: files },
      { k: "delegationId", t: "select", label: "editor.f.delegationId", options: delegations },
      { k: "provisionId", t: "select", label: "editor.f.provisionId", options: provisions },
      { k: "safeguards", t: "safeguards", label: "editor.f.safeguards" },
      { k: "note", t: "textarea", label: "editor.f.note" },
    ];
    const meta: FieldSpec[] = [
      { k: "organization", t: "text", label: "editor.f.organization" },
      { k: "jimuName", t: "text", label: "editor.f.jimuName" },
      { k: "jimuSummary", t: "textarea", label: "editor.f.jimuSummary" },
      {
        k: "assessmentKind",
        t: "select",
        label: "editor.f.assessmentKind",
        options: termOptions(ASSESSMENT_KINDS, lang),
        required: true,
      },
      { k: "documentNumber", t: "text", label: "editor.f.documentNumber" },
      { k: "targetPopulation", t: "int", label: "editor.f.targetPopulation", nullable: true },
      {
        k: "targetPopulationBand",
        t: "select",
        label: "editor.f.targetPopulationBand",
        options: plainOptions(POPULATION_BANDS),
      },
      { k: "handlers500OrMore", t: "tristate", label: "editor.f.handlers500OrMore" },
      { k: "seriousIncidentPastYear", t: "tristate", label: "editor.f.seriousIncidentPastYear" },
      { k: "seriousIncidentPast3Years", t: "tristate", label: "profile.f.seriousIncidentPast3Years" },
      { k: "seriousIncidentContent", t: "textarea", label: "profile.f.seriousIncidentContent" },
      { k: "seriousIncidentPrevention", t: "textarea", label: "profile.f.seriousIncidentPrevention" },
      { k: "department", t: "text", label: "editor.f.department" },
      { k: "departmentHead", t: "text", label: "editor.f.departmentHead" },
      { k: "publishedOn", t: "date", label: "editor.f.publishedOn" },
      { k: "legalBasisForUse", t: "legal", label: "editor.f.legalBasisForUse" },
      {
        k: "networkLinkage.performed",
        t: "select",
        label: "editor.f.networkPerformed",
        options: (["yes", "no", "undecided"] as const).map(
          (v) => [v, translate(lang, `editor.opt.performed.${v}` as MessageKey)] as const,
        ),
      },
      { k: "networkLinkage.legalBasis", t: "legal", label: "editor.f.networkLegalBasis" },
      { k: "otherAssessors", t: "text", label: "editor.f.otherAssessors" },
      { k: "note", t: "textarea", label: "editor.f.note" },
    ];
    const file: FieldSpec[] = [
      { k: "name", t: "text", label: "editor.f.name", required: true },
      {
        k: "fileType",
        t: "select",
        label: "editor.f.fileType",
        options: [
          ["system", translate(lang, "editor.opt.system")],
          ["other_electronic", translate(lang, "editor.opt.otherElectronic")],
        ],
      },
      { k: "subjectCount", t: "select", label: "editor.f.subjectCount", options: plainOptions(SUBJECT_COUNT_BANDS) },
      { k: "subjectScope", t: "textarea", label: "editor.f.subjectScope" },
      { k: "recordItems", t: "select", label: "editor.f.recordItems", options: plainOptions(RECORD_ITEM_BANDS) },
      { k: "mainRecordItems", t: "lines", label: "editor.f.mainRecordItems" },
      { k: "heldSince", t: "text", label: "editor.f.heldSince" },
      { k: "department", t: "text", label: "editor.f.department" },
      { k: "usePurpose", t: "textarea", label: "editor.f.usePurpose" },
      { k: "useDepartment", t: "text", label: "editor.f.useDepartment" },
      { k: "users", t: "select", label: "editor.f.users", options: plainOptions(HANDLER_COUNT_BANDS) },
      { k: "storageLocation", t: "textarea", label: "editor.f.storageLocation" },
      { k: "retention", t: "select", label: "editor.f.retention", options: plainOptions(RETENTION_PERIODS) },
      { k: "retentionReason", t: "textarea", label: "editor.f.retentionReason" },
      { k: "deletionMethod", t: "textarea", label: "editor.f.deletionMethod" },
      { k: "remarks", t: "textarea", label: "recipients.f.remarks" },
      { k: "note", t: "textarea", label: "editor.f.note" },
    ];
    const delegation: FieldSpec[] = [
      { k: "name", t: "text", label: "editor.f.name", required: true },
      { k: "content", t: "textarea", label: "editor.f.content" },
      { k: "contractorName", t: "text", label: "editor.f.contractorName" },
      { k: "contractorNameCheck", t: "textarea", label: "editor.f.contractorNameCheck" },
      {
        k: "scope",
        t: "select",
        label: "editor.f.scope",
        options: [
          ["all", translate(lang, "editor.opt.all")],
          ["part", translate(lang, "editor.opt.part")],
        ],
      },
      { k: "subjectCount", t: "select", label: "editor.f.subjectCount", options: plainOptions(SUBJECT_COUNT_BANDS) },
      { k: "handlers", t: "select", label: "editor.f.handlers", options: plainOptions(HANDLER_COUNT_BANDS) },
      { k: "methods", t: "multi", label: "editor.f.methods", options: transports },
      { k: "subcontract", t: "bool", label: "editor.f.subcontract" },
      { k: "subcontractApproval", t: "textarea", label: "editor.f.subcontractApproval" },
      { k: "subcontractItems", t: "textarea", label: "editor.f.subcontractItems" },
      { k: "declaredDepth", t: "int", label: "editor.f.declaredDepth" },
      { k: "fileIds", t: "multi", label: "editor.f.fileIds", options: files },
      { k: "note", t: "textarea", label: "editor.f.note" },
    ];
    const provision: FieldSpec[] = [
      {
        k: "kind",
        t: "select",
        label: "editor.f.provisionKind",
        required: true,
        options: [
          ["provision", translate(lang, "editor.opt.provision")],
          ["transfer", translate(lang, "editor.opt.transfer")],
        ],
      },
      { k: "recipient", t: "text", label: "editor.f.recipient", required: true },
      { k: "recipientNodeId", t: "select", label: "editor.f.recipientNodeId", options: nodes },
      { k: "legalBasis", t: "legal", label: "editor.f.legalBasis" },
      { k: "purpose", t: "textarea", label: "editor.f.purpose" },
      { k: "information", t: "textarea", label: "editor.f.information" },
      { k: "subjectCount", t: "select", label: "editor.f.subjectCount", options: plainOptions(SUBJECT_COUNT_BANDS) },
      { k: "subjectScope", t: "textarea", label: "editor.f.subjectScope" },
      { k: "methods", t: "multi", label: "editor.f.methods", options: transports },
      { k: "timing", t: "text", label: "editor.f.timing" },
      { k: "recipientCount", t: "int", label: "recipients.f.count" },
      { k: "fileIds", t: "multi", label: "editor.f.fileIds", options: files },
      { k: "note", t: "textarea", label: "editor.f.note" },
    ];
    return { node, group, flow, meta, file, delegation, provision };
  }, [model, lang]);
}

type Opts = ReturnType<typeof useOptions>;

function DocumentInspector({
  ydoc,
  model,
  lang,
  readOnly,
  opts,
}: {
  ydoc: Y.Doc;
  model: NagareDocument;
  lang: Lang;
  readOnly: boolean;
  opts: Opts;
}) {
  const t = (k: MessageKey) => translate(lang, k);
  const lists = [
    {
      coll: "files",
      title: "editor.insp.files",
      specs: opts.file,
      items: model.files,
      name: (x: { name: string }) => x.name,
    },
    {
      coll: "delegations",
      title: "editor.insp.delegations",
      specs: opts.delegation,
      items: model.delegations,
      name: (x: { name: string }) => x.name,
    },
    {
      coll: "provisions",
      title: "editor.insp.provisions",
      specs: opts.provision,
      items: model.provisions,
      name: (x: { recipient: string }) => x.recipient,
    },
  ] as const;
  const fresh = (coll: "files" | "delegations" | "provisions") => {
    const label = t("editor.insp.newItem");
    if (coll === "files") return { id: newId("file"), name: label };
    if (coll === "delegations") return { id: newId("dlg"), name: label };
    return { id: newId("prv"), kind: "provision", recipient: label };
  };
  return (
    <div className="inspector" data-testid="inspector-document">
      <h3>{t("editor.insp.nothing")}</h3>
      <FieldList
        idPrefix="title"
        specs={[{ k: "title", t: "text", label: "editor.f.title" }]}
        value={{ title: model.title }}
        lang={lang}
        readOnly={readOnly}
        onPatch={(p, g) => setTitle(ydoc, String(p.title ?? ""), g)}
      />
      <FieldList
        idPrefix="meta"
        specs={opts.meta}
        value={model.meta}
        lang={lang}
        readOnly={readOnly}
        onPatch={(p, g) => patchMeta(ydoc, p, g)}
      />
      {lists.map((l) => (
        <section key={l.coll} className="insp-list" data-testid={`list-${l.coll}`}>
          <h4>
            {t(l.title)} <span className="count">{l.items.length}</span>
          </h4>
          {l.items.map((item) => (
            <details key={item.id}>
              <summary>{(l.name as (x: unknown) => string)(item)}</summary>
              <FieldList
                idPrefix={item.id}
                specs={l.specs}
                value={item as unknown as Record<string, unknown>}
                lang={lang}
                readOnly={readOnly}
                onPatch={(p, g) => patchElement(ydoc, l.coll, item.id, p, g)}
              />
              {l.coll === "provisions" ? (
                <RecipientList ydoc={ydoc} provision={item as Provision} lang={lang} readOnly={readOnly} />
              ) : null}
              {l.coll === "files" ? (
                <RecordItemList ydoc={ydoc} file={item as PiiFile} lang={lang} readOnly={readOnly} />
              ) : null}
              {!readOnly ? (
                <button type="button" className="danger" onClick={() => deleteListEntry(ydoc, model, l.coll, item.id)}>
                  {t("editor.insp.remove")}
                </button>
              ) : null}
            </details>
          ))}
          {!readOnly ? (
            <button type="button" onClick={() => putElement(ydoc, l.coll, fresh(l.coll))}>
              {t("editor.insp.add")}
            </button>
          ) : null}
        </section>
      ))}
    </div>
  );
}
