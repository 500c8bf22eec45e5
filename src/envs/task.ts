/**
 * What a registered task is. Each task lives in its own folder src/envs/tasks/<name>/:
 * - `config.ts`: its config type, `defaultConfig()`, constants and the observation offsets (`OBS`);
 * - `task.ts`: the task itself — for a MuJoCo task a {@link TaskInstance} the generic
 *   {@link MujocoEnv} drives (action checks and clipping, frame skip, instability handling,
 *   horizon, seeding), for a pure-TypeScript task an {@link Env} of its own;
 * - `expert.ts`: its scripted controller;
 * - `index.ts`: the {@link TaskSpec} the registry lists (registry.ts).
 * task.ts and expert.ts import the config and shared robot modules (src/envs/robots/), never each
 * other.
 */
import type { Simulation } from "../physics/mujoco.js";
import type { Rng } from "../math/rng.js";
import type { BoxSpec, Env, Policy, RobotState } from "./env.js";
import type { Camera } from "./render/schematic.js";

/** The per-task state machine the MuJoCo env drives; it owns the simulation. */
export interface TaskInstance {
  readonly sim: Simulation;
  readonly observationSpec: BoxSpec;
  readonly actionSpec: BoxSpec;
  readonly horizon: number;
  readonly frameSkip: number;
  /** Put the simulation in a fresh initial state, drawing the task's randomisation from `rng`. */
  resetTask(rng: Rng): void;
  /** Apply an action that is already checked and clipped into `actionSpec` (before the substeps). */
  applyAction(action: Float64Array): void;
  /** Optional hook after each physics substep (e.g. to accumulate a per-substep reward). */
  afterSubstep?(): void;
  /** Write the observation of the current state into `out` (length observationSpec.shape[0]). */
  observe(out: Float64Array): void;
  /** Reward of the last step and whether the success rule holds now (called after `observe`). */
  evaluate(): { reward: number; success: boolean };
  /** The robot state the DMP starts from. */
  robotState(): RobotState;
}

/** Description and factory of a registered task, shown by `ndp tasks list`. */
export interface TaskSpec<C extends object = object> {
  name: string;
  /** One line: what the robot has to do. */
  summary: string;
  /** The robot: the Sawyer-like or Jaco-like MuJoCo arm, or a bare point (pure TypeScript). */
  robot: "sawyer" | "jaco" | "point";
  /** What steps the world: MuJoCo (the env is a `MujocoEnv`: renderable, benchmarkable), or plain TypeScript. */
  physics: "mujoco" | "none";
  /** Which variant of the original task this is (tasks.md §11), e.g. "NDP-faithful". */
  variant: string;
  /** The success rule in words, e.g. "XY distance puck–goal <= 0.07 m". */
  successRule: string;
  /** The documented default configuration (a fresh object each call). */
  defaultConfig(): C;
  /** Build a ready env with `config` (defaults filled in by the registry). */
  createEnv(config: C): Promise<Env>;
  /** A scripted controller that solves the task (used for demonstrations and tests). */
  expert?(config: C): Policy;
  /** Viewpoint for `ndp tasks render` (MuJoCo tasks; default: the Sawyer table from the front right). */
  camera?: Camera;
}
