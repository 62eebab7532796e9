export { championPd, type ChampionModel } from './champion';
export { TRAINING_CONFIG, trainChampion, type TrainingRun } from './train-champion';
export { tapeRows } from './tape-rows';
