/**
 * The DMP layer: configuration, bases, the reference loop, the linear closed form and the
 * differentiable engine layer. Notation: see `config.ts`.
 */
export { dmpConfig, refineConfig, stepSize, pointCount, spectralRadius, parseBasisKind, BASIS_KINDS, CENTER_RULES } from "./config.js";
export type { DmpConfig, DmpConfigInput, BasisKind, CenterRule } from "./config.js";
export { basisCenters, basisActivation, normalisedBasis } from "./basis.js";
export { phaseSequence } from "./phase.js";
export { referenceRollout } from "./reference.js";
export { checkParams } from "./params.js";
export type { DmpParams, Rollout } from "./params.js";
export { transferPlan, selectPoints, planRollout, OUTPUT_KINDS } from "./transfer.js";
export type { TransferPlan, Response, OutputKind } from "./transfer.js";
export { sampleIndices, denseIndices } from "./sampling.js";
export { DmpLayer, swapTimeBatch } from "./layer.js";
export type { DmpLayerOptions, DmpInputs, DmpLayout } from "./layer.js";
export { phasePortrait, positionField } from "./vector-field.js";
export type { PhasePortrait, PositionField, Range } from "./vector-field.js";
export { fitDmp, createDmpFitter, forcingWhitener } from "./fit.js";
export type { DmpFit, DmpFitter } from "./fit.js";
export { parseDmpRequest, toRows } from "./json.js";
