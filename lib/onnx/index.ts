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
