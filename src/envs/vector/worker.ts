/**
 * A vector-env worker thread (started through worker-bootstrap.js). It builds envs
 * [start, start + count) of the task, reports their specs, then serves commands from the shared
 * control block (see control.ts) until told to close, blocking in Atomics.wait between commands.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { BoxSpec, Env } from "../env.js";
import { makeEnv } from "../registry.js";
import { buildEnvs } from "./build-envs.js";
import { viewVectorBuffers, type VectorSizes } from "./buffers.js";
import { Command, CMD, doneIndex, ERROR_BYTES, HAS_SEED, SEQ, spinThenWait, statusIndex, viewControl } from "./control.js";

/**
 * Spins before sleeping between commands (≈ 0.5–1 ms): the next step usually comes sooner, and with
 * as many threads as cores the spin only burns a core that would be idle anyway.
 */
const WORKER_SPINS = 400_000;
import { EnvBatch } from "./env-batch.js";

export interface WorkerInit {
  entry: string;
  task: string;
  config?: Record<string, unknown>;
  start: number;
  count: number;
}

/** Sent once the envs exist. */
export interface WorkerReady {
  type: "ready";
  observationSpec: BoxSpec;
  actionSpec: BoxSpec;
  horizon: number;
  dt: number;
  robotSize: number;
}

/** Sent by the main thread after all workers are ready. */
export interface WorkerStart {
  type: "start";
  index: number;
  workers: number;
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  sizes: VectorSizes;
}

const init = workerData as WorkerInit;
const port = parentPort!;

async function main(): Promise<void> {
  let envs: Env[];
  try {
    envs = await buildEnvs(init.count, () => makeEnv(init.task, { config: init.config }));
  } catch (e) {
    port.postMessage({ type: "error", message: (e as Error).message });
    return;
  }
  const first = envs[0];
  const ready: WorkerReady = {
    type: "ready",
    observationSpec: first.observationSpec,
    actionSpec: first.actionSpec,
    horizon: first.horizon,
    dt: first.dt,
    robotSize: first.robotStateSize,
  };
  port.postMessage(ready);
  port.once("message", (msg: WorkerStart) => serve(envs, msg));
}

function serve(envs: Env[], msg: WorkerStart): void {
  const buffers = viewVectorBuffers(msg.buffer, msg.sizes);
  const control = viewControl(msg.control, msg.workers);
  const batch = new EnvBatch(envs, init.start, buffers);
  const ints = control.ints;
  const w = msg.index;
  let seen = 0;
  for (;;) {
    seen = spinThenWait(ints, SEQ, seen, WORKER_SPINS);
    const cmd = ints[CMD];
    try {
      if (cmd === Command.Step) batch.step();
      else if (cmd === Command.Reset) batch.reset(ints[HAS_SEED] === 1 ? control.seed[0] : undefined);
      else if (cmd === Command.Close) batch.close();
    } catch (e) {
      const slot = control.errors.subarray(w * ERROR_BYTES, (w + 1) * ERROR_BYTES);
      slot.fill(0);
      new TextEncoder().encodeInto(String((e as Error)?.message ?? e).slice(0, ERROR_BYTES / 4), slot);
      Atomics.store(ints, statusIndex(msg.workers, w), 1);
    }
    Atomics.store(ints, doneIndex(w), seen);
    Atomics.notify(ints, doneIndex(w));
    if (cmd === Command.Close) break;
  }
  port.close();
}

void main();
