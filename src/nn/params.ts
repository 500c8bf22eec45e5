/**
 * Parameter trees: a model's parameters are a plain pytree of engine arrays — nested objects and
 * arrays whose leaves are `Array`s, e.g. `{ conv1: { w, b }, head: [{ w, b }, { w, b }] }`.
 * The engine's `tree.map`, `tree.ref` and `tree.dispose` work on them directly.
 *
 * Ownership (see the engine notes): every function here that takes a tree says whether it
 * consumes it. Reading `.shape` never consumes.
 */
import { np, tree, type Array } from "../engine/jax.js";

/**
 * A pytree of engine arrays: an `Array` (a leaf), or a plain object / JS array whose values are
 * ParamTrees. Typed as `object` so that model interfaces (`{ conv1: Conv2dParams, ... }`) fit
 * without index signatures; the functions below walk the structure at run time.
 */
export type ParamTree = object;

/** One leaf with its dotted path, e.g. `conv1.w` or `head.0.b`. */
export interface TreeLeaf {
  path: string;
  array: Array;
}

/** True when `x` is an engine array (a leaf) rather than a container. */
export function isLeaf(x: unknown): x is Array {
  return typeof x === "object" && x !== null && !globalThis.Array.isArray(x) && "shape" in x && "dtype" in x && "dispose" in x;
}

/**
 * The leaves of `t` with their paths, in a fixed order (object keys in insertion order, array
 * elements by index). Does not consume `t`: the returned arrays are the tree's own leaves.
 */
export function treeLeaves(t: ParamTree, prefix = ""): TreeLeaf[] {
  if (isLeaf(t)) return [{ path: prefix, array: t }];
  const out: TreeLeaf[] = [];
  const entries: [string, unknown][] = globalThis.Array.isArray(t) ? t.map((v, i) => [String(i), v]) : Object.entries(t);
  for (const [k, v] of entries) out.push(...treeLeaves(v as ParamTree, prefix === "" ? k : `${prefix}.${k}`));
  return out;
}

/** Total number of scalars in the tree (does not consume). */
export function paramCount(t: ParamTree): number {
  return treeLeaves(t).reduce((n, l) => n + l.array.size, 0);
}

/** A tree of zeros with the shapes and dtypes of `t` (does not consume `t`). */
export function zerosLike<T extends ParamTree>(t: T): T {
  return mapLeaves(t, (a) => np.zeros(a.shape, { dtype: a.dtype })) as T;
}

/** A new tree with `fn` applied to every leaf (structure kept). `fn` decides about ownership. */
export function mapLeaves(t: ParamTree, fn: (leaf: Array, path: string) => Array, prefix = ""): ParamTree {
  if (isLeaf(t)) return fn(t, prefix);
  if (globalThis.Array.isArray(t)) return t.map((v, i) => mapLeaves(v as ParamTree, fn, prefix === "" ? String(i) : `${prefix}.${i}`));
  const out: Record<string, ParamTree> = {};
  for (const [k, v] of Object.entries(t)) out[k] = mapLeaves(v as ParamTree, fn, prefix === "" ? k : `${prefix}.${k}`);
  return out;
}

/** `tree.ref` with our tree type: +1 reference on every leaf, returns the same tree. */
export function refTree<T extends ParamTree>(t: T): T {
  return tree.ref(t as never) as T;
}

/** `tree.dispose` with our tree type: −1 reference on every leaf. */
export function disposeTree(t: ParamTree | null | undefined): void {
  if (t != null) tree.dispose(t as never);
}

/**
 * Throw `Err` unless `actual` has exactly the leaves of `expected` (same paths, shapes and dtypes),
 * e.g. parameters read from a file against a freshly initialised model. Consumes neither tree.
 */
export function assertSameShapes(expected: ParamTree, actual: ParamTree, source: string, Err: new (m: string) => Error): void {
  const got = new Map(treeLeaves(actual).map((l) => [l.path, l.array]));
  const want = treeLeaves(expected);
  for (const { path, array } of want) {
    const a = got.get(path);
    if (!a || a.dtype !== array.dtype || a.shape.length !== array.shape.length || a.shape.some((d, i) => d !== array.shape[i])) {
      throw new Err(`${source}: parameter ${path} should be ${array.dtype} [${array.shape}] but is ${a ? `${a.dtype} [${a.shape}]` : "missing"}; pass a file written by ndp for this model`);
    }
  }
  if (got.size !== want.length) throw new Err(`${source}: ${got.size - want.length} unexpected extra parameters; pass a file written by ndp for this model`);
}

/** Copy every leaf to the host as a Float32Array (does not consume). */
export function treeToHost(t: ParamTree): { path: string; shape: number[]; data: Float32Array }[] {
  return treeLeaves(t).map(({ path, array }) => {
    const d = array.ref.dataSync();
    return { path, shape: [...array.shape], data: d instanceof Float32Array ? d : Float32Array.from(d as ArrayLike<number>) };
  });
}
