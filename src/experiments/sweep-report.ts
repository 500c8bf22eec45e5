/**
 * The report of a sweep, written into its directory: one figure per panel (each point's mean
 * learning curve over seeds with a ±1 sample-std band; SVG + PNG in `figures/`), `table.md` (score
 * at 25 %, 50 % and 100 % of the budget and the final numbers, mean ± std over seeds, per point)
 * and `report.md` (spec, counts, figures, tables, failures, the runs and their directories).
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { lineChart, type Series } from "../report/chart.js";
import { writeFigure } from "../report/figure.js";
import type { MeanStd, PointAggregate } from "./aggregate.js";
import type { Panel, SweepPlan } from "./sweep-plan.js";
import { RUNS_DIR, type SweepOutcome } from "./sweep.js";

/** One row of the table (also the `table` of `ndp sweep --json`). */
export interface TableRow {
  point: string;
  panel: string;
  line: string;
  settings: string;
  /** Seeds with results / seeds planned. */
  seeds: string;
  budget: number;
  /** Score at fractions of the budget (null: not evaluated that early). */
  at: { fraction: number; x: number; mean: number | null; std: number | null }[];
  final: Record<string, MeanStd>;
}

export interface SweepReport {
  figures: string[];
  table: TableRow[];
  tableFile: string;
  report: string;
}

/** 0.81, 12.3, 245 — about three significant digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function formatMeanStd(m: MeanStd | undefined): string {
  if (!m || m.n === 0) return "–";
  return m.n > 1 ? `${formatNumber(m.mean)} ± ${formatNumber(m.std)}` : formatNumber(m.mean);
}

/** 750K, 3M: sample counts for headings. */
export function formatCount(x: number): string {
  return new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(x);
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._=-]+/g, "_").replace(/^_+|_+$/g, "") || "all";
}

/** The table rows of the sweep's points that have results. */
export function tableRows(o: SweepOutcome): TableRow[] {
  return o.plan.points.flatMap((p) => {
    const a = o.aggregates.get(p.label);
    if (!a) return [];
    return [{ point: p.label, panel: p.panel, line: p.line, settings: p.settings, seeds: `${a.n}/${p.runIds.length}`, budget: a.budget, at: a.at.map((t) => ({ fraction: t.fraction, x: t.x, mean: t.score?.mean ?? null, std: t.score?.std ?? null })), final: a.final }];
  });
}

/** Markdown table of `rows` (score at fractions of the budget, then the kind's final numbers). */
export function markdownTable(plan: SweepPlan, rows: TableRow[]): string {
  const m = plan.kind.measures;
  const fractions = rows[0]?.at.map((t) => t.fraction) ?? [];
  const head = ["point", "settings", "seeds", ...fractions.map((f) => `${m.score} @ ${Math.round(100 * f)} %`), ...m.finals.map(([, heading]) => heading)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    const at = r.at.map((t) => `${t.mean === null ? "–" : formatMeanStd({ mean: t.mean, std: t.std!, n: Number(r.seeds.split("/")[0]) })} (${formatCount(t.x)})`);
    lines.push(`| ${[r.point, r.settings, r.seeds, ...at, ...m.finals.map(([key]) => formatMeanStd(r.final[key]))].join(" | ")} |`);
  }
  return lines.join("\n");
}

async function panelFigure(o: SweepOutcome, panel: Panel, path: string): Promise<string[]> {
  const m = o.plan.kind.measures;
  const series: Series[] = [];
  for (const label of panel.points) {
    const point = o.plan.points.find((p) => p.label === label)!;
    const a: PointAggregate | undefined = o.aggregates.get(label);
    if (a && a.curve.x.length) series.push({ name: point.line, x: a.curve.x, y: a.curve.mean, band: a.curve.std });
  }
  if (!series.length) return [];
  const seeds = Math.max(...panel.points.map((l) => o.aggregates.get(l)?.n ?? 0));
  const svg = await lineChart(series, { title: `${panel.title} (mean ± std over ${seeds} seed${seeds === 1 ? "" : "s"})`, xLabel: m.x, yLabel: m.score, yDomain: m.scoreDomain, points: true });
  const { svg: svgPath, png } = writeFigure(path, svg);
  return [png, svgPath];
}

/** Write figures, table.md and report.md into the sweep's directory; `extra` is appended to report.md. */
export async function writeSweepReport(o: SweepOutcome, extra = ""): Promise<SweepReport> {
  const { plan } = o;
  const spec = plan.spec;
  const figures: string[] = [];
  const rows = tableRows(o);
  const used = new Set<string>();
  const sections: string[] = [];
  for (const panel of plan.panels) {
    let name = slug(panel.key === "all" ? spec.name : panel.key);
    while (used.has(name)) name += "_";
    used.add(name);
    const files = await panelFigure(o, panel, join(o.out, "figures", name));
    figures.push(...files);
    const panelRows = rows.filter((r) => r.panel === panel.key);
    sections.push(`## ${panel.title}`, "", ...(files.length ? [`![${panel.title}](figures/${name}.png)`, ""] : ["No results yet.", ""]), ...(panelRows.length ? [markdownTable(plan, panelRows), ""] : []));
  }
  const tableFile = join(o.out, "table.md");
  writeFileAtomic(tableFile, `# ${spec.name}${plan.quick ? " (quick scale)" : ""}: ${plan.kind.measures.score} at fixed sample counts\n\nMean ± sample std over seeds; in brackets the sample count (fraction of each point's budget).\n\n${plan.panels.map((p) => `## ${p.title}\n\n${markdownTable(plan, rows.filter((r) => r.panel === p.key))}\n`).join("\n")}`);
  const failed = plan.runs.filter((r) => o.results.get(r.id)?.status === "failed" || (o.results.get(r.id)?.status === "skipped" && o.results.get(r.id)?.metrics === undefined));
  const command = `ndp sweep --spec ${spec.source}${plan.quick ? " --quick" : ""} --out ${o.out}`;
  const report = [
    `# Sweep ${spec.name}${plan.quick ? " (quick scale)" : ""}`,
    "",
    ...(spec.description ? [spec.description, ""] : []),
    `Spec \`${spec.source}\` (kind ${spec.kind}, design ${spec.design}), seeds ${plan.seeds.join(", ")}: ${plan.runs.length} runs — ${o.counts.finished} finished in this call, ${o.counts.skipped} skipped (finished earlier, or busy in another process), ${o.counts.failed} failed; ${o.seconds.toFixed(0)} s. Re-run (skips finished runs, resumes interrupted ones): \`${command}\`.`,
    "",
    `Curves: each point's mean over seeds with a band of ±1 sample standard deviation (n − 1), averaged on the evaluation points every seed has. Tables: ${plan.kind.measures.score} interpolated at 25 %, 50 % and 100 % of each point's budget (sample count in brackets), mean ± sample std over seeds; "–" where a run had not been evaluated that early.`,
    ...(plan.quick ? ["", "**Quick scale**: budgets far below the paper's; the numbers show that the pipeline works, not what the methods achieve."] : []),
    "",
    ...sections,
    ...(extra ? [extra, ""] : []),
    ...(failed.length ? ["## Runs without results", "", ...failed.map((r) => `- ${r.label} (\`${RUNS_DIR}/${r.id}\`): ${o.results.get(r.id)?.error ?? "no result"}`), ""] : []),
    "## Runs",
    "",
    "| run | status | seconds | directory |",
    "|---|---|---|---|",
    ...plan.runs.map((r) => {
      const res = o.results.get(r.id);
      return `| ${r.label} | ${res?.status ?? "–"}${res?.resumed ? " (resumed)" : ""} | ${res ? res.seconds.toFixed(0) : "–"} | \`${RUNS_DIR}/${r.id}\` |`;
    }),
    "",
  ].join("\n");
  const reportFile = join(o.out, "report.md");
  writeFileAtomic(reportFile, report);
  return { figures, table: rows, tableFile, report: reportFile };
}
