// tracemark for JavaScript, full build: everything in "tracemark/lite" plus JSON views of
// records, building and signing records from views, and the sample chain.
// The wasm module is loaded once (top-level await) in Node or a browser.
import init, { initSync } from "./full/tracemark_wasm.js";
import * as core from "./full/tracemark_wasm.js";

const wasmUrl = new URL("./full/tracemark_wasm_bg.wasm", import.meta.url);
if (typeof process !== "undefined" && process.versions && process.versions.node) {
  const { readFile } = await import("node:fs/promises");
  initSync({ module: await readFile(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

export * from "./full/tracemark_wasm.js";
export * from "./errors.js";
export { integrity } from "./integrity.js";

// wasm-bindgen moves records passed in an array into Rust, which would leave the caller's
// objects unusable: pass copies.
/** Verifies every record, then the chains: `{ verdict, reports, chainFindings, counts }`. */
export function verifyBatch(records, trust) {
  return core.verifyBatch(records.map((r) => r.clone()), trust);
}
/** Gaps, reordering, clock regressions and forks in the chains of `records`. */
export function checkChains(records) {
  return core.checkChains(records.map((r) => r.clone()));
}
// full entry only: begin
/** The trace graph of `records` (verify them first, or take them from a store). */
export function traceGraph(records) {
  return core.traceGraphOf(records.map((r) => r.clone()));
}
/**
 * The impact of a recall: `scope` is an object or JSON text (`products`, `lots`,
 * `serial_ranges`, `date_windows`, `input_lots`); options `since`, `until` (RFC 3339).
 */
export function assessRecall(graph, records, scope, options = {}) {
  return core.assessRecallOf(graph, records.map((r) => r.clone()), scope, options);
}
/** The FSMA 204 sortable spreadsheet: column table, or CSV text with `asCsv: true`. */
export function fsmaSpreadsheet(records, options = {}) {
  return core.fsmaSpreadsheetOf(records.map((r) => r.clone()), options);
}
// full entry only: end
