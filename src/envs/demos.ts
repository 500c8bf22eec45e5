/**
 * Robot demonstrations for imitation learning: record a policy's episodes and read them back.
 *
 * File format (JSON lines, UTF-8; one JSON object per line):
 * - line 1, the header:
 *   `{ "format": "ndp-demos", "version": 1, "task", "variant", "policy", "seed", "episodes",
 *      "horizon", "dt", "obs_labels": [..O], "action_labels": [..A], "robot_state": "end-effector" | "joints",
 *      "robot_state_size": R, "config": {...} }`
 * - then one line per episode k (0-based):
 *   `{ "episode": k, "seed": s_k, "success": bool, "return": number, "length": T, "unstable": bool,
 *      "observations": [[..O] × (T+1)], "actions": [[..A] × T], "rewards": [..T],
 *      "robot_position": [[..R] × (T+1)], "robot_velocity": [[..R] × (T+1)] }`
 *   Row t of observations / robot state is the state before action t; the last row is the final
 *   state. Episode k was reset with seed s_k = deriveSeed(seed, k), so `makeEnv(task)` +
 *   `reset({ seed: s_k })` reproduces its start. `success` is the success rule at the final step.
 */
import { InputFileError } from "../errors.js";
import { parseJson } from "../io/json-input.js";
import { isJsonObject } from "../io/json-shape.js";
import { readBounded } from "../io/read-bounded.js";
import { writeFileAtomic } from "../io/atomic.js";
import type { Env, Policy } from "./env.js";
import { deriveSeed } from "../math/rng.js";

export const DEMO_FORMAT = "ndp-demos";
export const DEMO_VERSION = 1;

export interface DemoHeader {
  format: typeof DEMO_FORMAT;
  version: number;
  task: string;
  variant: string;
  policy: string;
  seed: number;
  episodes: number;
  horizon: number;
  dt: number;
  obs_labels: string[];
  action_labels: string[];
  robot_state: "end-effector" | "joints";
  robot_state_size: number;
  config: Record<string, unknown>;
}

export interface DemoEpisode {
  episode: number;
  seed: number;
  success: boolean;
  return: number;
  length: number;
  unstable: boolean;
  /** (T+1) × O */
  observations: number[][];
  /** T × A */
  actions: number[][];
  /** T */
  rewards: number[];
  /** (T+1) × R */
  robot_position: number[][];
  robot_velocity: number[][];
}

export interface Demos {
  header: DemoHeader;
  episodes: DemoEpisode[];
}

/** Roll out `policy` for one episode from reset({ seed }) and record it. */
export function recordEpisode(env: Env, policy: Policy, episode: number, seed: number): DemoEpisode {
  let { obs } = env.reset({ seed });
  policy.reset?.();
  const first = env.robotState();
  const ep: DemoEpisode = {
    episode,
    seed,
    success: false,
    return: 0,
    length: 0,
    unstable: false,
    observations: [Array.from(obs)],
    actions: [],
    rewards: [],
    robot_position: [Array.from(first.position)],
    robot_velocity: [Array.from(first.velocity)],
  };
  for (;;) {
    const action = policy.act(obs);
    const r = env.step(action);
    const state = env.robotState();
    ep.actions.push(Array.from(action));
    ep.rewards.push(r.reward);
    ep.observations.push(Array.from(r.obs));
    ep.robot_position.push(Array.from(state.position));
    ep.robot_velocity.push(Array.from(state.velocity));
    ep.return += r.reward;
    ep.length++;
    obs = r.obs;
    if (r.terminated || r.truncated) {
      ep.success = r.info.success;
      ep.unstable = r.info.reason !== undefined;
      return ep;
    }
  }
}

/** Record `episodes` episodes; episode k starts from reset({ seed: deriveSeed(seed, k) }). */
export function recordDemos(env: Env, policy: Policy, header: Omit<DemoHeader, "format" | "version" | "episodes" | "horizon" | "dt" | "obs_labels" | "action_labels" | "robot_state" | "robot_state_size">, episodes: number, onEpisode?: (ep: DemoEpisode) => void): Demos {
  const list: DemoEpisode[] = [];
  for (let k = 0; k < episodes; k++) {
    const ep = recordEpisode(env, policy, k, deriveSeed(header.seed, k));
    list.push(ep);
    onEpisode?.(ep);
  }
  return {
    header: {
      format: DEMO_FORMAT,
      version: DEMO_VERSION,
      ...header,
      episodes,
      horizon: env.horizon,
      dt: env.dt,
      obs_labels: [...env.observationSpec.labels],
      action_labels: [...env.actionSpec.labels],
      robot_state: env.robotState().kind,
      robot_state_size: env.robotStateSize,
    },
    episodes: list,
  };
}

/** Write demos as JSON lines (atomically). */
export function writeDemos(path: string, demos: Demos): void {
  const lines = [JSON.stringify(demos.header), ...demos.episodes.map((e) => JSON.stringify(e))];
  writeFileAtomic(path, lines.join("\n") + "\n");
}

/** Read and validate a demonstrations file; malformed files raise an InputFileError naming the line. */
export function readDemos(path: string, options: { successfulOnly?: boolean } = {}): Demos {
  // Bounded by SIZE_BUDGET.jsonLinesBytes, each line nesting-limited (src/io/).
  const text = readBounded(path, { budget: "jsonLinesBytes", what: "demonstrations file", fix: "record one with `ndp tasks demos`" }).toString("utf8");
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const parse = (line: string, n: number): unknown => parseJson(line, `${path} line ${n}`, "the file must be JSON lines written by `ndp tasks demos`");
  if (lines.length === 0) throw new InputFileError(`${path} is empty; record demonstrations with \`ndp tasks demos\``);
  const header = parse(lines[0], 1) as DemoHeader;
  const validHeader =
    isJsonObject(header) && header.format === DEMO_FORMAT && header.version === DEMO_VERSION && Array.isArray(header.obs_labels) && Array.isArray(header.action_labels) && Number.isSafeInteger(header.robot_state_size) && Number.isSafeInteger(header.episodes);
  if (!validHeader) {
    throw new InputFileError(`${path} line 1: not an ${DEMO_FORMAT} v${DEMO_VERSION} header; record demonstrations with \`ndp tasks demos\``);
  }
  const O = header.obs_labels.length;
  const A = header.action_labels.length;
  const R = header.robot_state_size;
  const episodes: DemoEpisode[] = [];
  for (let n = 1; n < lines.length; n++) {
    const ep = parse(lines[n], n + 1) as DemoEpisode;
    const T = isJsonObject(ep) ? ep.length : Number.NaN;
    const rowsOk = (rows: unknown, count: number, width: number) =>
      Array.isArray(rows) && rows.length === count && rows.every((r) => Array.isArray(r) && r.length === width && r.every((v) => typeof v === "number" && Number.isFinite(v)));
    const ok =
      Number.isInteger(T) &&
      T > 0 &&
      rowsOk(ep.observations, T + 1, O) &&
      rowsOk(ep.actions, T, A) &&
      rowsOk(ep.robot_position, T + 1, R) &&
      rowsOk(ep.robot_velocity, T + 1, R) &&
      Array.isArray(ep.rewards) &&
      ep.rewards.length === T &&
      typeof ep.success === "boolean";
    if (!ok) throw new InputFileError(`${path} line ${n + 1}: episode arrays do not match its length and the header sizes (obs ${O}, action ${A}, robot state ${R})`);
    if (!options.successfulOnly || ep.success) episodes.push(ep);
  }
  if (lines.length - 1 !== header.episodes) throw new InputFileError(`${path}: header says ${header.episodes} episodes but the file has ${lines.length - 1}; the file is truncated`);
  return { header, episodes };
}
