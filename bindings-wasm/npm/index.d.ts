export * from "./full/tracemark_wasm.js";
export * from "./errors.js";
export { integrity } from "./integrity.js";
// full entry only: begin
import type { SignedRecord, TraceGraph } from "./full/tracemark_wasm.js";
/** Columns of equal length: `{ column: values }`, in the order the docs list them. */
export type ColumnTable = Record<string, (string | number | boolean | null)[]>;
/** The impact of a recall (see `assessRecall`). */
export interface RecallImpact {
  /** `"wholesale"`, `"retail"`, `"consumer"`, or null when nothing moved. */
  depth: string | null;
  /** Parts of the scope that matched nothing. */
  unmatched: string[];
  /** The nodes the trace started from. */
  starts: string[];
  goods: ColumnTable;
  shipments: ColumnTable;
  holders: ColumnTable;
  holdings: ColumnTable;
  balances: ColumnTable;
}
/** The trace graph of `records` (verify them first, or take them from a store). */
export declare function traceGraph(records: SignedRecord[]): TraceGraph;
/** The impact of a recall with `scope` (an object or its JSON text). */
export declare function assessRecall(
  graph: TraceGraph,
  records: SignedRecord[],
  scope: object | string,
  options?: { since?: string; until?: string },
): RecallImpact;
/** The FSMA 204 sortable spreadsheet. */
export declare function fsmaSpreadsheet(
  records: SignedRecord[],
  options?: { products?: string[]; lots?: string[]; since?: string; until?: string; asCsv?: false },
): ColumnTable;
export declare function fsmaSpreadsheet(
  records: SignedRecord[],
  options: { products?: string[]; lots?: string[]; since?: string; until?: string; asCsv: true },
): string;
// full entry only: end
