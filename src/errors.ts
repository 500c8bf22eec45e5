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

/** An output path cannot be written (missing parent, a file where a directory belongs, no permission, ...). */
export class OutputFileError extends NdpError {
  constructor(message: string) {
    super("output", message);
    this.name = "OutputFileError";
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

/**
 * A short (at most 60 characters) preview of any value for messages. Bounded whatever the value:
 * nesting below 3 levels and long arrays or objects are elided, so deep or huge inputs never
 * overflow the stack or build large strings.
 */
export function formatValue(v: unknown): string {
  if (typeof v === "string") return clip(JSON.stringify(v.slice(0, 61)));
  if (v === undefined) return "nothing";
  return clip(preview(v, 0));
}

function preview(v: unknown, depth: number): string {
  if (v === null) return "null";
  if (typeof v !== "object") return typeof v === "number" || typeof v === "boolean" ? String(v) : typeof v === "string" ? JSON.stringify(v.slice(0, 61)) : typeof v;
  if (depth >= 3) return Array.isArray(v) ? "[...]" : "{...}";
  if (Array.isArray(v)) {
    const items = v.slice(0, 8).map((x) => preview(x, depth + 1));
    return `[${items.join(",")}${v.length > 8 ? ",..." : ""}]`;
  }
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${v.byteLength} bytes)`;
  const keys = Object.keys(v);
  const items = keys.slice(0, 8).map((k) => `${JSON.stringify(k)}:${preview((v as Record<string, unknown>)[k], depth + 1)}`);
  return `{${items.join(",")}${keys.length > 8 ? ",..." : ""}}`;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}
