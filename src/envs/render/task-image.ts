/**
 * The picture of a task for the README and reports: two schematic panels side by side — the
 * scene after `reset({ seed })`, and the final state of one episode of the task's scripted expert
 * from that start (or of uniform random actions when the task has no expert).
 */
import { builtinPolicies } from "../evaluate.js";
import { recordEpisode } from "../demos.js";
import { getTask, makeMujocoEnv } from "../registry.js";
import { renderSchematic, type Camera } from "./schematic.js";

/** The default viewpoint: the Sawyer table seen from the front right, the arm in profile. */
export const SAWYER_CAMERA: Camera = { eye: [1.7, -0.55, 1.35], target: [0, 0.55, 0.22], fovDeg: 40 };

export interface TaskImageOptions {
  seed?: number;
  /** Size of one panel in pixels. */
  width?: number;
  height?: number;
}

/** SVG of the two panels (start, end of an expert episode). */
export async function renderTaskImage(task: string, options: TaskImageOptions = {}): Promise<string> {
  const { seed = 0, width = 560, height = 420 } = options;
  const spec = getTask(task);
  const camera = spec.camera ?? SAWYER_CAMERA;
  const env = await makeMujocoEnv(task); // a ConfigError for tasks without a MuJoCo model
  try {
    const draw = (title: string, caption: string[]) =>
      renderSchematic([...env.task.sim.geoms(), ...env.task.sim.sites()], { width, height, camera, title, caption });
    env.reset({ seed });
    const start = draw(`${task}: start (seed ${seed})`, [spec.summary]);
    const policy = builtinPolicies(task, spec.expert ? "expert" : "random", env.actionSpec, 1, seed)[0];
    const ep = recordEpisode(env, policy, 0, seed);
    const end = draw(`${task}: after ${ep.length} steps of the ${spec.expert ? "expert" : "random policy"}`, [`success: ${ep.success} (${spec.successRule})`]);
    const panel = (svg: string, x: number) => svg.replace(/^<svg /, `<svg x="${x}" y="0" `);
    return [`<svg xmlns="http://www.w3.org/2000/svg" width="${2 * width}" height="${height}" viewBox="0 0 ${2 * width} ${height}">`, panel(start, 0), panel(end, width), `</svg>`].join("\n");
  } finally {
    env.close();
  }
}
