/** Build `count` envs one after another; if one fails, close those already built and rethrow. */
import type { Env } from "../env.js";

export async function buildEnvs(count: number, factory: () => Env | Promise<Env>): Promise<Env[]> {
  const envs: Env[] = [];
  try {
    for (let k = 0; k < count; k++) envs.push(await factory());
  } catch (e) {
    for (const env of envs) env.close();
    throw e;
  }
  return envs;
}
