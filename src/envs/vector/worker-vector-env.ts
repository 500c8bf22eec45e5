/**
 * The multi-threaded vector env: envs spread over T threads in contiguous blocks (thread t gets
 * envs [t·n/T, (t+1)·n/T)) — this thread steps block 0 itself and T − 1 worker_threads step the
 * others — with actions and results in a SharedArrayBuffer and commands in a shared control block
 * (control.ts). `reset`/`step` are synchronous: the main thread publishes a command, runs its own
 * block, then waits until every worker has finished. Since the caller would otherwise sit idle,
 * doing a share of the work saves a thread, and with T threads on T cores the waiting sides can
 * spin briefly instead of sleeping (waking a sleeping thread costs ~0.1 ms on a VM).
 */
import { Worker } from "node:worker_threads";
import { makeEnv } from "../registry.js";
import { buildEnvs } from "./build-envs.js";
import { EnvBatch } from "./env-batch.js";
import { NdpError } from "../../errors.js";
import { BufferedVectorEnv } from "./buffered-vector-env.js";
import { allocateVectorBuffers, vectorSizes, type VectorBuffers } from "./buffers.js";
import { allocateControl, Command, CMD, doneIndex, ERROR_BYTES, HAS_SEED, SEQ, spinThenWait, statusIndex, type ControlBlock } from "./control.js";
import { checkVectorOptions, type TaskVectorEnvOptions } from "./vector-env.js";
import type { WorkerInit, WorkerReady, WorkerStart } from "./worker.js";

const BOOTSTRAP = new URL("./worker-bootstrap.js", import.meta.url);
const ENTRY = new URL("./worker.ts", import.meta.url).href;
/** Spins of the main thread before it sleeps waiting for a worker (see spinThenWait). */
const MAIN_SPINS = 200_000;
/** A worker that does not finish a command within this time is considered dead. */
const COMMAND_TIMEOUT_MS = 300_000;

export class WorkerVectorEnv extends BufferedVectorEnv {
  private seq = 0;
  private closed = false;

  private constructor(
    task: string,
    ready: WorkerReady,
    buffers: VectorBuffers,
    private readonly workers: Worker[],
    private readonly control: ControlBlock,
    private readonly own: EnvBatch,
  ) {
    super(task, ready, buffers);
  }

  /** `options.workers` = threads stepping envs (≥ 2): this one plus workers − 1 worker threads. */
  static async create(options: TaskVectorEnvOptions): Promise<WorkerVectorEnv> {
    const requested = checkVectorOptions(options);
    const n = options.numEnvs;
    const threads = Math.max(2, Math.min(requested, n));
    const block = (t: number) => [Math.floor((t * n) / threads), Math.floor(((t + 1) * n) / threads)] as const;
    const workers: Worker[] = [];
    const readies: Promise<WorkerReady>[] = [];
    try {
      for (let t = 1; t < threads; t++) {
        const [start, end] = block(t);
        const init: WorkerInit = { entry: ENTRY, task: options.task, config: options.config, start, count: end - start };
        const worker = new Worker(BOOTSTRAP, { workerData: init });
        workers.push(worker);
        readies.push(waitReady(worker, t - 1));
      }
      const ownEnvs = await buildEnvs(block(0)[1], () => makeEnv(options.task, { config: options.config }));
      const all = await Promise.all(readies);
      const ready = all[0];
      const sizes = vectorSizes(n, ready, ready.robotSize);
      const buffers = allocateVectorBuffers(sizes, true);
      const control = allocateControl(workers.length);
      workers.forEach((worker, index) => {
        const start: WorkerStart = { type: "start", index, workers: workers.length, buffer: buffers.buffer as SharedArrayBuffer, control: control.buffer, sizes };
        worker.postMessage(start);
        worker.unref(); // a forgotten close() must not keep the process alive
      });
      return new WorkerVectorEnv(options.task, ready, buffers, workers, control, new EnvBatch(ownEnvs, 0, buffers));
    } catch (e) {
      for (const r of readies) r.catch(() => undefined); // the first error is the one reported
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
  }

  protected override runReset(seed: number | undefined): void {
    const ints = this.control.ints;
    if (seed === undefined) ints[HAS_SEED] = 0;
    else {
      ints[HAS_SEED] = 1;
      this.control.seed[0] = seed;
    }
    this.run(Command.Reset);
  }

  protected override runStep(): void {
    this.run(Command.Step);
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.run(Command.Close);
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
  }

  /**
   * Publish `cmd` to every worker, run it on this thread's block, then wait until all workers have
   * finished it; rethrow this thread's error or a worker's.
   */
  private run(cmd: number): void {
    if (this.closed && cmd !== Command.Close) throw new NdpError("env", `vector env "${this.task}" is closed; create a new one`);
    const ints = this.control.ints;
    const seq = ++this.seq;
    ints[CMD] = cmd;
    Atomics.store(ints, SEQ, seq);
    Atomics.notify(ints, SEQ);
    let ownError: unknown;
    try {
      if (cmd === Command.Step) this.own.step();
      else if (cmd === Command.Reset) this.own.reset(ints[HAS_SEED] === 1 ? this.control.seed[0] : undefined);
      else this.own.close();
    } catch (e) {
      ownError = e;
    }
    const deadline = Date.now() + COMMAND_TIMEOUT_MS;
    for (let w = 0; w < this.workers.length; w++) {
      let done = Atomics.load(ints, doneIndex(w));
      while (done !== seq) {
        if (Date.now() > deadline) throw new Error(`vector env worker ${w} did not finish a command in ${COMMAND_TIMEOUT_MS / 1000} s`);
        done = spinThenWait(ints, doneIndex(w), done, MAIN_SPINS, 1000);
      }
    }
    if (ownError !== undefined) throw ownError;
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
