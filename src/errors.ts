/**
 * Typed errors. `NdpError` means "the caller gave us something we cannot use": its message is one
 * line that names the problem and the fix, and the CLI turns it into that line on stderr with exit
 * code 2. Anything else that escapes is a bug in ndp (exit code 1).
 */
export class NdpError extends Error {
  /** Machine-readable category, e.g. "config", "shape", "file", "option". */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "NdpError";
    this.code = code;
  }
}

/** A configuration value is invalid (DMP config, training options, task names...). */
export class ConfigError extends NdpError {
  constructor(message: string) {
    super("config", message);
    this.name = "ConfigError";
  }
}

/** Array shapes do not agree with each other or with the configuration. */
export class ShapeError extends NdpError {
  constructor(message: string) {
    super("shape", message);
    this.name = "ShapeError";
  }
}

/** An input file is missing, unreadable or malformed. */
export class InputFileError extends NdpError {
  constructor(message: string) {
    super("file", message);
    this.name = "InputFileError";
  }
}

/** Throw a ConfigError unless `value` is a finite number. */
export function assertFinite(value: unknown, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ConfigError(`${what} must be a finite number, got ${formatValue(value)}`);
  }
}

/** Throw a ConfigError unless `value` is an integer in [min, max]. */
export function assertInt(value: unknown, what: string, min: number, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`;
    throw new ConfigError(`${what} must be an integer ${range}, got ${formatValue(value)}`);
  }
}

/** Throw a ShapeError unless every entry of `values` is finite; `what` names the array. */
export function assertAllFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new ShapeError(`${what} contains a non-finite value (${values[i]}) at index ${i}`);
    }
  }
}

export function formatValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === undefined) return "nothing";
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + "..." : s;
  } catch {
    return String(v);
  }
}
