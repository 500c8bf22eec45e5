/**
 * The Jaco-like arm shared by throw and pick: model loading, joint-position control with per-task
 * clip limits, the reset pose, the finger centroid and the joint-space robot state.
 *
 * Control (one env step = 5 substeps of 0.01 s; tasks.md §6, §11). The action a has 9 entries
 * (0-based below): 6 arm joints, then 3 finger entries of which only a[7] is used (the original
 * copies the 2nd finger's entry to all three). Each step the servo targets move
 *
 *   target[j] ← clip(target[j] + 0.05 · a[j], low[j], high[j])     j = 0..5 (arm)
 *   finger ← clip(finger + 0.05 · a[7], low[7], high[7]),  target[f] = clip(finger, low[f], high[f])  f = 6..8
 *
 * and during the 5 substeps the servo reference slides linearly from the old to the new target
 * (r_k = old + k/5 · Δ at substep k), with velocity feed-forward:
 *
 *   ctrl = clip(r_k + SERVO_LEAD · Δ / 0.05 s, low, high),
 *   force = kp (ctrl − q) − c q̇ = kp (r_k − q) + c (v_ref − q̇)   (inside the limits)
 *
 * where c = SERVO_LEAD · kp is the joint damping in the MJCF (the servo's derivative gain; in the
 * joint damping the Euler integrator treats it implicitly, so the stiff servo stays stable for
 * every arm pose). The joints then follow the commanded trajectory about one substep behind. The
 * original wrote the clipped target straight into qpos (a kinematic teleport); we drive the joints
 * physically so that the fingers and hand hit the cube with real velocities (a teleported hand
 * gives the cube no throwing velocity, only penetration impulses).
 *
 * Gravity: the arm bodies have gravcomp 1 (the original set ctrl = qfrc_bias).
 */
import { ConfigError } from "../../../errors.js";
import type { Simulation } from "../../../physics/mujoco.js";
import { boxSpec, type BoxSpec, type RobotState } from "../../env.js";
import { loadTaskModel } from "../../task-model.js";

/** The shared scene (arm, ground, cube) every Jaco task file includes. */
const SCENE_FILE = "jaco-scene.xml";

/** Joint names in action / observation order: 6 arm hinges, 3 finger hinges. */
export const JACO_JOINTS = ["j1", "j2", "j3", "j4", "j5", "j6", "finger1", "finger2", "finger3"] as const;

/** Number of controlled joints (6 arm + 3 fingers). */
export const JACO_DOF = 9;

/** Index (in the 9-vector) of the finger entry that drives all three fingers: the 2nd finger's. */
export const FINGER_COMMAND = 7;

/** Seconds the servo reference is led by (= joint damping / kp for every servo in jaco-scene.xml). */
export const SERVO_LEAD = 0.03;

/** The fingers' physical range (rad): 0 open, 0.698 closed. */
export const FINGER_RANGE: readonly [number, number] = [0, 0.698];

/** Settings every Jaco-like task has (each task's `defaultConfig()` fills them in). */
export interface JacoConfig {
  /** Episode length in env steps. */
  horizon: number;
  /** Physics substeps (0.01 s each) per env step. */
  frameSkip: number;
  /** Radians of target motion per unit action (0.05). */
  actionScale: number;
  /** Action bound: every entry is clipped to [−actionBound, actionBound]. */
  actionBound: number;
  /** Clip limits of the servo targets, 9 joints (6 arm + 3 fingers). */
  jointLow: readonly number[];
  jointHigh: readonly number[];
  /** Arm joints at reset (6). */
  armInit: readonly number[];
  /** Finger target at reset (the fingers start at min(fingerInit, 0.698)). */
  fingerInit: number;
  /** Nominal cube centre (x, y) at reset. */
  cubeXY: readonly [number, number];
  /** Half-width of the uniform noise added to the cube's x and y at reset (m). */
  cubeNoise: number;
  /**
   * Weight w of the dense grasp shaping added to the task's own (sparse) reward, see
   * `JacoTask.graspShaping` (0: the original reward alone).
   */
  shaping: number;
  /** Randomise the cube start (false: always at cubeXY). */
  randomize: boolean;
}

/** The settings a Jaco task chooses itself; {@link jacoDefaults} fills in the rest. */
export type JacoTaskSettings = Pick<JacoConfig, "actionBound" | "jointLow" | "jointHigh" | "armInit" | "fingerInit" | "cubeXY" | "shaping">;

/**
 * A Jaco task's config: the NDP harness's shared settings (50 steps of 5 substeps, 0.05 rad per
 * unit action, the cube start randomised by ±0.02 m) around the task's own `settings`.
 */
export function jacoDefaults(settings: JacoTaskSettings): JacoConfig {
  return { horizon: 50, frameSkip: 5, actionScale: 0.05, ...settings, cubeNoise: 0.02, randomize: true };
}

/** Half-size of the cube (m); its centre rests at this height. */
export const CUBE_HALF = 0.04;

/** Joint labels for specs, e.g. "j1" .. "finger3". */
const labels = (prefix: string) => JACO_JOINTS.map((j) => `${prefix}${j}`);

/** Load a Jaco task model (`taskFile` in assets/mjcf/ includes jaco-scene.xml). */
export async function loadJacoModel(taskFile: string): Promise<Simulation> {
  return loadTaskModel(taskFile, SCENE_FILE);
}

/** The action box: 9 joint offsets in [−actionBound, actionBound] (× actionScale rad per step). */
export function jacoActionSpec(config: JacoConfig): BoxSpec {
  const b = config.actionBound;
  return boxSpec(labels("d").map((l) => [l, -b, b] as const));
}

/**
 * Observation rows for the 9 joint angles: the union of the joint's range in the model and its clip
 * limits, widened by 0.5 rad. Joint limits are soft, and the arm can be pushed past them: a finger
 * servo squeezing against its stop, or the shoulder pressing the hand into the ground under random
 * actions (measured: up to 0.3 rad past the range over 10 000 random throw steps).
 */
export function jointPositionRows(sim: Simulation, config: JacoConfig): Array<[string, number, number]> {
  const slack = 0.5;
  return JACO_JOINTS.map((j, i) => {
    const [lo, hi] = sim.jointRange(j);
    return [`q_${j}`, Math.min(lo, config.jointLow[i]) - slack, Math.max(hi, config.jointHigh[i]) + slack];
  });
}

/** Observation rows for the 9 joint velocities (rad/s). */
export function jointVelocityRows(): Array<[string, number, number]> {
  return JACO_JOINTS.map((j) => [`qd_${j}`, -50, 50]);
}

/** Observation rows for a free body's pose: position (3) and quaternion w-first (4). */
export function cubePoseRows(): Array<[string, number, number]> {
  return [
    ["cube_x", -10, 10],
    ["cube_y", -10, 10],
    ["cube_z", -0.1, 10],
    ["cube_qw", -1, 1],
    ["cube_qx", -1, 1],
    ["cube_qy", -1, 1],
    ["cube_qz", -1, 1],
  ];
}

/** Observation rows for a free body's velocity: linear (world, 3) and angular (body frame, 3). */
export function cubeVelocityRows(): Array<[string, number, number]> {
  return ["vx", "vy", "vz", "wx", "wy", "wz"].map((c) => [`cube_${c}`, -200, 200]);
}

/** Observation rows for the finger centroid. */
export function centroidRows(): Array<[string, number, number]> {
  return [
    ["fingers_x", -1.5, 1.5],
    ["fingers_y", -1.5, 1.5],
    ["fingers_z", -0.1, 1.6],
  ];
}

/** Ids and state of the arm inside one simulation. */
export class JacoRig {
  readonly sim: Simulation;
  readonly config: JacoConfig;
  private readonly qposAdr: number[];
  private readonly dofAdr: number[];
  private readonly actuators: number[];
  private readonly fingerSites: number[];
  private readonly cubeQpos: number;
  private readonly cubeDof: number;
  /** Servo targets now (9) and at the start of the current step (9). */
  private readonly target = new Float64Array(JACO_DOF);
  private readonly previous = new Float64Array(JACO_DOF);
  /** The shared finger command (before the per-finger clip). */
  private finger = 0;
  private substep = 0;
  private readonly stepSeconds: number;

  constructor(sim: Simulation, config: JacoConfig) {
    if (config.jointLow.length !== JACO_DOF || config.jointHigh.length !== JACO_DOF || config.armInit.length !== 6) {
      throw new ConfigError("a Jaco task config needs 9 jointLow and jointHigh entries and 6 armInit entries; fix the config overrides");
    }
    this.sim = sim;
    this.config = config;
    this.qposAdr = JACO_JOINTS.map((j) => sim.jointQposAddress(j));
    this.dofAdr = JACO_JOINTS.map((j) => sim.jointDofAddress(j));
    this.actuators = JACO_JOINTS.map((j) => sim.id("actuator", j));
    this.fingerSites = ["finger1_com", "finger2_com", "finger3_com"].map((s) => sim.id("site", s));
    this.cubeQpos = sim.jointQposAddress("cube_joint");
    this.cubeDof = sim.jointDofAddress("cube_joint");
    this.stepSeconds = sim.timestep * config.frameSkip;
  }

  /**
   * Arm at armInit and fingers at min(fingerInit, 0.698), zero velocities, servo targets there
   * (fingers: fingerInit, so a start beyond the stop keeps squeezing); the cube at `cube` (x, y),
   * resting on the ground, unrotated. Ends with forward().
   */
  reset(cube: readonly [number, number]): void {
    const { armInit, fingerInit } = this.config;
    const qpos = this.sim.qpos;
    const qvel = this.sim.qvel;
    this.finger = this.clip(FINGER_COMMAND, fingerInit);
    for (let j = 0; j < JACO_DOF; j++) {
      const finger = j >= 6;
      const q = finger ? Math.min(FINGER_RANGE[1], Math.max(FINGER_RANGE[0], fingerInit)) : armInit[j];
      qpos[this.qposAdr[j]] = q;
      qvel[this.dofAdr[j]] = 0;
      this.target[j] = finger ? this.clip(j, this.finger) : q;
    }
    this.previous.set(this.target);
    this.sim.setFreeJoint("cube_joint", [cube[0], cube[1], CUBE_HALF]);
    this.substep = this.config.frameSkip;
    this.writeCtrl();
    this.sim.forward();
  }

  /** Move the targets by one (already bounded) action and set the first substep's servo reference. */
  applyAction(action: ArrayLike<number>): void {
    const scale = this.config.actionScale;
    this.previous.set(this.target);
    for (let j = 0; j < 6; j++) this.target[j] = this.clip(j, this.target[j] + scale * action[j]);
    this.finger = this.clip(FINGER_COMMAND, this.finger + scale * action[FINGER_COMMAND]);
    for (let j = 6; j < JACO_DOF; j++) this.target[j] = this.clip(j, this.finger);
    this.substep = 1;
    this.writeCtrl();
  }

  /** Advance the servo reference after a physics substep. */
  afterSubstep(): void {
    if (this.substep < this.config.frameSkip) {
      this.substep++;
      this.writeCtrl();
    }
  }

  /** The servo targets (9, after the clip), a copy. */
  targets(): Float64Array {
    return Float64Array.from(this.target);
  }

  /** Joint angles (9) → out[o:o+9]. */
  jointPositions(out: { [i: number]: number }, o = 0): void {
    const qpos = this.sim.qpos;
    for (let j = 0; j < JACO_DOF; j++) out[o + j] = qpos[this.qposAdr[j]];
  }

  /** Joint velocities (9) → out[o:o+9]. */
  jointVelocities(out: { [i: number]: number }, o = 0): void {
    const qvel = this.sim.qvel;
    for (let j = 0; j < JACO_DOF; j++) out[o + j] = qvel[this.dofAdr[j]];
  }

  /** Cube position (3) and quaternion w-first (4) → out[o:o+7]. */
  cubePose(out: { [i: number]: number }, o = 0): void {
    const qpos = this.sim.qpos;
    for (let k = 0; k < 7; k++) out[o + k] = qpos[this.cubeQpos + k];
  }

  /** Cube velocity: linear (world, 3) and angular (body frame, 3) → out[o:o+6]. */
  cubeVelocity(out: { [i: number]: number }, o = 0): void {
    const qvel = this.sim.qvel;
    for (let k = 0; k < 6; k++) out[o + k] = qvel[this.cubeDof + k];
  }

  /**
   * Finger centroid: the mean of the three finger centres of mass → out[o:o+3]. After a step it is
   * MuJoCo's kinematics from the start of the last substep (0.01 s old), as in the original.
   */
  fingerCentroid(out: { [i: number]: number }, o = 0): void {
    const s = this.sim.siteXpos;
    for (let k = 0; k < 3; k++) {
      let sum = 0;
      for (const site of this.fingerSites) sum += s[3 * site + k];
      out[o + k] = sum / 3;
    }
  }

  /** The DMP start state: the 9 joint angles and velocities. */
  robotState(): RobotState {
    const position = new Float64Array(JACO_DOF);
    const velocity = new Float64Array(JACO_DOF);
    this.jointPositions(position);
    this.jointVelocities(velocity);
    return { kind: "joints", position, velocity };
  }

  private clip(j: number, value: number): number {
    return Math.min(this.config.jointHigh[j], Math.max(this.config.jointLow[j], value));
  }

  /**
   * ctrl = clip(r_k + SERVO_LEAD · v_ref, low, high) with r_k = previous + (k / frameSkip)(target −
   * previous): the clip keeps the feed-forward from driving a joint past its limit.
   */
  private writeCtrl(): void {
    const ctrl = this.sim.ctrl;
    const f = this.substep / this.config.frameSkip;
    for (let j = 0; j < JACO_DOF; j++) {
      const delta = this.target[j] - this.previous[j];
      ctrl[this.actuators[j]] = this.clip(j, this.previous[j] + f * delta + (SERVO_LEAD * delta) / this.stepSeconds);
    }
  }
}
