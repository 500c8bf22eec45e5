/**
 * The generic MuJoCo env: Gymnasium semantics (see env.ts) around a task's {@link TaskInstance}.
 * One step = check and clip the action → `task.applyAction` → `frameSkip` physics substeps →
 * instability check → observation, reward, success → horizon.
 */
import { NdpError } from "../errors.js";
import type { Env, EnvInfo, ResetOptions, ResetResult, RobotState, StepResult } from "./env.js";
import { Rng } from "../math/rng.js";
import { runSubsteps } from "./substeps.js";
import type { TaskInstance } from "./task.js";

/** The seed an env uses when it is reset without ever having been given one. */
export const DEFAULT_SEED = 0;

export class MujocoEnv implements Env {
  readonly name: string;
  readonly observationSpec;
  readonly actionSpec;
  readonly horizon: number;
  readonly frameSkip: number;
  readonly dt: number;
  readonly robotStateSize: number;
  /** The task instance (and through it the simulation); for tests, rendering and experts. */
  readonly task: TaskInstance;
  private rng: Rng | undefined;
  private t = 0;
  private clippedTotal = 0;
  /** "ready": may step; "done": episode ended (horizon/instability), reset first; "new": never reset. */
  private phase: "new" | "ready" | "done" = "new";
  /** A copy of the last stable observation (returned again if the physics blows up). */
  private readonly lastObs: Float64Array;
  private readonly action: Float64Array;

  constructor(name: string, task: TaskInstance) {
    this.name = name;
    this.task = task;
    this.observationSpec = task.observationSpec;
    this.actionSpec = task.actionSpec;
    this.horizon = task.horizon;
    this.frameSkip = task.frameSkip;
    this.dt = task.sim.timestep * task.frameSkip;
    this.robotStateSize = task.robotState().position.length;
    this.lastObs = new Float64Array(task.observationSpec.shape[0]);
    this.action = new Float64Array(task.actionSpec.shape[0]);
  }

  reset(options: ResetOptions = {}): ResetResult {
    if (options.seed !== undefined) this.rng = new Rng(options.seed);
    this.rng ??= new Rng(DEFAULT_SEED);
    const sim = this.task.sim;
    sim.reset();
    this.task.resetTask(this.rng);
    const reason = sim.instability();
    if (reason !== null) throw new Error(`task "${this.name}" is unstable right after reset (${reason}); this is a bug in its model or reset`);
    const obs = new Float64Array(this.lastObs.length);
    this.task.observe(obs);
    this.lastObs.set(obs);
    this.t = 0;
    this.clippedTotal = 0;
    this.phase = "ready";
    const { success } = this.task.evaluate();
    return { obs, info: { success, clipped: 0, clippedTotal: 0, t: 0 } };
  }

  step(action: ArrayLike<number>): StepResult {
    if (this.phase !== "ready") {
      throw new NdpError("env", this.phase === "new"
        ? `env "${this.name}" was stepped before reset(); call reset() first`
        : `env "${this.name}" was stepped after its episode ended (truncated/terminated); call reset() first`);
    }
    const clipped = this.checkAndClip(action);
    this.clippedTotal += clipped;
    const task = this.task;
    const sim = task.sim;
    task.applyAction(this.action);
    runSubsteps(task);
    this.t++;
    let reason = sim.instability();
    const obs = new Float64Array(this.lastObs.length);
    if (reason === null) {
      task.observe(obs);
      for (let i = 0; i < obs.length; i++) {
        if (!Number.isFinite(obs[i])) {
          reason = `non-finite observation[${i}] (${obs[i]})`;
          break;
        }
      }
    }
    const info: EnvInfo = { success: false, clipped, clippedTotal: this.clippedTotal, t: this.t };
    if (reason !== null) {
      // The data holds the blow-up until reset() rebuilds the state; report the last stable obs.
      this.phase = "done";
      info.reason = `physics became unstable: ${reason}`;
      return { obs: Float64Array.from(this.lastObs), reward: 0, terminated: false, truncated: true, info };
    }
    const { reward, success } = task.evaluate();
    info.success = success;
    this.lastObs.set(obs);
    const truncated = this.t >= this.horizon;
    if (truncated) this.phase = "done";
    return { obs, reward, terminated: false, truncated, info };
  }

  robotState(): RobotState {
    return this.task.robotState();
  }

  close(): void {
    this.task.sim.dispose();
  }

  /** Validate `action` into this.action (clipped); return how many entries were clipped. */
  private checkAndClip(action: ArrayLike<number>): number {
    const n = this.action.length;
    if (action == null || typeof action.length !== "number" || action.length !== n) {
      throw new NdpError("action", `task "${this.name}" expects an action of ${n} values (${this.actionSpec.labels.join(", ")}), got ${action?.length ?? "none"}; pass one value per actionSpec entry`);
    }
    let clipped = 0;
    const { low, high } = this.actionSpec;
    for (let i = 0; i < n; i++) {
      const a = action[i];
      if (typeof a !== "number" || !Number.isFinite(a)) {
        throw new NdpError("action", `action[${i}] (${this.actionSpec.labels[i]}) for task "${this.name}" is ${a}; actions must be finite numbers`);
      }
      if (a < low[i]) {
        this.action[i] = low[i];
        clipped++;
      } else if (a > high[i]) {
        this.action[i] = high[i];
        clipped++;
      } else this.action[i] = a;
    }
    return clipped;
  }
}
