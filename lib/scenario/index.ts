export {
  ASSUMPTIONS,
  ASSUMPTION_IDS,
  BASELINE_ASSUMPTIONS,
  assumptionGrid,
  bookAssumptions,
  newBusinessAssumptions,
  nextStep,
  oneStepAway,
  sameAssumptions,
  type AssumptionDefinition,
  type AssumptionId,
  type Assumptions,
} from './assumptions';
export {
  parseScenario,
  parseScenarioFile,
  scenarioFileJson,
  scenarioLibraryJson,
  type ScenarioFile,
  type ScenarioResult,
} from './scenario-file';
export { findScenario, lookUpScenario, nameRefusal, renamed, withScenario, without, type NamedScenario } from './named';
export { factorShift, inputChannelKey, pdLeverIds, shockInputs, type ClampReport, type ShockedInputs } from './transform';
export { factorLoadings, stressedPds } from './vasicek';
export { scenarioFromQuery, scenarioToQuery, type LinkContext, type LinkScenario } from './url';
export { checkLeverDirections, type LeverCheck } from './lever-check';
export {
  DEFAULT_SETTINGS,
  FIXED_RULES,
  REGIMES,
  SETTINGS,
  SETTING_GROUPS,
  fundingRate,
  parseSettings,
  settingRefusal,
  settingsKey,
  type RegimeId,
  type SettingDefinition,
  type SettingId,
  type Settings,
} from './settings';
export {
  DEFAULT_SCENARIO_SET,
  SCENARIO_SET_SOURCE,
  parseScenarioSet,
  scenarioSetKey,
  scenarioSetProblems,
  scenarioSetToJson,
  type ScenarioSet,
  type WeightedScenario,
} from './scenario-set';
