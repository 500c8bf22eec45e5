/**
 * Test helper: count the engine's live wasm buffers. jax-js keeps its backends private, so this
 * loads the package's internal backend chunk (the same module instance the engine uses), finds
 * `getBackend`, and wraps the wasm backend's malloc/incRef/decRef to keep a reference count per
 * buffer slot. Only buffers allocated after `trackLiveBuffers()` are counted. Test-only.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

interface Backend {
  malloc(size: number, data?: Uint8Array): number;
  incRef(slot: number): void;
  decRef(slot: number): void;
}

let counter: (() => number) | undefined;

export async function trackLiveBuffers(): Promise<() => number> {
  if (counter) return counter;
  const dist = dirname(createRequire(import.meta.url).resolve("@jax-js/jax"));
  const chunk = readdirSync(dist).find((f) => /^backend-.*\.js$/.test(f));
  if (!chunk) throw new Error(`no backend chunk in ${dist}`);
  const mod = (await import(pathToFileURL(join(dist, chunk)).href)) as Record<string, unknown>;
  const getBackend = Object.values(mod).find((v): v is (d: string) => Backend => typeof v === "function" && v.name === "getBackend");
  if (!getBackend) throw new Error("getBackend not found in the jax-js backend chunk");
  const backend = getBackend("wasm");
  const refs = new Map<number, number>();
  const { malloc, incRef, decRef } = backend;
  backend.malloc = function (size, data) {
    const slot = malloc.call(this, size, data);
    refs.set(slot, 1);
    return slot;
  };
  backend.incRef = function (slot) {
    incRef.call(this, slot);
    if (refs.has(slot)) refs.set(slot, refs.get(slot)! + 1);
  };
  backend.decRef = function (slot) {
    decRef.call(this, slot);
    const r = refs.get(slot);
    if (r === undefined) return;
    if (r <= 1) refs.delete(slot);
    else refs.set(slot, r - 1);
  };
  counter = () => refs.size;
  return counter;
}
