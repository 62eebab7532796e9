export {
  ASSUMPTIONS,
  BASELINE_ASSUMPTIONS,
  assumptionGrid,
  type AssumptionDefinition,
  type AssumptionId,
  type Assumptions,
} from './assumptions';
export { parseScenario, type ScenarioResult } from './scenario-file';
export { factorShift, inputChannelKey, pdLeverIds, shockInputs, type ClampReport, type ShockedInputs } from './transform';
export { stressedPd } from './vasicek';
export { scenarioFromQuery, scenarioToQuery } from './url';
export { checkLeverDirections, type LeverCheck } from './lever-check';
