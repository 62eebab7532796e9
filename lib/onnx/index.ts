export {
  inspectOnnx,
  OnnxFormatError,
  type Dimension,
  type ElementType,
  type GraphTensor,
  type GraphValue,
  type OnnxInspection,
  type ProbabilityOutput,
} from './inspect';
export { floatTensorInfo, withReadableProbabilities } from './surgery';
export { isCutElementType, splitByLevers, type CutElementType, type GraphPart, type LeverSplit } from './split';
export { treeSplitPoints, type SplitPoints } from './split-points';
