/** Build a digit model by name (from its training set) or restore one from its saved spec. */
import { ConfigError, InputFileError } from "../../errors.js";
import type { DigitSet } from "../../data/digits/digit-set.js";
import { DIGIT_MODEL_KINDS, type DigitModel, type DigitModelKind } from "./digit-model.js";
import { ndpDigitModel, ndpOutputScaling, type NdpDigitOptions, type NdpOutputScaling } from "./ndp-digit.js";
import { cnnDigitModel, cnnTargetStats, type CnnDigitStats } from "./cnn-digit.js";
import { cnnDmpDigitModel, type CnnDmpOptions } from "./cnn-dmp-digit.js";
import type { ParameterStats } from "./digit-dmp-fits.js";

export function createDigitModel(kind: DigitModelKind, train: DigitSet, options: Record<string, unknown> = {}): DigitModel {
  switch (kind) {
    case "ndp":
      return ndpDigitModel(options as Partial<NdpDigitOptions>, ndpOutputScaling(train, options as Partial<NdpDigitOptions>));
    case "cnn":
      return cnnDigitModel(cnnTargetStats(train), train.points);
    case "cnn-dmp":
      return cnnDmpDigitModel(options as Partial<CnnDmpOptions>, train);
    default:
      throw new ConfigError(`unknown model ${JSON.stringify(kind)}; use one of ${DIGIT_MODEL_KINDS.join(", ")}`);
  }
}

/** Rebuild a model from the `spec` stored in its checkpoint (no training data needed). */
export function restoreDigitModel(spec: Record<string, unknown>): DigitModel {
  const { kind, ...rest } = spec ?? {};
  switch (kind) {
    case "ndp": {
      const { scaling, ...options } = rest;
      return ndpDigitModel(options as Partial<NdpDigitOptions>, scaling as NdpOutputScaling);
    }
    case "cnn":
      return cnnDigitModel(rest.stats as CnnDigitStats, Number(rest.points));
    case "cnn-dmp": {
      const { stats, ...options } = rest;
      return cnnDmpDigitModel(options as Partial<CnnDmpOptions>, undefined, stats as ParameterStats);
    }
    default:
      throw new InputFileError(`the checkpoint describes an unknown model ${JSON.stringify(kind)}; pass a checkpoint written by \`ndp digits train\``);
  }
}
