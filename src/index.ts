/**
 * ndp — Neural Dynamic Policies in TypeScript. The public API, exported from this one entry point.
 */
export { NdpError, ConfigError, ShapeError, InputFileError } from "./errors.js";
export { initEngine } from "./engine/jax.js";
