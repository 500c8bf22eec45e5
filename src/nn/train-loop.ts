/**
 * The one training loop: digit imitation (an iteration = an epoch), MNIST pretraining (an epoch),
 * and the RL trainers (an iteration = one update: collect a roll-out, optimise). It lives in nn/ —
 * the lowest layer that il/, rl/ and models/ (pretraining) all import — because it needs nothing
 * but checkpoints (nn) and run directories (io).
 *
 * `runTrainLoop` runs iterations i = start … iterations − 1 of `iterate(state, i)`; each returns a
 * typed record of metrics M, which the loop stamps into `{ iteration: i + 1, seconds, ...M }`, keeps
 * in the history, appends to `metricsFile` (metrics.jsonl) and passes to `onIteration`. At
 * iteration boundaries — every `checkpointEvery` iterations and after the last — it writes an
 * atomic checkpoint: the state through its {@link StateCodec} (trees of engine arrays + JSON
 * meta; extra state such as observation-normaliser statistics or counters is more trees or more
 * meta), the caller's `meta`, the iteration count and the history. With `resume` it starts from
 * such a checkpoint instead of `init()`: the state, the iteration count and the history come back
 * bit-exactly, so when `iterate` draws its randomness from (seed, iteration) — as every trainer
 * here does — a resumed run equals a straight one.
 *
 * `startTrainingRun(path, config, ...)` is the run-directory contract around it: `config.json`
 * written at the start, a directory holding a run refused unless resuming, and a resume refused
 * when the saved config differs on the keys that matter or asks for fewer iterations than done;
 * `checkTrainingRun` makes the same checks without writing anything. metrics.json and reports stay
 * with the caller.
 */
import { appendFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, InputFileError, formatValue } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { readJsonFile } from "../io/json-input.js";
import { isJsonObject, ownField } from "../io/json-shape.js";
import { checkInputDir, checkInputFile, checkOutputDir } from "../io/path-check.js";
import { openRunDir, type RunDir } from "../io/run-dir.js";
import { loadCheckpoint, readCheckpointHeader, saveCheckpoint, TRAIN_STATE_KIND, type StateCodec } from "./checkpoint.js";
import { disposeTree } from "./params.js";

/** What the loop adds to every iteration's metrics. */
export interface IterationStamp {
  /** Iterations completed, this one included (1-based). */
  iteration: number;
  /** Wall-clock seconds of this iteration. */
  seconds: number;
}

/** One line of metrics.jsonl and one entry of the history. */
export type IterationRecord<M extends object> = IterationStamp & M;

/** The files of a training run (all optional: a loop may run in memory). */
export interface TrainLoopFiles {
  /** Write checkpoints here (atomic). */
  checkpoint?: string;
  /** Start from this checkpoint (written by the loop) instead of `init()`. */
  resume?: string;
  /** Append every record here as a JSON line; a fresh run truncates it, a resumed one rewrites it from the checkpoint's history. */
  metricsFile?: string;
}

export interface TrainLoopOptions<S, M extends object> extends TrainLoopFiles {
  /** Run until this many iterations are done (a resumed run continues up to it). */
  iterations: number;
  /** Checkpoint every this many iterations (default 1), and always after the last. */
  checkpointEvery?: number;
  /** How the state is stored, rebuilt and freed. */
  codec: StateCodec<S>;
  /** A fresh state (not called when resuming). */
  init(): S;
  /** Iteration `iteration` (0-based) on `state`, in place; returns its metrics. */
  iterate(state: S, iteration: number): M;
  /** Extra JSON stored in every checkpoint (e.g. the model's spec); the codec's meta wins on a clash. */
  meta?: Record<string, unknown>;
  /** Check a checkpoint's meta before resuming from it; throw an NdpError to refuse it. */
  checkResume?(meta: Record<string, unknown>, source: string): void;
  /** After every iteration (and its checkpoint). */
  onIteration?(record: IterationRecord<M>, state: S): void;
}

export interface TrainLoopResult<S, M extends object> {
  /** The final state; the caller owns it. */
  state: S;
  /** Every iteration's record, those before a resume included. */
  history: IterationRecord<M>[];
  /** The iteration this session started at (0 unless resumed). */
  startIteration: number;
  /** Wall-clock seconds of this session. */
  seconds: number;
}

/** Run the loop (see the module comment). On an error the state is freed and the error rethrown. */
export function runTrainLoop<S, M extends object>(o: TrainLoopOptions<S, M>): TrainLoopResult<S, M> {
  const every = o.checkpointEvery ?? 1;
  if (!(Number.isInteger(o.iterations) && o.iterations >= 0)) throw new ConfigError(`the number of iterations must be an integer >= 0, got ${o.iterations}`);
  if (!(Number.isInteger(every) && every >= 1)) throw new ConfigError(`checkpointEvery must be an integer >= 1, got ${every}`);
  const t0 = performance.now();
  const start = o.resume === undefined ? { state: o.init(), iteration: 0, history: [] as IterationRecord<M>[] } : restore(o, o.resume);
  const { state, history } = start;
  if (o.metricsFile !== undefined) writeFileAtomic(o.metricsFile, history.map((r) => JSON.stringify(r) + "\n").join(""));
  const save = (done: number) => {
    if (o.checkpoint === undefined) return;
    const stored = o.codec.encode(state);
    saveCheckpoint(o.checkpoint, { kind: TRAIN_STATE_KIND, meta: { ...o.meta, ...stored.meta, iteration: done, history }, trees: stored.trees });
  };
  try {
    for (let i = start.iteration; i < o.iterations; i++) {
      const i0 = performance.now();
      const metrics = o.iterate(state, i);
      const record: IterationRecord<M> = { iteration: i + 1, seconds: (performance.now() - i0) / 1000, ...metrics };
      history.push(record);
      if ((i + 1) % every === 0 || i + 1 === o.iterations) save(i + 1);
      if (o.metricsFile !== undefined) appendFileSync(o.metricsFile, JSON.stringify(record) + "\n");
      o.onIteration?.(record, state);
    }
  } catch (e) {
    o.codec.dispose(state);
    throw e;
  }
  return { state, history, startIteration: start.iteration, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The iterations done recorded in a loop checkpoint's meta (read from `source`): `iteration` an
 * integer ≥ 0 and `history` a real array of that many records; else an InputFileError.
 */
export function iterationsDone(meta: Record<string, unknown>, source: string): number {
  const iteration = ownField(meta, "iteration");
  const history = ownField(meta, "history");
  if (!(typeof iteration === "number" && Number.isSafeInteger(iteration) && iteration >= 0 && Array.isArray(history) && history.length === iteration && history.every(isJsonObject))) {
    throw new InputFileError(`${source} has no iteration count and history (a checkpoint of an older ndp or another program, or a damaged one); start a new run in another directory`);
  }
  return iteration;
}

/** State, iteration count and history from a checkpoint written by {@link runTrainLoop}. */
function restore<S, M extends object>(o: TrainLoopOptions<S, M>, path: string): { state: S; iteration: number; history: IterationRecord<M>[] } {
  if (!existsSync(path)) throw new InputFileError(`checkpoint ${path} does not exist; drop --resume to start fresh`);
  const stored = loadCheckpoint(path, TRAIN_STATE_KIND);
  const { iteration, history } = stored.meta;
  try {
    if (iterationsDone(stored.meta, path) > o.iterations) {
      throw new ConfigError(`${path} has ${iteration as number} iterations done, more than the ${o.iterations} asked for; ask for at least as many to continue it`);
    }
    o.checkResume?.(stored.meta, path);
  } catch (e) {
    for (const tree of Object.values(stored.trees)) disposeTree(tree);
    throw e;
  }
  return { state: o.codec.decode(stored, path), iteration: iteration as number, history: history as IterationRecord<M>[] };
}

/** A training run's directory and the loop files in it. */
export interface TrainingRun {
  dir: RunDir;
  /** For {@link runTrainLoop}: dir/checkpoint.ckpt, dir/metrics.jsonl, and the checkpoint again as `resume` when resuming. */
  files: TrainLoopFiles;
}

export interface StartRunOptions<C extends object> {
  /** Continue the run in the directory (its checkpoint must exist) instead of starting one. */
  resume: boolean;
  /** The config entries a resumed run must share with the saved config.json (typically all but the iteration count). */
  fixed: readonly (keyof C & string)[];
  /**
   * The iterations this run asks for, with the option that sets them and their name: a resumed
   * run continues only to at least as many as it has done (fewer would report a shorter run than
   * the checkpoint holds).
   */
  iterations?: { count: number; option: string; unit: string };
}

/**
 * Every check of {@link startTrainingRun}, creating and writing nothing — run it before any data is
 * loaded or any work starts (for every run of a table, before the first one):
 * - fresh: refuse a directory that already holds a run (its checkpoint exists);
 * - resume: the directory and its checkpoint must exist (nothing is created), the saved
 *   config.json must be an object equal to `config` on every `fixed` key, and the checkpoint's
 *   header must record no more iterations than `o.iterations` asks for (one-line errors naming the
 *   key or the count and both values);
 * - the directory must be (or be creatable as) a writable directory (path-check.ts).
 */
export function checkTrainingRun<C extends object>(path: string, config: C, o: StartRunOptions<C>): void {
  const checkpoint = join(path, "checkpoint.ckpt");
  if (o.resume) {
    checkInputDir(path, "run directory", "pass the --out directory of the run to continue");
    checkInputFile(checkpoint, "checkpoint", "run without --resume first, or pass the run directory with --out");
    const file = join(path, "config.json");
    const saved = readJsonFile(file, "run config");
    if (!isJsonObject(saved)) throw new InputFileError(`${file} must be a JSON object, got ${formatValue(saved)}; start a new run in another directory`);
    const free = Object.keys(config).filter((k) => !o.fixed.includes(k as keyof C & string));
    for (const k of o.fixed) {
      if (JSON.stringify(ownField(saved, k)) !== JSON.stringify(config[k])) {
        throw new ConfigError(`--resume: ${k} was ${JSON.stringify(ownField(saved, k))} in ${path} but is ${JSON.stringify(config[k])} now; pass the same options${free.length ? ` (only ${free.join(", ")} may change)` : ""}`);
      }
    }
    const done = iterationsDone(readCheckpointHeader(checkpoint, TRAIN_STATE_KIND).meta, checkpoint);
    const it = o.iterations;
    if (it !== undefined && done > it.count) {
      throw new ConfigError(`--resume: ${path} has already trained ${done} ${it.unit}, more than ${it.option} ${it.count}; pass ${it.option} ${done} or more to continue it`);
    }
  } else if (existsSync(checkpoint)) {
    throw new ConfigError(`${path} already holds a training run; pass --resume to continue it or choose another --out`);
  }
  checkOutputDir(path, "run directory", "pass a writable directory with --out");
}

/**
 * Open the run directory `path` for a training run with `config` (the run-directory contract):
 * {@link checkTrainingRun}, then create the directory and write `config` to config.json. Returns
 * the files for {@link runTrainLoop}.
 */
export function startTrainingRun<C extends object>(path: string, config: C, o: StartRunOptions<C>): TrainingRun {
  checkTrainingRun(path, config, o);
  const dir = openRunDir(path);
  const checkpoint = dir.file("checkpoint.ckpt");
  dir.writeConfig(config);
  return { dir, files: { checkpoint, metricsFile: dir.file("metrics.jsonl"), resume: o.resume ? checkpoint : undefined } };
}
