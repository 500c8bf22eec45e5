/**
 * The size budget: how much of any input ndp will read, decompress, decode or allocate. Every
 * reader checks the declared or measured size against it *before* it allocates, and a request past
 * the budget ends with one line naming the limit (exit code 2) instead of exhausting memory.
 *
 * | budget              | limit         | applies to                                                      |
 * |---------------------|---------------|-----------------------------------------------------------------|
 * | jsonBytes           | 16 MiB        | one JSON document: a DMP request (file or stdin), config.json    |
 * | jsonLinesBytes      | 512 MiB       | a demonstrations file (JSON lines)                               |
 * | nesting             | 64 levels     | arrays/objects in JSON, cells/structs in MAT-files               |
 * | matFileBytes        | 1 GiB         | a MAT-file read from disk                                        |
 * | matInflatedBytes    | 1 GiB         | all zlib-decompressed bytes of one MAT-file                      |
 * | matValues           | 2^27 (1 GiB)  | numbers decoded from one MAT-file (float64 each)                 |
 * | checkpointBytes     | 1 GiB         | a checkpoint file (header ≤ jsonBytes)                            |
 * | dmpPointValues      | 10^6          | points × dimensions of a DMP request's roll-out (per output)     |
 * | dmpPlanValues       | 4·10^6        | points × (basis functions + 3) of any DMP's closed-form plan     |
 * | digitSamples        | 50 000        | digit samples generated or used by one command (≈ 2 GB peak)      |
 * | digitBatch          | 2 000         | a training batch of the digit backbone (≈ 1 MB each in the engine's 4 GiB wasm memory) |
 * | demoEpisodes        | 5 000         | episodes recorded by `tasks demos` (kept in memory: ≈ 2 GB peak) |
 * | rlEnvs              | 512           | envs of one RL run (MuJoCo's wasm heap holds ~2 MB per env, 2 GB in all) |
 * | rlRolloutSteps      | 2^20          | env steps of one PPO roll-out, envs × episodes × horizon (~0.5 KB each) |
 *
 * A real data set is far below these: 12 000 digits are a 29 MB MAT-file (50 MB inflated,
 * 23 M values); a DMP of 301 points, 2 dimensions and 30 bases needs 602 and 9 933 values.
 */
import { NdpError } from "../errors.js";

const MiB = 1024 * 1024;

export const SIZE_BUDGET = {
  jsonBytes: 16 * MiB,
  jsonLinesBytes: 512 * MiB,
  nesting: 64,
  matFileBytes: 1024 * MiB,
  matInflatedBytes: 1024 * MiB,
  matValues: 2 ** 27,
  checkpointBytes: 1024 * MiB,
  dmpPointValues: 1_000_000,
  dmpPlanValues: 4_000_000,
  digitSamples: 50_000,
  digitBatch: 2_000,
  demoEpisodes: 5_000,
  rlEnvs: 512,
  rlRolloutSteps: 2 ** 20,
} as const;

export type SizeBudgetName = keyof typeof SIZE_BUDGET;

/** Input past the size budget. */
export class SizeBudgetError extends NdpError {
  constructor(message: string) {
    super("size", message);
    this.name = "SizeBudgetError";
  }
}

/** Human-readable byte counts for messages: "16 MiB", "1.5 GiB", "312 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * MiB) return `${+(n / (1024 * MiB)).toFixed(1)} GiB`;
  if (n >= MiB) return `${+(n / MiB).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/**
 * Throw a SizeBudgetError unless `amount` ≤ the budget `name`. `what` names what was measured
 * ("standard input", "the roll-out (points × dimensions)"), `fix` says what to do instead; with
 * `atLeast` the amount is a lower bound (a stream cut off at the limit).
 */
export function checkBudget(name: SizeBudgetName, amount: number, what: string, fix: string, atLeast = false): void {
  const limit = SIZE_BUDGET[name];
  if (amount <= limit) return;
  const show = (x: number) => (name.endsWith("Bytes") ? formatBytes(x) : x.toLocaleString("en-US"));
  throw new SizeBudgetError(`${what} ${atLeast ? "exceeds" : `is ${show(amount)}, over`} ndp's limit of ${show(limit)} (size budget ${name}); ${fix}`);
}
