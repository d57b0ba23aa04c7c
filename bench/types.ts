/** One measured figure of `npm run bench`. */
export interface BenchRow {
  area: string;
  name: string;
  value: number;
  unit: string;
  /** The target the figure is held against, in the same unit (e.g. "< 50"). */
  target?: string;
  /** A reference measured in the same run (e.g. a bare y-websocket server), for the ratio column. */
  reference?: { name: string; value: number };
  note?: string;
}

/** What the runner gives an area: its time limit, and a way to hand over rows as each case ends. */
export interface BenchContext {
  /** Date.now() time by which the area must have returned (it is stopped then). */
  deadline: number;
  /** Rows of a finished case: written to the results at once, kept if the area is stopped later. */
  emit: (rows: BenchRow[]) => void;
}

/** Every area's benchmark module exports `run`; it returns the rows it has not emitted. */
export type BenchModule = { run: (ctx: BenchContext) => Promise<BenchRow[]> };
