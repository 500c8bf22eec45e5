/** The registered job kinds of sweep specs (`kind: rl`); a new kind is one JobKind added here. */
import { ConfigError, formatValue } from "../errors.js";
import type { JobKind } from "./job-kind.js";
import { rlJob } from "./rl-job.js";

const KINDS: readonly JobKind[] = [rlJob];

export function jobKindNames(): string[] {
  return KINDS.map((k) => k.name);
}

/** The kind called `name`; a ConfigError listing the known kinds otherwise. */
export function getJobKind(name: unknown, source = "sweep spec"): JobKind {
  const kind = KINDS.find((k) => k.name === name);
  if (!kind) throw new ConfigError(`${source}: kind ${formatValue(name)} is not a sweep job kind; use one of ${jobKindNames().join(", ")}`);
  return kind;
}
