/** What a verified model is, as every face reports it: the page's header and exports, the command line's output. */
import type { HoldoutEvidence, Manifest } from './manifest';
import type { PdModel, SelfTestReport } from './pd-model';

export interface ModelFacts {
  name: string;
  version: string;
  /** SHA-256 of the model file's bytes. */
  sha256: string;
  /** SHA-256 of the model card's bytes: the card is verified too (lever directions, pins). */
  cardSha256: string;
  selfTest: SelfTestReport;
  /** Absent where the card carries no hold-out evidence (a card made from the model file alone). */
  holdoutAuc?: number;
  trainingLoans?: number;
  /** SHA-256 of the tape the model was trained on, where the card says: a tape with this hash is in-sample. */
  trainingDataSha256?: string;
  /** The card's evidence on the model, as the page's model panel shows it (fields a card lacks are absent). */
  quality: ModelQuality;
}

export interface ModelQuality {
  holdout?: HoldoutEvidence;
  outcome?: Manifest['outcome'];
  limitations: string[];
  /** How each lever reaches the model, as its card declares it: "unemployment-change: systematic factor, 0.35 SD per point". */
  leverChannels: string[];
}

/** One line per lever channel of the card, in words and numbers. */
export function leverChannels(manifest: Manifest): string[] {
  return manifest.assumptions.map(({ id, channel }) => {
    switch (channel.kind) {
      case 'scale-inputs':
        return `${id}: scales ${channel.inputs.join(' and ')} by (1 + value/100)`;
      case 'shift-inputs':
        return `${id}: shifts ${channel.inputs.join(' and ')} by value × ${channel.inputUnitsPerStep}`;
      case 'systematic-factor':
        return `${id}: moves the systematic factor ${channel.factorSdPerPoint} SD per point (Vasicek)`;
      case 'loss-given-default':
        return `${id}: loss given default`;
      case 'approval-cutoff':
        return `${id}: approval cut-off`;
      case 'none':
        return `${id}: does not move this model (${channel.reason})`;
    }
  });
}

export function modelFacts(manifest: Manifest, model: PdModel, cardSha256: string): ModelFacts {
  return {
    name: manifest.name,
    version: manifest.version,
    sha256: model.sha256,
    cardSha256,
    selfTest: model.selfTest,
    holdoutAuc: manifest.metrics?.holdout.auc,
    trainingLoans: manifest.training?.trainLoans,
    trainingDataSha256: manifest.trainingData?.sha256,
    quality: {
      holdout: manifest.metrics?.holdout,
      outcome: manifest.outcome,
      limitations: manifest.limitations ?? [],
      leverChannels: leverChannels(manifest),
    },
  };
}
