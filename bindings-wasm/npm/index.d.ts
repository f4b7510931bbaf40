export * from "./full/tracemark_wasm.js";
export * from "./errors.js";
export { integrity } from "./integrity.js";
