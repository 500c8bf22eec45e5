/**
 * Statistical charts (line plots, learning curves, bar charts) from Vega-Lite specs, rendered
 * headless to SVG. `lineChart` covers the common case of y-versus-x series.
 */
import type { TopLevelSpec } from "vega-lite";

/**
 * Render any Vega-Lite spec to an SVG string (no browser, no canvas). Vega and Vega-Lite are
 * imported on first use: loading them takes seconds that commands drawing no chart should not pay.
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Optional ± band (e.g. one standard deviation over seeds). */
  band?: ArrayLike<number>;
}

export interface LineChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
  yDomain?: [number, number];
  /** Logarithmic y axis. */
  logY?: boolean;
  /** Mark every data point (curves with few points stay visible). */
  points?: boolean;
}

/** y-versus-x lines, one colour per series, with optional shaded ± bands. */
export function lineChart(series: Series[], o: LineChartOptions = {}): Promise<string> {
  const values = series.flatMap((s) =>
    Array.from({ length: s.x.length }, (_, i) => ({
      series: s.name,
      x: s.x[i],
      y: s.y[i],
      lo: s.band ? s.y[i] - s.band[i] : s.y[i],
      hi: s.band ? s.y[i] + s.band[i] : s.y[i],
    })),
  );
  const x = { field: "x", type: "quantitative" as const, title: o.xLabel ?? "x" };
  // `zero` does not apply to a log scale (Vega-Lite warns on stderr if it is given).
  const yScale = { ...(o.yDomain ? { domain: o.yDomain } : o.logY ? {} : { zero: false }), ...(o.logY ? { type: "log" } : {}) };
  const color = { field: "series", type: "nominal" as const, title: null, sort: series.map((s) => s.name) };
  const layers: unknown[] = [];
  if (series.some((s) => s.band)) {
    layers.push({ mark: { type: "area", opacity: 0.2 }, encoding: { x, y: { field: "lo", type: "quantitative", scale: yScale }, y2: { field: "hi" }, color } });
  }
  layers.push({ mark: { type: "line", strokeWidth: 1.8, ...(o.points ? { point: { size: 18 } } : {}) }, encoding: { x, y: { field: "y", type: "quantitative", title: o.yLabel ?? "y", scale: yScale }, color } });
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: o.title,
    width: o.width ?? 420,
    height: o.height ?? 260,
    data: { values },
    layer: layers,
    config: { font: "DejaVu Sans", legend: { labelLimit: 360 } },
  } as unknown as TopLevelSpec;
  return renderVegaLite(spec);
}
