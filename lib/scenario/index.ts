export {
  ASSUMPTIONS, ASSUMPTION_IDS, BASELINE_ASSUMPTIONS, assumptionById, isAssumptionId,
  type AssumptionDefinition, type AssumptionId, type Assumptions,
} from './assumptions';
export { parseScenario, type ScenarioResult } from './scenario-file';
export { factorShift, inputChannelKey, shockInputs, type ClampReport, type ShockedInputs } from './transform';
export { stressedPd } from './vasicek';
export { scenarioFromQuery, scenarioToQuery } from './url';
