/**
 * A parameter tree laid out as one flat vector: leaf i (in `tree.flatten` order) occupies
 * v[offset_i, offset_i + size_i) in row-major order,
 *
 *   v = concat(vec(leaf_0), vec(leaf_1), ...),   leaf_i = reshape(v[offset_i : offset_i + size_i], shape_i)
 *
 * so that an optimizer that works leaf by leaf and element by element (Adam) can update every
 * parameter with a few kernels over one vector instead of a few kernels per leaf, and a compiled
 * training step has three outputs (parameters, first and second moments) instead of three per leaf.
 */
import { np, tree, type Array } from "../engine/jax.js";
import type { ParamTree } from "./params.js";

type TreeDef = ReturnType<typeof tree.flatten>[1];

export interface FlatLayout {
  readonly treedef: TreeDef;
  readonly leaves: readonly { shape: number[]; offset: number; size: number }[];
  /** Total number of entries. */
  readonly size: number;
  readonly dtype: Array["dtype"];
}

/** The layout of `t` (does not consume), or undefined when its leaves do not share one dtype. */
export function flatLayout(t: ParamTree): FlatLayout | undefined {
  const [leaves, treedef] = tree.flatten(t as never) as unknown as [Array[], TreeDef];
  if (leaves.length === 0 || leaves.some((l) => l.dtype !== leaves[0].dtype)) return undefined;
  let offset = 0;
  const out = leaves.map((l) => {
    const entry = { shape: [...l.shape], offset, size: l.size };
    offset += l.size;
    return entry;
  });
  return { treedef, leaves: out, size: offset, dtype: leaves[0].dtype };
}

/** v = concat(vec(leaf_i)) for a tree with this layout. Consumes `t`. Works inside jit. */
export function flattenTree(t: ParamTree, layout: FlatLayout): Array {
  const [leaves] = tree.flatten(t as never) as unknown as [Array[]];
  if (leaves.length !== layout.leaves.length) throw new Error(`flattenTree: ${leaves.length} leaves, layout has ${layout.leaves.length}`);
  const parts = leaves.map((l) => l.reshape([-1]));
  return parts.length === 1 ? parts[0] : np.concatenate(parts, 0);
}

/** The tree with this layout whose leaves are views of `v` [size]. Consumes `v`. Works inside jit. */
export function unflattenVector(v: Array, layout: FlatLayout): ParamTree {
  const leaves = layout.leaves.map((l) => v.ref.slice([l.offset, l.offset + l.size]).reshape(l.shape));
  v.dispose();
  return tree.unflatten(layout.treedef, leaves) as ParamTree;
}

/** A key identifying the layout (tree structure, shapes, dtype). */
export function layoutKey(layout: FlatLayout): string {
  return `${layout.dtype}|${layout.treedef.toString()}|${layout.leaves.map((l) => l.shape.join("x")).join(",")}`;
}
