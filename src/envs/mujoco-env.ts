/**
 * The generic MuJoCo env: Gymnasium semantics (see env.ts) around a task's {@link TaskInstance}.
 * One step = check and clip the action → `task.applyAction` → `frameSkip` physics substeps →
 * instability check → observation, reward, success → horizon.
 */
import type { Env, ResetOptions, ResetResult, RobotState, StepResult } from "./env.js";
import { Episode } from "./episode.js";
import { runSubsteps } from "./substeps.js";
import type { TaskInstance, TaskSpec } from "./task.js";

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
  private readonly episode: Episode;
  /** A copy of the last stable observation (returned again if the physics blows up). */
  private readonly lastObs: Float64Array;

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
    this.episode = new Episode(name, task.actionSpec, task.horizon);
  }

  reset(options: ResetOptions = {}): ResetResult {
    const rng = this.episode.begin(options);
    const sim = this.task.sim;
    sim.reset();
    this.task.resetTask(rng);
    const reason = sim.instability();
    if (reason !== null) throw new Error(`task "${this.name}" is unstable right after reset (${reason}); this is a bug in its model or reset`);
    const obs = new Float64Array(this.lastObs.length);
    this.task.observe(obs);
    this.lastObs.set(obs);
    return { obs, info: this.episode.resetInfo(this.task.evaluate().success) };
  }

  step(action: ArrayLike<number>): StepResult {
    const info = this.episode.step(action);
    const task = this.task;
    const sim = task.sim;
    task.applyAction(this.episode.action);
    runSubsteps(task);
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
    if (reason !== null) {
      // The data holds the blow-up until reset() rebuilds the state; report the last stable obs.
      this.episode.abort();
      info.reason = `physics became unstable: ${reason}`;
      return { obs: Float64Array.from(this.lastObs), reward: 0, terminated: false, truncated: true, info };
    }
    const { reward, success } = task.evaluate();
    info.success = success;
    this.lastObs.set(obs);
    return { obs, reward, terminated: false, truncated: this.episode.truncatedAtHorizon(), info };
  }

  robotState(): RobotState {
    return this.task.robotState();
  }

  close(): void {
    this.task.sim.dispose();
  }
}

/** What a MuJoCo task folder's index.ts declares: its TaskSpec, with a TaskInstance factory instead of an env factory. */
export interface MujocoTaskDefinition<C extends object> extends Omit<TaskSpec<C>, "physics" | "createEnv"> {
  /** Load the model and build the task instance with `config`. */
  createTask(config: C): Promise<TaskInstance>;
}

/** The TaskSpec of a MuJoCo task: its env is a {@link MujocoEnv} around `createTask(config)`. */
export function mujocoTask<C extends object>(definition: MujocoTaskDefinition<C>): TaskSpec<C> {
  const { createTask, ...spec } = definition;
  return { ...spec, physics: "mujoco", createEnv: async (config) => new MujocoEnv(spec.name, await createTask(config)) };
}
