/**
 * The Sawyer-like arm shared by reach, push, soccer and faucet-open: model loading, Meta-World style
 * mocap control, the gripper, the reset procedure and the 9-D observation layout.
 *
 * Control (per env step, tasks.md §1): mocap ← clip(mocap + 0.01 m · clip(a_xyz, −1, 1), handLow,
 * handHigh); the hand is welded to the mocap with its fingers pointing down. The gripper command
 * g ∈ [−1, 1] (−1 open, +1 closed) drives both finger servos.
 *
 * Reset: all data to the model reference, the arm to its settled home pose for `handInit` (found
 * once per thread by letting the weld pull the arm there), the mocap to `handInit`, the task places
 * its objects, then `settleSubsteps` physics substeps so contacts and the weld come to rest.
 */
import type { Simulation } from "../../../physics/mujoco.js";
import { boxSpec, type BoxSpec, type RobotState } from "../../env.js";
import { loadTaskModel } from "../../task-model.js";
import { copy3, type Vec3 } from "../../vec3.js";

/** The shared scene (arm, gripper, table) that every Sawyer task file includes. */
const SCENE_FILE = "sawyer-scene.xml";

/** Settings every Sawyer-like task has (each task's `defaultConfig()` fills them in). */
export interface SawyerConfig {
  /** Episode length in env steps (NDP: 150). */
  horizon: number;
  /** Physics substeps per env step (5 × 0.0025 s = 0.0125 s). */
  frameSkip: number;
  /** Metres of mocap motion per unit action (0.01). */
  actionScale: number;
  /** Hand (mocap) position at reset. */
  handInit: Vec3;
  /** Lower / upper bounds of the mocap position. */
  handLow: Vec3;
  handHigh: Vec3;
  /** Substeps run after placing the objects at reset. */
  settleSubsteps: number;
}

/** Meta-World's shared defaults (tasks.md §1, §2). */
export function sawyerDefaults(): SawyerConfig {
  return {
    horizon: 150,
    frameSkip: 5,
    actionScale: 0.01,
    handInit: [0, 0.6, 0.2],
    handLow: [-0.5, 0.4, 0.05],
    handHigh: [0.5, 1.0, 0.5],
    settleSubsteps: 20,
  };
}

/** The gripper command of the 3-D-action tasks (reach, push, soccer): closed, the pads form one pusher. */
export const GRIPPER_CLOSED = 1;

/** Height of the hand body above the tool centre point (pad centres) when the fingers point down. */
export const TCP_BELOW_HAND = 0.035;

/** Joint angles from which the home pose is settled (hand roughly at (0, 0.6, 0.2), fingers down). */
const HOME_GUESS = [1.32, -1.13, 0, 1.73, 0, 0.97, -0.29];
const ARM_JOINTS = ["j0", "j1", "j2", "j3", "j4", "j5", "j6", "r_close", "l_close"];
/** Substeps used to settle the arm at a new hand position (1 s of simulated time). */
const HOME_SUBSTEPS = 400;
/** Half the finger travel (m): the servo target is FINGER_HALF_TRAVEL · (g + 1). */
const FINGER_HALF_TRAVEL = 0.0225;
const homeCache = new Map<string, Float64Array>();

/** Load a Sawyer task model (`taskFile` in assets/mjcf/ includes sawyer-scene.xml). */
export async function loadSawyerModel(taskFile: string): Promise<Simulation> {
  return loadTaskModel(taskFile, SCENE_FILE);
}

/**
 * Offsets of the three points (x, y, z each) in the 9-D "NDP-faithful" observation of every Sawyer
 * task:
 * | index | label | meaning |
 * | 0–2 | hand_x, hand_y, hand_z | hand body position |
 * | 3–5 | obj_x, obj_y, obj_z | the task's object point |
 * | 6–8 | goal_x, goal_y, goal_z | goal position |
 */
export const SAWYER_OBS = { hand: 0, object: 3, goal: 6 } as const;

/** Observation size of the Sawyer tasks. */
export const SAWYER_OBS_SIZE = 9;

/** The three points of a Sawyer observation, as views (3 each) into `obs`. */
export function sawyerPoints(obs: Float64Array): { hand: Float64Array; object: Float64Array; goal: Float64Array } {
  const view = (o: number) => obs.subarray(o, o + 3);
  return { hand: view(SAWYER_OBS.hand), object: view(SAWYER_OBS.object), goal: view(SAWYER_OBS.goal) };
}

/** Labels and bounds of the 9-D observation ({@link SAWYER_OBS}). */
export function sawyerObservationSpec(config: SawyerConfig, objLow: Vec3, objHigh: Vec3, goalLow: Vec3, goalHigh: Vec3): BoxSpec {
  const margin = 0.05; // the hand lags the mocap a little; the bounds allow for it
  const rows = new Array<[string, number, number]>(SAWYER_OBS_SIZE);
  const point = (offset: number, name: string, low: ArrayLike<number>, high: ArrayLike<number>) =>
    ["x", "y", "z"].forEach((c, i) => (rows[offset + i] = [`${name}_${c}`, low[i], high[i]]));
  point(SAWYER_OBS.hand, "hand", config.handLow.map((v) => v - margin), config.handHigh.map((v) => v + margin));
  point(SAWYER_OBS.object, "obj", objLow, objHigh);
  point(SAWYER_OBS.goal, "goal", goalLow, goalHigh);
  return boxSpec(rows);
}

/** The action box: xyz deltas in [−1, 1] (× actionScale metres), plus the gripper when `withGripper`. */
export function sawyerActionSpec(withGripper: boolean): BoxSpec {
  const rows: Array<[string, number, number]> = [["dx", -1, 1], ["dy", -1, 1], ["dz", -1, 1]];
  if (withGripper) rows.push(["gripper", -1, 1]);
  return boxSpec(rows);
}

/** Ids and helpers for the arm inside one simulation. */
export class SawyerRig {
  readonly sim: Simulation;
  readonly config: SawyerConfig;
  private readonly handBody: number;
  private readonly mocap: number;
  private readonly rightPad: number;
  private readonly leftPad: number;
  private readonly armQpos: number[];
  private readonly armDof: number[];
  private readonly prevHand = new Float64Array(3);
  private readonly dt: number;

  constructor(sim: Simulation, config: SawyerConfig) {
    this.sim = sim;
    this.config = config;
    this.handBody = sim.id("body", "hand");
    this.mocap = sim.mocapIndex("mocap");
    this.rightPad = sim.id("site", "rightEndEffector");
    this.leftPad = sim.id("site", "leftEndEffector");
    this.armQpos = ARM_JOINTS.map((j) => sim.jointQposAddress(j));
    this.armDof = ARM_JOINTS.map((j) => sim.jointDofAddress(j));
    this.dt = sim.timestep * config.frameSkip;
  }

  /** Hand body position → out[o:o+3]. */
  hand(out: { [i: number]: number }, o = 0): void {
    copy3(out, o, this.sim.xpos, 3 * this.handBody);
  }

  /** Tool centre point (mean of the two pad sites) → out[o:o+3]. */
  tcp(out: { [i: number]: number }, o = 0): void {
    const s = this.sim.siteXpos;
    const r = 3 * this.rightPad;
    const l = 3 * this.leftPad;
    for (let k = 0; k < 3; k++) out[o + k] = 0.5 * (s[r + k] + s[l + k]);
  }

  /** Distance between the two pads' centres (0.1 open, ~0.01 closed). */
  padGap(): number {
    const s = this.sim.siteXpos;
    const r = 3 * this.rightPad;
    const l = 3 * this.leftPad;
    return Math.hypot(s[r] - s[l], s[r + 1] - s[l + 1], s[r + 2] - s[l + 2]);
  }

  /** Set both finger servos: −1 open … +1 closed. */
  setGripper(g: number): void {
    const ctrl = this.sim.ctrl;
    ctrl[0] = g;
    ctrl[1] = g;
  }

  /** mocap ← clip(mocap + scale · a, handLow, handHigh) for a = action[0:3]. */
  moveMocap(action: ArrayLike<number>): void {
    const p = this.sim.mocapPos;
    const i = 3 * this.mocap;
    const { actionScale, handLow, handHigh } = this.config;
    for (let k = 0; k < 3; k++) {
      const target = p[i + k] + actionScale * action[k];
      p[i + k] = Math.min(handHigh[k], Math.max(handLow[k], target));
    }
    this.hand(this.prevHand);
  }

  /**
   * First half of a reset (after sim.reset()): arm at its home pose for handInit, mocap there with
   * identity orientation, gripper set to `gripper`. The task then places its objects and calls
   * {@link settle}.
   */
  resetArm(gripper: number): void {
    const home = this.homePose();
    const sim = this.sim;
    const qpos = sim.qpos;
    const qvel = sim.qvel;
    this.armQpos.forEach((adr, k) => (qpos[adr] = home[k]));
    // Fingers start at their servo target: q = 0.0225 (g + 1) (see the actuators in sawyer-scene.xml).
    qpos[this.armQpos[7]] = qpos[this.armQpos[8]] = FINGER_HALF_TRAVEL * (gripper + 1);
    this.armDof.forEach((adr) => (qvel[adr] = 0));
    this.placeMocap();
    this.setGripper(gripper);
  }

  /** Run the reset's settling substeps and remember the hand position for the velocity estimate. */
  settle(): void {
    this.sim.forward();
    this.sim.step(this.config.settleSubsteps);
    this.sim.forward();
    this.hand(this.prevHand);
  }

  /** The DMP start state: hand position and velocity ((hand − hand before the last action) / dt). */
  robotState(): RobotState {
    const position = new Float64Array(3);
    this.hand(position);
    const velocity = new Float64Array(3);
    for (let k = 0; k < 3; k++) velocity[k] = (position[k] - this.prevHand[k]) / this.dt;
    return { kind: "end-effector", position, velocity };
  }

  private placeMocap(): void {
    const sim = this.sim;
    sim.mocapPos.set(this.config.handInit, 3 * this.mocap);
    sim.mocapQuat.set([1, 0, 0, 0], 4 * this.mocap);
  }

  /**
   * Arm + finger joint angles with the hand settled at handInit, computed once per thread and
   * model: from HOME_GUESS, let the weld pull the arm for HOME_SUBSTEPS substeps (gripper open).
   * Deterministic, so every worker computes the same pose.
   */
  private homePose(): Float64Array {
    const key = `${this.sim.name}|${this.config.handInit.join(",")}`;
    let home = homeCache.get(key);
    if (home === undefined) {
      const sim = this.sim;
      sim.reset();
      const qpos = sim.qpos;
      HOME_GUESS.forEach((q, k) => (qpos[this.armQpos[k]] = q));
      this.placeMocap();
      this.setGripper(-1);
      sim.forward();
      sim.step(HOME_SUBSTEPS);
      home = Float64Array.from(this.armQpos, (adr) => sim.qpos[adr]);
      homeCache.set(key, home);
      sim.reset();
    }
    return home;
  }
}
