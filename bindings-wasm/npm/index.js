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
