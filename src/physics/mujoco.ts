/**
 * The one module that touches the MuJoCo WebAssembly API (`mujoco-js`). Everything else in ndp goes
 * through {@link Simulation}: load a model from MJCF text, step it, read and write its state, free it.
 *
 * Facts about the wasm binding this module relies on (checked with mujoco-js 0.0.7):
 * - `loadMujoco()` instantiates the wasm module (~0.2 s); we do it once per thread and cache it.
 * - `MjModel.loadFromXML(path)` reads from Emscripten's in-memory FS, so the MJCF text (and any
 *   `<include>`d files) is written to a private directory first and removed afterwards.
 * - Array fields (`data.qpos`, `model.body_pos`, ...) are *live* typed-array views into wasm memory:
 *   writes go straight into MuJoCo. When the wasm heap grows (any allocation: a new model or data,
 *   in this or another Simulation of the same thread) the old views are detached (length 0). We
 *   cache the views and rebuild them whenever the cached buffer is detached.
 * - `MjModel`/`MjData` (and `MjWarningStatVec` copies) are C++ objects: they must be `delete()`d,
 *   in `finally`, or the heap leaks.
 * - On NaN/Inf/huge values MuJoCo raises a warning (mjWARN_BADQPOS/QVEL/QACC) and prints it. We
 *   capture the printed text (it must not reach stdout, where `--json` output goes). We switch off
 *   MuJoCo's auto-reset (mjDSBL_AUTORESET), so a blow-up stays visible in qpos/qvel/qacc until
 *   `reset()`; {@link Simulation.instability} scans those (cheap) and reads the warning counters
 *   (an embind copy, ~9 µs) only when the scan finds something or every few calls.
 */
import type { MainModule, MjData, MjModel } from "mujoco-js";
import { NdpError } from "../errors.js";

/** The instantiated wasm module. */
type Mujoco = MainModule;

let modulePromise: Promise<Mujoco> | undefined;
let fileCounter = 0;
const messages: string[] = [];
const MAX_MESSAGES = 20;

function recordMessage(text: string): void {
  messages.push(text.trim());
  if (messages.length > MAX_MESSAGES) messages.shift();
}

/**
 * Load the MuJoCo wasm module once per thread (later calls return the same instance). The
 * package itself is imported here, on first use: parsing it takes seconds, which commands that
 * never simulate (every `ndp` start) should not pay.
 */
export function loadMujoco(): Promise<Mujoco> {
  modulePromise ??= import("mujoco-js")
    .then(({ default: loadMujocoWasm }) => loadMujocoWasm({ print: recordMessage, printErr: recordMessage }) as Promise<Mujoco>)
    .then((mj) => {
      mj.FS.mkdir("/ndp");
      return mj;
    });
  return modulePromise;
}

/** The last messages MuJoCo printed (warnings, errors), oldest first; at most 20 are kept. */
export function mujocoMessages(): readonly string[] {
  return messages;
}

/** MuJoCo object kinds that can be looked up by name. */
export type ObjectKind = "body" | "joint" | "geom" | "site" | "actuator" | "equality";

/** MuJoCo geom types (mjtGeom) the schematic renderer understands. */
export const GEOM_TYPE = { plane: 0, hfield: 1, sphere: 2, capsule: 3, ellipsoid: 4, cylinder: 5, box: 6, mesh: 7 } as const;

/** Joint types (mjtJoint). */
export const JOINT_TYPE = { free: 0, ball: 1, slide: 2, hinge: 3 } as const;

/** The warnings (mjtWarning indices) that mean the simulation can no longer be trusted. */
const INSTABILITY_WARNINGS: ReadonlyArray<readonly [number, string]> = [
  [1, "mjWARN_CONTACTFULL"],
  [2, "mjWARN_CNSTRFULL"],
  [4, "mjWARN_BADQPOS"],
  [5, "mjWARN_BADQVEL"],
  [6, "mjWARN_BADQACC"],
  [7, "mjWARN_BADCTRL"],
];
const N_WARNINGS = 8;
/** Values beyond this magnitude count as a blow-up (MuJoCo's mjMAXVAL). */
const MAX_VALUE = 1e10;
/** instability() reads the warning counters at least every this many calls. */
const WARNING_CHECK_PERIOD = 8;

/** One geom's static description and world pose, for drawing. */
export interface GeomPose {
  name: string;
  /** mjtGeom, see {@link GEOM_TYPE}. */
  type: number;
  /** MuJoCo size parameters (meaning depends on the type), length 3. */
  size: [number, number, number];
  rgba: [number, number, number, number];
  /** World position (3). */
  pos: [number, number, number];
  /** World rotation matrix, row-major 3x3 (9). */
  mat: number[];
  /** Visual group (0..5). */
  group: number;
}

/** Typed-array views into one model/data pair; rebuilt when the wasm heap grows. */
interface Views {
  qpos: Float64Array;
  qvel: Float64Array;
  qacc: Float64Array;
  ctrl: Float64Array;
  qfrcBias: Float64Array;
  mocapPos: Float64Array;
  mocapQuat: Float64Array;
  xpos: Float64Array;
  xquat: Float64Array;
  siteXpos: Float64Array;
  geomXpos: Float64Array;
  geomXmat: Float64Array;
  bodyPos: Float64Array;
  sitePos: Float64Array;
}

/**
 * A compiled MuJoCo model with one data instance. Owns both: call {@link dispose} (in `finally`).
 * Array getters return live views (writes change the simulation); they stay valid until the next
 * wasm allocation, so read them again after creating other simulations instead of keeping them.
 */
export class Simulation {
  readonly name: string;
  readonly nq: number;
  readonly nv: number;
  readonly nu: number;
  readonly nmocap: number;
  readonly nbody: number;
  readonly ngeom: number;
  readonly nsite: number;
  private readonly mj: Mujoco;
  private model: MjModel | undefined;
  private data: MjData | undefined;
  private views!: Views;
  private viewBuffer!: ArrayBufferLike;
  private readonly warningBaseline = new Float64Array(N_WARNINGS);
  private instabilityCalls = 0;

  private constructor(mj: Mujoco, model: MjModel, data: MjData, name: string) {
    this.mj = mj;
    this.model = model;
    this.data = data;
    this.name = name;
    this.nq = model.nq;
    this.nv = model.nv;
    this.nu = model.nu;
    this.nmocap = model.nmocap;
    this.nbody = model.nbody;
    this.ngeom = model.ngeom;
    this.nsite = model.nsite;
    model.opt.disableflags = model.opt.disableflags | mj.mjtDisableBit.mjDSBL_AUTORESET.value;
    this.refreshViews();
  }

  /**
   * Compile `files[main]` (MJCF text; other entries are files it `<include>`s, by relative name)
   * and allocate its data. The module must already be loaded (see {@link loadMujoco}).
   */
  static fromXml(mj: Mujoco, main: string, files: Readonly<Record<string, string>>, name = main): Simulation {
    if (!(main in files)) throw new NdpError("model", `model file "${main}" is not among the files given for "${name}"; pass its MJCF text`);
    const dir = `/ndp/m${fileCounter++}`;
    mj.FS.mkdir(dir);
    let model: MjModel | undefined;
    let data: MjData | undefined;
    try {
      for (const [file, text] of Object.entries(files)) mj.FS.writeFile(`${dir}/${file}`, text);
      try {
        model = mj.MjModel.loadFromXML(`${dir}/${main}`);
      } catch (e) {
        const kind = (e as { name?: string }).name ?? "error";
        throw new NdpError("model", `MuJoCo could not compile model "${name}" (${kind}); check the MJCF in assets/mjcf/ (${mujocoMessages().at(-1) ?? "no message"})`);
      }
      data = new mj.MjData(model);
      const sim = new Simulation(mj, model, data, name);
      model = undefined;
      data = undefined;
      return sim;
    } finally {
      data?.delete();
      model?.delete();
      for (const file of Object.keys(files)) {
        try {
          mj.FS.unlink(`${dir}/${file}`);
        } catch {
          // the write failed before this file existed
        }
      }
      mj.FS.rmdir(dir);
    }
  }

  /** Load the module if needed, then {@link fromXml}. */
  static async create(main: string, files: Readonly<Record<string, string>>, name = main): Promise<Simulation> {
    return Simulation.fromXml(await loadMujoco(), main, files, name);
  }

  private get m(): MjModel {
    if (this.model === undefined) throw new NdpError("disposed", `simulation "${this.name}" was disposed; create a new one`);
    return this.model;
  }

  private get d(): MjData {
    if (this.data === undefined) throw new NdpError("disposed", `simulation "${this.name}" was disposed; create a new one`);
    return this.data;
  }

  private refreshViews(): void {
    const m = this.m;
    const d = this.d;
    this.views = {
      qpos: d.qpos,
      qvel: d.qvel,
      qacc: d.qacc,
      ctrl: d.ctrl,
      qfrcBias: d.qfrc_bias,
      mocapPos: d.mocap_pos,
      mocapQuat: d.mocap_quat,
      xpos: d.xpos,
      xquat: d.xquat,
      siteXpos: d.site_xpos,
      geomXpos: d.geom_xpos,
      geomXmat: d.geom_xmat,
      bodyPos: m.body_pos,
      sitePos: m.site_pos,
    };
    this.viewBuffer = this.views.qpos.buffer;
  }

  /** The cached views, rebuilt if wasm memory grew since they were taken. */
  private v(): Views {
    if (this.viewBuffer.byteLength === 0) this.refreshViews();
    return this.views;
  }

  /** Generalised positions (nq), live. */
  get qpos(): Float64Array { return this.v().qpos; }
  /** Generalised velocities (nv), live. */
  get qvel(): Float64Array { return this.v().qvel; }
  /** Generalised accelerations (nv) from the last step/forward, live. */
  get qacc(): Float64Array { return this.v().qacc; }
  /** Actuator controls (nu), live. */
  get ctrl(): Float64Array { return this.v().ctrl; }
  /** Bias forces c(q, qdot) = Coriolis + gravity (nv), live; valid after forward/step. */
  get qfrcBias(): Float64Array { return this.v().qfrcBias; }
  /** Mocap body positions (nmocap x 3), live. */
  get mocapPos(): Float64Array { return this.v().mocapPos; }
  /** Mocap body quaternions, w first (nmocap x 4), live. */
  get mocapQuat(): Float64Array { return this.v().mocapQuat; }
  /** Body frame positions in world (nbody x 3), live; valid after forward/step. */
  get xpos(): Float64Array { return this.v().xpos; }
  /** Body frame quaternions in world, w first (nbody x 4), live. */
  get xquat(): Float64Array { return this.v().xquat; }
  /** Site positions in world (nsite x 3), live. */
  get siteXpos(): Float64Array { return this.v().siteXpos; }
  /** Model: body positions relative to their parents (nbody x 3), live and writable (call forward after). */
  get bodyPos(): Float64Array { return this.v().bodyPos; }
  /** Model: site positions relative to their bodies (nsite x 3), live and writable. */
  get sitePos(): Float64Array { return this.v().sitePos; }

  /** Simulation time in seconds. */
  get time(): number { return this.d.time; }

  /** Integration timestep of the model (s). */
  get timestep(): number { return this.m.opt.timestep; }

  /** Bytes of wasm memory of this thread (it only ever grows; used by leak tests). */
  get heapBytes(): number { return this.v().qpos.buffer.byteLength; }

  /** Id of the named object; throws an NdpError naming the model if it does not exist. */
  id(kind: ObjectKind, name: string): number {
    const code = {
      body: this.mj.mjtObj.mjOBJ_BODY,
      joint: this.mj.mjtObj.mjOBJ_JOINT,
      geom: this.mj.mjtObj.mjOBJ_GEOM,
      site: this.mj.mjtObj.mjOBJ_SITE,
      actuator: this.mj.mjtObj.mjOBJ_ACTUATOR,
      equality: this.mj.mjtObj.mjOBJ_EQUALITY,
    }[kind].value;
    const id = this.mj.mj_name2id(this.m, code, name);
    if (id < 0) throw new NdpError("model", `model "${this.name}" has no ${kind} named "${name}"; check the MJCF`);
    return id;
  }

  /** Address in qpos of the named joint's first coordinate. */
  jointQposAddress(joint: string): number {
    return this.m.jnt_qposadr[this.id("joint", joint)];
  }

  /** Address in qvel of the named joint's first degree of freedom. */
  jointDofAddress(joint: string): number {
    return this.m.jnt_dofadr[this.id("joint", joint)];
  }

  /** Index of the named body's mocap slot; throws if the body is not a mocap body. */
  mocapIndex(body: string): number {
    const idx = this.m.body_mocapid[this.id("body", body)];
    if (idx < 0) throw new NdpError("model", `body "${body}" of model "${this.name}" is not a mocap body; add mocap="true"`);
    return idx;
  }

  /**
   * Place the body of free joint `joint`: position (3), orientation quaternion w-first (4, default
   * identity), zero velocity. Call forward() (or step) afterwards to update derived quantities.
   */
  setFreeJoint(joint: string, pos: ArrayLike<number>, quat: ArrayLike<number> = [1, 0, 0, 0]): void {
    const qa = this.jointQposAddress(joint);
    const da = this.jointDofAddress(joint);
    const qpos = this.qpos;
    for (let k = 0; k < 3; k++) qpos[qa + k] = pos[k];
    for (let k = 0; k < 4; k++) qpos[qa + 3 + k] = quat[k];
    this.qvel.fill(0, da, da + 6);
  }

  /** The [low, high] range of the named joint. */
  jointRange(joint: string): [number, number] {
    const r = this.m.jnt_range;
    const j = this.id("joint", joint);
    return [r[2 * j], r[2 * j + 1]];
  }

  /** Advance the simulation by `n` timesteps (mj_step). */
  step(n = 1): void {
    const m = this.m;
    const d = this.d;
    for (let i = 0; i < n; i++) this.mj.mj_step(m, d);
  }

  /** Recompute all derived quantities (positions, contacts, forces) without advancing time (mj_forward). */
  forward(): void {
    this.mj.mj_forward(this.m, this.d);
  }

  /** Reset the data to the model's reference state qpos0, zero velocities, controls and warnings (mj_resetData). */
  reset(): void {
    this.mj.mj_resetData(this.m, this.d);
    this.warningBaseline.fill(0);
  }

  /**
   * Check the state for instability: a non-finite or huge (> 1e10) value in qpos/qvel/qacc, or a
   * new MuJoCo warning from {@link INSTABILITY_WARNINGS} since the last check (the counters are
   * read when the scan finds something and at least every WARNING_CHECK_PERIOD calls). Returns a
   * one-line reason, or null when the state is fine. After a blow-up, call reset().
   */
  instability(): string | null {
    const v = this.v();
    let bad: string | null = null;
    for (const [label, arr] of [["qpos", v.qpos], ["qvel", v.qvel], ["qacc", v.qacc]] as const) {
      for (let i = 0; i < arr.length && bad === null; i++) {
        const x = arr[i];
        if (!(Math.abs(x) <= MAX_VALUE)) bad = `${Number.isFinite(x) ? "huge" : "non-finite"} ${label}[${i}] (${x})`;
      }
    }
    this.instabilityCalls++;
    if (bad === null && this.instabilityCalls % WARNING_CHECK_PERIOD !== 0) return null;
    const warning = this.newWarning();
    return warning === null ? bad : bad === null ? warning : `${warning}; ${bad}`;
  }

  /** The first instability warning whose counter grew since the last read, or null. */
  private newWarning(): string | null {
    const vec = this.d.warning;
    let reason: string | null = null;
    try {
      for (const [index, label] of INSTABILITY_WARNINGS) {
        const stat = vec.get(index);
        if (stat === undefined) continue;
        const count = stat.number;
        const info = stat.lastinfo;
        stat.delete();
        if (count > this.warningBaseline[index]) {
          this.warningBaseline[index] = count;
          reason ??= `${label}: ${this.mj.mju_warningText(index, info)}`;
        }
      }
    } finally {
      vec.delete();
    }
    return reason;
  }

  /** Static description and current world pose of every geom (after forward/step), for drawing. */
  geoms(): GeomPose[] {
    const m = this.m;
    const v = this.v();
    const types = m.geom_type;
    const sizes = m.geom_size;
    const rgba = m.geom_rgba;
    const groups = m.geom_group;
    const out: GeomPose[] = [];
    for (let g = 0; g < this.ngeom; g++) {
      out.push({
        name: this.mj.mj_id2name(m, this.mj.mjtObj.mjOBJ_GEOM.value, g) ?? "",
        type: types[g],
        size: [sizes[3 * g], sizes[3 * g + 1], sizes[3 * g + 2]],
        rgba: [rgba[4 * g], rgba[4 * g + 1], rgba[4 * g + 2], rgba[4 * g + 3]],
        pos: [v.geomXpos[3 * g], v.geomXpos[3 * g + 1], v.geomXpos[3 * g + 2]],
        mat: Array.from(v.geomXmat.subarray(9 * g, 9 * g + 9)),
        group: groups[g],
      });
    }
    return out;
  }

  /** Every site with a visible colour (alpha > 0), as geom-like poses (after forward/step), for drawing. */
  sites(): GeomPose[] {
    const m = this.m;
    const v = this.v();
    const d = this.d;
    const xmat = d.site_xmat;
    const rgba = m.site_rgba;
    const out: GeomPose[] = [];
    for (let s = 0; s < this.nsite; s++) {
      if (rgba[4 * s + 3] <= 0) continue;
      out.push({
        name: this.mj.mj_id2name(m, this.mj.mjtObj.mjOBJ_SITE.value, s) ?? "",
        type: m.site_type[s],
        size: [m.site_size[3 * s], m.site_size[3 * s + 1], m.site_size[3 * s + 2]],
        rgba: [rgba[4 * s], rgba[4 * s + 1], rgba[4 * s + 2], rgba[4 * s + 3]],
        pos: [v.siteXpos[3 * s], v.siteXpos[3 * s + 1], v.siteXpos[3 * s + 2]],
        mat: Array.from(xmat.subarray(9 * s, 9 * s + 9) as Float64Array),
        group: m.site_group[s],
      });
    }
    return out;
  }

  /** Free the model and data (idempotent). */
  dispose(): void {
    this.data?.delete();
    this.model?.delete();
    this.data = undefined;
    this.model = undefined;
  }
}
