/**
 * The few internals of `@jax-js/jax` 0.1.25 (pinned) that our engine workarounds reach, in one place:
 * the wasm backend object (its public methods `malloc`, `incRef`, `decRef`, `dispatch`), the
 * `ShapeTracker` class (to wrap a finished buffer as an `Array`), the backend's WebAssembly memory
 * and where a buffer lives in it. The package keeps these in an internal chunk next to its entry
 * point; it is the same module instance the engine runs on (the test helper `live-buffers.ts`
 * reaches it the same way). Nothing here edits the package.
 *
 * Buffer addresses: the backend maps a buffer "slot" to an address in its private state. To learn
 * it we dispatch a *probe*: an executable whose module is an empty wasm module that
 * `kernel-instances.ts` recognises and answers with a function that records its arguments. The
 * backend calls every kernel as `kernel(...addresses of inputs and outputs, begin, end)`, so one
 * probe dispatch over a list of slots returns their addresses.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { overrideInstance } from "./kernel-instances.js";

/** A prepared kernel or routine as the backend dispatches it. */
export interface Executable {
  source: unknown;
  /** Kernels have a compiled program; routines (sort, cholesky, ...) have none. */
  data: { program?: { module: WebAssembly.Module; workSize: number; chunkAlignment?: number; minWorkPerWorker?: number }; sync: boolean };
}

/** The public surface of jax-js's wasm backend that we use. */
export interface WasmBackend {
  readonly type: string;
  malloc(size: number, initialData?: Uint8Array): number;
  incRef(slot: number): void;
  decRef(slot: number): void;
  dispatch(exe: Executable, inputs: number[], outputs: number[]): void;
}

interface Chunk {
  getBackend(device: string): WasmBackend;
  ShapeTracker: { fromShape(shape: number[]): unknown };
}

function loadChunk(): Promise<Chunk> {
  const dist = dirname(createRequire(import.meta.url).resolve("@jax-js/jax"));
  const file = readdirSync(dist).find((f) => /^backend-.*\.js$/.test(f));
  if (file === undefined) throw new Error(`@jax-js/jax internals: no backend chunk in ${dist}`);
  return import(pathToFileURL(join(dist, file)).href).then((mod: Record<string, unknown>) => {
    const named = (name: string) => Object.values(mod).find((v) => typeof v === "function" && v.name === name);
    const getBackend = named("getBackend") as Chunk["getBackend"] | undefined;
    const ShapeTracker = named("ShapeTracker") as Chunk["ShapeTracker"] | undefined;
    if (!getBackend || !ShapeTracker) throw new Error("@jax-js/jax internals: getBackend or ShapeTracker not found (package version changed?)");
    return { getBackend, ShapeTracker };
  });
}

const chunk = await loadChunk();

/** The wasm backend every engine array in this project lives on. */
export const backend: WasmBackend = chunk.getBackend("wasm");

/** ShapeTracker.fromShape: the contiguous row-major layout of `shape`. */
export function contiguousLayout(shape: number[]): unknown {
  return chunk.ShapeTracker.fromShape(shape);
}

// -- the probe ------------------------------------------------------------------------------------
const PROBE_MODULE = new WebAssembly.Module(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
let probed: number[] = [];
let memoryObject: WebAssembly.Memory | undefined;
const probeInstance = { exports: { kernel: (...args: number[]) => void (probed = args) } } as unknown as WebAssembly.Instance;
overrideInstance(PROBE_MODULE, (imports) => {
  memoryObject = (imports.env as { memory: WebAssembly.Memory }).memory;
  return probeInstance;
});
const probeExe: Executable = { source: {}, data: { program: { module: PROBE_MODULE, workSize: 0 }, sync: true } };

/** True for our own probe dispatches (so that dispatch hooks can ignore them). */
export function isProbe(exe: Executable): boolean {
  return exe === probeExe;
}

/** The byte addresses of live buffer slots in the backend's memory, in order. */
export function slotAddresses(slots: number[]): number[] {
  backend.dispatch(probeExe, slots, []);
  return probed.slice(0, slots.length);
}

/** The backend's WebAssembly memory (the one every kernel imports). */
export function engineMemory(): WebAssembly.Memory {
  if (memoryObject === undefined) slotAddresses([]);
  return memoryObject!;
}
