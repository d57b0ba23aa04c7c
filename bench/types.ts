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

/** Every area's benchmark module exports `run` with this signature. */
export type BenchModule = { run: () => Promise<BenchRow[]> };
