/** `ndp dmp ...` — DMP layer commands: roll-out from a JSON file, vector field, demo. */
import type { Command } from "commander";
import { join } from "node:path";
import { parseDmpRequest, toRows } from "../dmp/json.js";
import { planRollout, transferPlan } from "../dmp/transfer.js";
import { referenceRollout } from "../dmp/reference.js";
import { phasePortrait, positionField } from "../dmp/vector-field.js";
import { writeDmpDemo } from "../dmp/demo.js";
import { readJsonInput } from "../io/json-input.js";
import { checkOutputDir, checkOutputFile } from "../io/path-check.js";
import { writeFigure } from "../report/figure.js";
import { quiverSvg } from "../report/quiver.js";
import { printJson, say } from "./output.js";
import { choiceOption, floatOption, intOption } from "./options.js";
import { ShapeError } from "../errors.js";

/** The defaults of `ndp dmp rollout`. */
export const DMP_ROLLOUT_DEFAULTS: { readonly method: "closed" | "reference" } = { method: "closed" };

/** The defaults of `ndp dmp field`: the field halfway through the movement on a 21 × 21 grid. */
export const DMP_FIELD_DEFAULTS: { readonly phase: number; readonly resolution: number } = { phase: 0.5, resolution: 21 };

/** The defaults of `ndp dmp demo`. */
export const DMP_DEMO_DEFAULTS: { readonly out: string } = { out: join("runs", "dmp-demo") };

export function registerDmp(program: Command): void {
  const dmp = program.command("dmp").description("roll out DMPs and inspect the DMP layer");

  dmp
    .command("rollout")
    .description("roll out a DMP given as JSON (design.md §5) and print its trajectory")
    .requiredOption("--input <file>", 'JSON {"config": {"n_basis", "steps", ...}, "y0", "dy0", "goal", "weights"}; - for stdin')
    .option("--method <method>", "closed (the linear closed form) or reference (the Euler loop)", choiceOption(["closed", "reference"] as const), DMP_ROLLOUT_DEFAULTS.method)
    .option("--derivatives", "also print velocity and acceleration", false)
    .option("--json", "print one JSON object on stdout", false)
    .action((opts: { input: string; method: "closed" | "reference"; derivatives: boolean; json: boolean }) => {
      const { cfg, params } = parseDmpRequest(readJsonInput(opts.input));
      const r = opts.method === "reference" ? referenceRollout(cfg, params) : planRollout(transferPlan(cfg), params);
      const out: Record<string, number[][]> = { trajectory: toRows(r.position, r.points, r.dims) };
      if (opts.derivatives) {
        out.velocity = toRows(r.velocity, r.points, r.dims);
        out.acceleration = toRows(r.acceleration, r.points, r.dims);
      }
      if (opts.json) return printJson(out);
      // Text: one row per point, t then the D positions (then D velocities and D accelerations).
      const series = Object.entries(out);
      const prefix: Record<string, string> = { trajectory: "y", velocity: "dy", acceleration: "ddy" };
      say(["t", ...series.flatMap(([k]) => Array.from({ length: r.dims }, (_, d) => `${prefix[k]}${d}`))].join("\t"));
      for (let t = 0; t < r.points; t++) say([(t * cfg.dt).toFixed(4), ...series.flatMap(([, rows]) => rows[t].map((v) => v.toFixed(6)))].join("\t"));
    });

  dmp
    .command("field")
    .description("evaluate the acceleration field of a DMP at a phase (paper Fig. 1)")
    .requiredOption("--input <file>", "JSON roll-out request as for `dmp rollout`; 1 or 2 dimensions; - for stdin")
    .option("--phase <x>", "phase x in [0, 1]", floatOption(0, 1), DMP_FIELD_DEFAULTS.phase)
    .option("--resolution <n>", "grid points per axis", intOption(2, 200), DMP_FIELD_DEFAULTS.resolution)
    .option("--out <file>", "also write a quiver plot (<file>.svg and <file>.png)")
    .option("--json", "print one JSON object on stdout", false)
    .action((opts: { input: string; phase: number; resolution: number; out?: string; json: boolean }) => {
      const { cfg, params } = parseDmpRequest(readJsonInput(opts.input));
      if (opts.out) for (const ext of [".svg", ".png"]) checkOutputFile(`${opts.out}${ext}`, "figure", "pass a writable path (without extension) for --out");
      const r = planRollout(transferPlan(cfg), params);
      const range = (d: number, values: Float64Array): [number, number] => {
        let lo = Infinity;
        let hi = -Infinity;
        for (let t = 0; t < r.points; t++) {
          lo = Math.min(lo, values[t * r.dims + d]);
          hi = Math.max(hi, values[t * r.dims + d]);
        }
        const margin = Math.max(0.15 * (hi - lo), 1e-3);
        return [lo - margin, hi + margin];
      };
      let result: Record<string, unknown>;
      if (r.dims === 1) {
        const f = phasePortrait(cfg, { weights: params.weights?.[0], goal: params.goal[0], y0: params.y0[0] }, { phase: opts.phase, y: range(0, r.position), velocity: range(0, r.velocity), resolution: opts.resolution });
        result = { kind: "phase-portrait", phase: opts.phase, y: Array.from(f.y), velocity: Array.from(f.velocity), acceleration: Array.from(f.acceleration) };
        if (opts.out) {
          const pts = Array.from({ length: r.points }, (_, t) => [r.position[t], r.velocity[t]] as const);
          const u = new Float64Array(f.acceleration.length);
          f.velocity.forEach((v, j) => f.y.forEach((_, i) => (u[j * f.y.length + i] = v)));
          writeFigure(opts.out, quiverSvg({ x: f.y, y: f.velocity, u, v: f.acceleration, paths: [{ points: pts, color: "#d62728", label: "roll-out" }], title: `phase portrait at x = ${opts.phase}` }));
        }
      } else if (r.dims === 2) {
        const f = positionField(cfg, params, { phase: opts.phase, y1: range(0, r.position), y2: range(1, r.position), resolution: opts.resolution });
        result = { kind: "position-field", phase: opts.phase, y1: Array.from(f.y1), y2: Array.from(f.y2), a1: Array.from(f.a1), a2: Array.from(f.a2) };
        if (opts.out) {
          const pts = Array.from({ length: r.points }, (_, t) => [r.position[2 * t], r.position[2 * t + 1]] as const);
          writeFigure(opts.out, quiverSvg({ x: f.y1, y: f.y2, u: f.a1, v: f.a2, paths: [{ points: pts, color: "#d62728", label: "roll-out" }], title: `acceleration field at x = ${opts.phase}` }));
        }
      } else {
        throw new ShapeError(`dmp field draws 1- or 2-dimensional DMPs, got ${r.dims} dimensions`);
      }
      if (opts.json) printJson(result);
      else say(`${result.kind} at phase ${opts.phase}: ${opts.resolution}×${opts.resolution} grid${opts.out ? `, figure ${opts.out}.svg/.png` : ""}`);
    });

  dmp
    .command("demo")
    .description("roll out a few DMPs, plot them and their vector field (writes runs/<name>/)")
    .option("--out <dir>", "run directory", DMP_DEMO_DEFAULTS.out)
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { out: string; json: boolean }) => {
      checkOutputDir(opts.out, "run directory", "pass a writable directory for --out");
      const result = await writeDmpDemo(opts.out);
      if (opts.json) return printJson(result);
      say(`DMP demo written to ${result.report}`);
      for (const [k, v] of Object.entries(result.summary)) say(`  ${k}: ${v.toFixed(4)}`);
    });
}

