/**
 * How a task plugs into the generic MuJoCo env ({@link MujocoEnv}). A task file
 * (src/envs/tasks/<name>.ts) exports one {@link TaskSpec}: its documentation, its `defaultConfig()`
 * and a `create(config)` that loads the model and returns a {@link TaskInstance}. The env does the
 * rest (action checks and clipping, frame skip, instability handling, horizon, seeding).
 */
import type { Simulation } from "../physics/mujoco.js";
import type { BoxSpec, Policy, RobotState } from "./env.js";
import type { Camera } from "./render/schematic.js";
import type { Rng } from "../math/rng.js";

/** The per-task state machine the env drives; it owns the simulation. */
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

/** Static description of a registered task, shown by `ndp tasks list`. */
export interface TaskSpec<C extends object = object> {
  name: string;
  /** One line: what the robot has to do. */
  summary: string;
  robot: "sawyer" | "jaco";
  /** Which variant of the original task this is (tasks.md §11), e.g. "NDP-faithful". */
  variant: string;
  /** The success rule in words, e.g. "XY distance puck–goal <= 0.07 m". */
  successRule: string;
  /** The documented default configuration (a fresh object each call). */
  defaultConfig(): C;
  /** Load the model and build an instance with `config` (defaults filled in by the registry). */
  create(config: C): Promise<TaskInstance>;
  /** A scripted controller that solves the task (used for demonstrations and tests). */
  expert?(config: C): Policy;
  /** Viewpoint for `ndp tasks render` (default: a view of the Sawyer table from the front right). */
  camera?: Camera;
}
