export * from "./lite/tracemark_wasm.js";
export * from "./errors.js";
export { integrity } from "./integrity.js";
