import type * as Y from "yjs";

/**
 * Which elements one batch of transactions touched, for the activity log and for deciding how deep the
 * schema check must go. Paths are relative to the root map: ["nodes"] (ids added or removed),
 * ["nodes", id] (fields of one node), ["meta"], [] (root keys).
 */
export class ChangeSet {
  nodes = new Set<string>();
  flows = new Set<string>();
  other = new Set<string>();
  root = false;
  meta = false;
  /** A shared type outside the root map changed (not part of the model; only a review link is refused for it). */
  outside = false;
  /**
   * Per changed element (`collection:id`): the fields set or removed on it, or null when it was added,
   * replaced or changed deeper (a shared type inside it), where only a check of the whole element will do.
   */
  fields = new Map<string, Set<string> | null>();

  add(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    for (const ev of events) {
      const path = ev.path;
      const head = path[0];
      if (head === undefined || head === "meta") {
        // The title is checked on its own; any other root key means the structure may have changed.
        if (head === undefined) this.root ||= [...ev.keys.keys()].some((k) => k !== "title");
        else this.meta = true;
        for (const k of ev.keys.keys()) this.other.add(`${String(head ?? "")}:${k}`);
        continue;
      }
      const ids = path.length >= 2 ? [String(path[1])] : [...ev.keys.keys()];
      const target = head === "nodes" ? this.nodes : head === "flows" ? this.flows : this.other;
      for (const id of ids) target.add(head === "nodes" || head === "flows" ? id : `${String(head)}:${id}`);
      for (const id of ids) {
        const key = `${String(head)}:${id}`;
        const known = this.fields.get(key);
        if (path.length !== 2) this.fields.set(key, null);
        else if (known !== null) this.fields.set(key, new Set([...(known ?? []), ...ev.keys.keys()]));
      }
    }
  }

  /** Only review threads changed (what a review link may write). */
  get commentsOnly(): boolean {
    if (this.nodes.size || this.flows.size || this.root || this.meta || this.outside) return false;
    for (const key of this.other) if (!key.startsWith("comments:")) return false;
    return true;
  }

  get empty(): boolean {
    return this.nodes.size === 0 && this.flows.size === 0 && this.other.size === 0 && !this.root && !this.meta;
  }
}
