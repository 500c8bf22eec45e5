/**
 * A sweep spec expanded into grid points and runs.
 *
 * Points: design `product` crosses every grid axis (first axis outermost) and then the variants;
 * `one-at-a-time` sets one axis at a time to each of its values, the others staying at base (so
 * the base point typically recurs once per axis — as the same run). Each point gets a panel (the
 * figure it is drawn in) and a line label:
 * - product: lines = the `lines` axis (default: the variants, else the last grid axis); one panel
 *   per combination of the other axes;
 * - one-at-a-time: one panel per axis, a line per value (and variant).
 *
 * Runs: for every point and seed, entries = base ← variant ← point ← quick.base (at --quick),
 * resolved and validated by the job kind and named by runId. Runs with the same id (the base
 * point of a one-at-a-time design) are one run, shared by the points.
 */
import { ConfigError } from "../errors.js";
import { mergeEntries, withEntry } from "./entries.js";
import type { RunSpec } from "./job.js";
import type { JobKind } from "./job-kind.js";
import { getJobKind } from "./job-kinds.js";
import { runId } from "./run-id.js";
import { VARIANT_AXIS, type GridAxis, type SweepSpec, type Variant } from "./spec.js";

export interface GridPoint {
  /** Unique within the plan, e.g. "task=push, ndp-ppo". */
  label: string;
  /** Key of the panel (figure) it is drawn in. */
  panel: string;
  /** Its line's name inside the panel. */
  line: string;
  /** Axis path (or "variant") → value. */
  values: Record<string, unknown>;
  /** One run id per seed, in seed order. */
  runIds: string[];
  /** The kind's one-line settings of the point's first run (budget, k, reward delay ...). */
  settings: string;
}

export interface Panel {
  key: string;
  title: string;
  /** Labels of its points, in plan order. */
  points: string[];
}

export interface SweepPlan {
  spec: SweepSpec;
  kind: JobKind;
  quick: boolean;
  seeds: number[];
  points: GridPoint[];
  panels: Panel[];
  /** Unique runs, in plan order. */
  runs: RunSpec[];
}

/** Display text of an axis value. */
export function valueText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Expand `spec` (at the --quick scale when `quick`) into points and validated runs. */
export function planSweep(spec: SweepSpec, options: { quick?: boolean } = {}): SweepPlan {
  const quick = options.quick ?? false;
  if (quick && !spec.quick) throw new ConfigError(`sweep spec ${spec.source} has no quick scale; add a "quick" entry or run without --quick`);
  const grid: GridAxis[] = spec.grid.map((a) => (quick ? (spec.quick!.grid.find((b) => b.path === a.path) ?? a) : a));
  const seeds = quick ? (spec.quick!.seeds ?? spec.seeds) : spec.seeds;
  const scale = quick ? spec.quick!.base : {};
  const kind = getJobKind(spec.kind);
  const name = (path: string) => spec.axisNames[path] ?? path;
  const piece = (path: string, v: unknown) => (path === VARIANT_AXIS ? valueText(v) : `${name(path)}=${valueText(v)}`);
  const variants: (Variant | undefined)[] = spec.variants.length ? spec.variants : [undefined];

  // the points: [{ axis values }, panel pieces, line pieces]
  const raw: { values: [string, unknown][]; panel: string[]; line: string[] }[] = [];
  const withVariant = (values: [string, unknown][], v: Variant | undefined): [string, unknown][] => (v ? [...values, [VARIANT_AXIS, v.name]] : values);
  if (spec.design === "one-at-a-time") {
    for (const axis of grid)
      for (const value of axis.values)
        for (const v of variants) {
          const values = withVariant([[axis.path, value]], v);
          raw.push({ values, panel: [name(axis.path)], line: values.map(([p, x]) => piece(p, x)).reverse() });
        }
  } else {
    const lines = spec.lines ?? (spec.variants.length ? VARIANT_AXIS : grid.at(-1)?.path);
    for (const combo of product(grid))
      for (const v of variants) {
        const values = withVariant(combo, v);
        raw.push({ values, panel: values.filter(([p]) => p !== lines).map(([p, x]) => piece(p, x)), line: values.filter(([p]) => p === lines).map(([p, x]) => piece(p, x)) });
      }
  }

  const runs = new Map<string, RunSpec>();
  const points: GridPoint[] = [];
  const panels = new Map<string, Panel>();
  for (const r of raw) {
    const label = r.values.map(([p, x]) => piece(p, x)).join(", ") || spec.name;
    const variant = spec.variants.find((v) => r.values.some(([p, x]) => p === VARIANT_AXIS && x === v.name));
    let entries = mergeEntries(spec.base, variant?.entries ?? {});
    for (const [path, value] of r.values) if (path !== VARIANT_AXIS) entries = withEntry(entries, path, value, `sweep spec ${spec.source}`);
    entries = mergeEntries(entries, scale);
    const runIds: string[] = [];
    let settings = "";
    for (const seed of seeds) {
      const config = kind.resolve(entries, seed, `sweep spec ${spec.source}: run ${label} seed ${seed}`);
      const id = runId(kind.name, config, seed, kind.identityFree);
      if (!runs.has(id)) runs.set(id, { id, kind: kind.name, config, seed, label: `${label} seed ${seed}` });
      runIds.push(id);
      settings ||= kind.settings(config);
    }
    const panelKey = r.panel.join(", ") || "all";
    const panel = panels.get(panelKey) ?? { key: panelKey, title: spec.design === "one-at-a-time" ? `${spec.name}: ${panelKey}` : panelKey === "all" ? spec.name : `${spec.name}: ${panelKey}`, points: [] };
    panels.set(panelKey, panel);
    const point: GridPoint = { label, panel: panelKey, line: r.line.join(", ") || spec.name, values: Object.fromEntries(r.values), runIds, settings };
    panel.points.push(point.label);
    points.push(point);
  }
  return { spec, kind, quick, seeds, points, panels: [...panels.values()], runs: [...runs.values()] };
}

/** Every combination of the axes' values, the first axis outermost. */
function product(axes: GridAxis[]): [string, unknown][][] {
  return axes.reduce<[string, unknown][][]>((acc, axis) => acc.flatMap((combo) => axis.values.map((v): [string, unknown][] => [...combo, [axis.path, v]])), [[]]);
}
