/**
 * The multi-threaded vector env: envs spread over W worker_threads in contiguous blocks (worker w
 * gets envs [w·n/W, (w+1)·n/W)), with actions and results in a SharedArrayBuffer and commands in a
 * shared control block (control.ts). `reset`/`step` are synchronous: the main thread publishes a
 * command and blocks in Atomics.wait until every worker has finished it.
 */
import { Worker } from "node:worker_threads";
import { NdpError } from "../../errors.js";
import type { BoxSpec } from "../env.js";
import { allocateVectorBuffers, type VectorBuffers } from "./buffers.js";
import { allocateControl, Command, CMD, doneIndex, ERROR_BYTES, HAS_SEED, SEQ, statusIndex, type ControlBlock } from "./control.js";
import {
  checkVectorActions,
  checkVectorOptions,
  readResetResult,
  readStepResult,
  type VectorEnv,
  type VectorEnvOptions,
  type VectorResetResult,
  type VectorStepResult,
} from "./vector-env.js";
import type { WorkerInit, WorkerReady, WorkerStart } from "./worker.js";

const BOOTSTRAP = new URL("./worker-bootstrap.js", import.meta.url);
const ENTRY = new URL("./worker.ts", import.meta.url).href;
/** A worker that does not finish a command within this time is considered dead. */
const COMMAND_TIMEOUT_MS = 300_000;

export class WorkerVectorEnv implements VectorEnv {
  readonly task: string;
  readonly numEnvs: number;
  readonly observationSpec: BoxSpec;
  readonly actionSpec: BoxSpec;
  readonly horizon: number;
  readonly dt: number;
  private readonly workers: Worker[];
  private readonly buffers: VectorBuffers;
  private readonly control: ControlBlock;
  private seq = 0;
  private closed = false;

  private constructor(task: string, numEnvs: number, ready: WorkerReady, workers: Worker[], buffers: VectorBuffers, control: ControlBlock) {
    this.task = task;
    this.numEnvs = numEnvs;
    this.observationSpec = ready.observationSpec;
    this.actionSpec = ready.actionSpec;
    this.horizon = ready.horizon;
    this.dt = ready.dt;
    this.workers = workers;
    this.buffers = buffers;
    this.control = control;
  }

  static async create(options: VectorEnvOptions): Promise<WorkerVectorEnv> {
    const requested = checkVectorOptions(options);
    const n = options.numEnvs;
    const count = Math.max(1, Math.min(requested, n));
    const workers: Worker[] = [];
    try {
      const readies = [];
      for (let w = 0; w < count; w++) {
        const start = Math.floor((w * n) / count);
        const end = Math.floor(((w + 1) * n) / count);
        const init: WorkerInit = { entry: ENTRY, task: options.task, config: options.config, start, count: end - start };
        const worker = new Worker(BOOTSTRAP, { workerData: init });
        workers.push(worker);
        readies.push(waitReady(worker, w));
      }
      const all = await Promise.all(readies);
      const ready = all[0];
      const sizes = { numEnvs: n, obsSize: ready.observationSpec.shape[0], actionSize: ready.actionSpec.shape[0], robotSize: ready.robotSize };
      const buffers = allocateVectorBuffers(sizes, true);
      const control = allocateControl(count);
      workers.forEach((worker, index) => {
        const start: WorkerStart = { type: "start", index, workers: count, buffer: buffers.buffer as SharedArrayBuffer, control: control.buffer, sizes };
        worker.postMessage(start);
        worker.unref(); // a forgotten close() must not keep the process alive
      });
      return new WorkerVectorEnv(options.task, n, ready, workers, buffers, control);
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
  }

  reset(seed?: number): VectorResetResult {
    const ints = this.control.ints;
    if (seed === undefined) ints[HAS_SEED] = 0;
    else {
      ints[HAS_SEED] = 1;
      this.control.seed[0] = seed;
    }
    this.run(Command.Reset);
    return readResetResult(this.buffers);
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    checkVectorActions(this.task, actions, this.numEnvs, this.buffers.sizes.actionSize);
    this.buffers.actions.set(actions);
    this.run(Command.Step);
    return readStepResult(this.buffers);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.run(Command.Close);
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
  }

  /** Publish `cmd` to every worker and block until all have finished it; rethrow worker errors. */
  private run(cmd: number): void {
    if (this.closed && cmd !== Command.Close) throw new NdpError("env", `vector env "${this.task}" is closed; create a new one`);
    const ints = this.control.ints;
    const seq = ++this.seq;
    ints[CMD] = cmd;
    Atomics.store(ints, SEQ, seq);
    Atomics.notify(ints, SEQ);
    const deadline = Date.now() + COMMAND_TIMEOUT_MS;
    for (let w = 0; w < this.workers.length; w++) {
      let done: number;
      while ((done = Atomics.load(ints, doneIndex(w))) !== seq) {
        if (Date.now() > deadline) throw new Error(`vector env worker ${w} did not finish a command in ${COMMAND_TIMEOUT_MS / 1000} s`);
        Atomics.wait(ints, doneIndex(w), done, 1000);
      }
    }
    for (let w = 0; w < this.workers.length; w++) {
      if (Atomics.load(ints, statusIndex(this.workers.length, w)) !== 0) {
        const slot = this.control.errors.slice(w * ERROR_BYTES, (w + 1) * ERROR_BYTES);
        const end = slot.indexOf(0);
        throw new Error(`vector env worker ${w} failed: ${new TextDecoder().decode(slot.subarray(0, end < 0 ? ERROR_BYTES : end))}`);
      }
    }
  }
}

function waitReady(worker: Worker, w: number): Promise<WorkerReady> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: WorkerReady | { type: "error"; message: string }) => {
      cleanup();
      if (msg.type === "ready") resolve(msg);
      else reject(new NdpError("env", msg.message));
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new Error(`vector env worker ${w} failed to start: ${e.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`vector env worker ${w} exited with code ${code} before it was ready`));
    };
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}
