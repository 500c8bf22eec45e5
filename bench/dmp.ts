/**
 * `ndp bench dmp`: forward + backward of a batch of DMP roll-outs (B = 100, N = 30, m = 300, D = 2,
 * loss = mean squared error to a target, gradients with respect to w and g), measured in one run:
 *  - linear:    our DmpLayer (the closed form: one matmul), jit, float32, time-major output, on 1
 *               engine thread and on 2 (`linear_ms_2_threads`; results are identical);
 *  - unrolled:  the original release's algorithm — the Euler loop of design.md §1 unrolled for
 *               m steps and differentiated by autodiff — on the same engine, jit, float32, 1 thread;
 *  - reference: the plain float64 TypeScript loop (forward only; it is the definition).
 * speedup = unrolled_ms / linear_ms, both on 1 thread, timed round-robin so that load from other
 * processes hits both alike; CPU milliseconds (the whole process) are reported beside wall time.
 * The PyTorch figure for the original implementation is an external anchor, not measured here
 * (README, "Engine speed").
 */
import { initEngine, np, jit, valueAndGrad, random, setEngineThreads, toFloat64, fromFloat64, type Array } from "../src/engine/jax.js";
import { dmpConfig, DmpLayer, referenceRollout, basisCenters, normalisedBasis, phaseSequence } from "../src/dmp/index.js";
import { machine, parallelCapacity, r3, timeIt, timeRoundRobin } from "./timing.js";

export async function run({ quick, log }: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  await initEngine();
  const B = 100;
  const N = 30;
  const m = 300;
  const D = 2;
  const P = m + 1;
  const cfg = dmpConfig({ nBasis: N, steps: m, alphaZ: 25 });
  const runs = quick ? 5 : 30;

  // Inputs: deterministic random weights/goals/starts and a target.
  const [k1, k2, k3, k4] = random.split(random.key(0), 4) as unknown as Array[];
  const w = random.normal(k1, [B, D, N]).mul(50);
  const g = random.normal(k2, [B, D]).mul(5);
  const y0 = random.normal(k3, [B, D]);
  const target = random.normal(k4, [P, B, D]); // time-major, like the layer's output

  // --- linear path (our layer)
  const layer = new DmpLayer(cfg);
  const linearLoss = (w: Array, g: Array, y0: Array, target: Array) => np.mean(np.square(layer.rollout({ weights: w, goal: g, y0 }).sub(target)));
  const linearStep = jit(valueAndGrad(linearLoss, { argnums: [0, 1] }));
  const runLinear = () => {
    const [v, grads] = linearStep(w.ref, g.ref, y0.ref, target.ref) as unknown as [Array, Array[]];
    v.dataSync();
    for (const x of grads) x.dataSync();
  };

  // --- unrolled Euler loop through autodiff (the original algorithm)
  const xs = phaseSequence(cfg);
  const centers = basisCenters(cfg);
  const phiHost = new Float64Array(N * m);
  for (let t = 1; t <= m; t++) normalisedBasis(cfg.basis, centers, xs[t], phiHost.subarray((t - 1) * N, t * N));
  const phi = fromFloat64(phiHost, [m, N]);
  const { alphaZ, betaZ, tau, dt } = cfg;
  const unrolledLoss = (w: Array, g: Array, y0: Array, target: Array) => {
    const W = w.reshape([B * D, N]);
    const G = g.reshape([B * D, 1]);
    const Y0 = y0.reshape([B * D, 1]);
    const forcing = np.matmul(W, np.transpose(phi.ref)).mul(G.ref.sub(Y0.ref)); // [BD, m], f_t for every step
    let y = Y0;
    let z = np.zerosLike(y.ref);
    const out: Array[] = [y.ref];
    for (let t = 0; t < m; t++) {
      const f = forcing.ref.slice([], [t, t + 1]);
      const dz = G.ref.sub(y.ref).mul(betaZ).sub(z.ref).mul(alphaZ).add(f).mul(1 / tau);
      y = y.add(z.ref.mul(dt / tau));
      z = z.add(dz.mul(dt));
      out.push(y.ref);
    }
    y.dispose();
    z.dispose();
    G.dispose();
    forcing.dispose();
    const Y = np.transpose(np.concatenate(out, 1).reshape([B, D, P]), [2, 0, 1]);
    return np.mean(np.square(Y.sub(target)));
  };
  const unrolledStep = jit(valueAndGrad(unrolledLoss, { argnums: [0, 1] }));
  const runUnrolled = () => {
    const [v, grads] = unrolledStep(w.ref, g.ref, y0.ref, target.ref) as unknown as [Array, Array[]];
    v.dataSync();
    for (const x of grads) x.dataSync();
  };
  log("dmp bench: linear layer (1 and 2 engine threads) and the unrolled Euler loop (compiling ~1-5 s), round-robin ...");
  const threads: Record<string, number> = { linear: 1, linear2: 2, unrolled: 1 };
  const t = timeRoundRobin({ linear: runLinear, linear2: runLinear, unrolled: runUnrolled }, 2, runs, (name) => setEngineThreads(threads[name]));
  setEngineThreads(1);
  const { linear, linear2, unrolled } = t;
  const capacity = await parallelCapacity(quick);

  // --- accuracy: float32 layer vs the float64 reference loop, over the whole batch
  const wHost = toFloat64(w);
  const gHost = toFloat64(g);
  const y0Host = toFloat64(y0);
  const out = layer.rollout({ weights: w.ref, goal: g.ref, y0: y0.ref });
  const outHost = toFloat64(out);
  out.dispose();
  const refForward = () => {
    let maxErr = 0;
    let scale = 0;
    for (let b = 0; b < B; b++) {
      const r = referenceRollout(cfg, {
        y0: y0Host.subarray(b * D, (b + 1) * D),
        goal: gHost.subarray(b * D, (b + 1) * D),
        weights: Array.from({ length: D }, (_, d) => wHost.subarray((b * D + d) * N, (b * D + d + 1) * N)),
      });
      for (let d = 0; d < D; d++) {
        for (let p = 0; p < P; p++) {
          const ref = r.position[p * D + d];
          maxErr = Math.max(maxErr, Math.abs(outHost[(p * B + b) * D + d] - ref));
          scale = Math.max(scale, Math.abs(ref));
        }
      }
    }
    return { maxErr, scale };
  };
  let acc = { maxErr: 0, scale: 0 };
  const reference = timeIt(() => (acc = refForward()), { warmup: 1, runs: quick ? 3 : 10 });

  layer.dispose();
  phi.dispose();
  for (const x of [w, g, y0, target]) x.dispose();
  linearStep.dispose();
  unrolledStep.dispose();

  return {
    ...machine(),
    machine_parallel_capacity_2_threads: r3(capacity),
    batch: B,
    n_basis: N,
    steps: m,
    dims: D,
    dtype: "float32",
    engine_threads: 1,
    linear_ms: r3(linear.median),
    linear_cpu_ms: r3(linear.cpu),
    linear_compile_ms: r3(linear.first),
    linear_ms_2_threads: r3(linear2.median),
    linear_cpu_ms_2_threads: r3(linear2.cpu),
    reference_ms: r3(unrolled.median),
    reference_cpu_ms: r3(unrolled.cpu),
    reference_compile_ms: r3(unrolled.first),
    reference_kind: "unrolled Euler loop through autodiff (jit), same engine — the original release's algorithm",
    speedup: r3(unrolled.median / linear.median),
    speedup_2_threads_vs_1: r3(linear.median / linear2.median),
    rounds: runs,
    reference_loop_forward_ms: r3(reference.median),
    max_abs_err: acc.maxErr,
    max_rel_err: acc.maxErr / acc.scale,
  };
}
