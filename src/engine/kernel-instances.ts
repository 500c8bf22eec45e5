/**
 * Reuse of the array engine's WebAssembly kernel instances (a workaround, measured).
 *
 * On its synchronous wasm path (Node, and browsers without a worker pool), @jax-js/jax 0.1.25 runs
 * every kernel of every call as `new WebAssembly.Instance(module, { env: { memory } })(...)`:
 * a fresh instance per kernel launch. A kernel module is stateless — it only reads and writes the
 * shared memory it imports — and the engine's own worker path already keeps one instance per
 * kernel (its `kernelFunc` LRU). Here the same: `WebAssembly.Instance` is wrapped so that a module
 * instantiated with exactly `{ env: { memory } }` for the same Memory object gets its first
 * instance back. Any other instantiation (MuJoCo's Emscripten module, anything with other imports)
 * goes to the native constructor untouched.
 *
 * Measured on the PPO minibatch step (186 kernel launches): 11 → 6.5 ms per step on a loaded
 * 2-core machine (bench/ppo.ts has the current numbers).
 *
 * `overrideInstance` lets our own engine code answer the instantiation of one specific module
 * (internals.ts uses it for its address probe).
 */
const NativeInstance = WebAssembly.Instance;
const cache = new WeakMap<WebAssembly.Module, { memory: WebAssembly.Memory; instance: WebAssembly.Instance }>();
const overrides = new WeakMap<WebAssembly.Module, (imports: WebAssembly.Imports) => WebAssembly.Instance>();

/** The sole import is env.memory (a WebAssembly.Memory): the shape of an engine kernel. */
function memoryOf(imports: WebAssembly.Imports | undefined): WebAssembly.Memory | undefined {
  if (imports === undefined || imports === null) return undefined;
  const keys = Object.keys(imports);
  if (keys.length !== 1 || keys[0] !== "env") return undefined;
  const env = imports.env as Record<string, unknown>;
  const envKeys = Object.keys(env);
  return envKeys.length === 1 && envKeys[0] === "memory" && env.memory instanceof WebAssembly.Memory ? env.memory : undefined;
}

function CachingInstance(module: WebAssembly.Module, imports?: WebAssembly.Imports): WebAssembly.Instance {
  const memory = memoryOf(imports);
  if (memory === undefined) return new NativeInstance(module, imports);
  const hit = cache.get(module);
  if (hit !== undefined && hit.memory === memory) return hit.instance;
  const override = overrides.get(module);
  if (override !== undefined) return override(imports!);
  const instance = new NativeInstance(module, imports);
  cache.set(module, { memory, instance });
  return instance;
}
CachingInstance.prototype = NativeInstance.prototype;

if ((WebAssembly.Instance as unknown) !== CachingInstance) {
  (WebAssembly as { Instance: unknown }).Instance = CachingInstance;
}

/** Answer `new WebAssembly.Instance(module, { env: { memory } })` for this module with `factory`. */
export function overrideInstance(module: WebAssembly.Module, factory: (imports: WebAssembly.Imports) => WebAssembly.Instance): void {
  overrides.set(module, factory);
}

/** The `kernel` export of an engine kernel module instantiated on `memory` (the cached instance). */
export function kernelFunction(module: WebAssembly.Module, memory: WebAssembly.Memory): (...args: number[]) => void {
  return (new WebAssembly.Instance(module, { env: { memory } }).exports as { kernel: (...args: number[]) => void }).kernel;
}
