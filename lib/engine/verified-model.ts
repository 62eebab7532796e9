/**
 * Opens a model the one way every face does (page worker, command line, tests): the card's bytes
 * read as text and JSON and checked against the card schema; the model file read from beside it,
 * its SHA-256 and self-test checked against the card; the deployment's pins checked; and each lever
 * the card binds checked to move PD the documented way. Any failure names the card and the step.
 */
import { checkPins, loadPdModel, parseManifest, sha256Hex, type Manifest, type PdModel, type Pins, type RuntimeOptions } from '../model';
import { checkLeverDirections } from '../scenario';
import { decodeText, errorMessage } from '../util';

export interface CardSource {
  /** The model card's bytes as stored (their SHA-256 is the card's hash). */
  cardBytes: Uint8Array;
  /** Where the card came from (a URL or path), for messages. */
  cardName: string;
  /** Reads the model file the card names (it sits beside the card). */
  readModel: (manifest: Manifest) => Promise<Uint8Array>;
  pins?: Pins;
  runtime?: RuntimeOptions;
  /**
   * Called once the card is parsed and the model read, before this instance verifies it: where more
   * instances verify their own copies (the page's scoring helpers), they start now, in parallel.
   */
  onRead?: (read: { manifestJson: unknown; manifest: Manifest; modelBytes: Uint8Array }) => void;
}

export interface VerifiedModel {
  manifestJson: unknown;
  manifest: Manifest;
  model: PdModel;
  modelBytes: Uint8Array;
  cardSha256: string;
}

export async function openVerifiedModel(source: CardSource): Promise<VerifiedModel> {
  const named = <T>(what: string, read: () => T): T => {
    try {
      return read();
    } catch (e) {
      throw new Error(`The model card ${source.cardName} ${what}: ${errorMessage(e)}`, { cause: e });
    }
  };
  const text = decodeText(source.cardBytes, `The model card ${source.cardName}`);
  if (!text.ok) throw new Error(text.message);
  const manifestJson: unknown = named('is not valid JSON', () => JSON.parse(text.text));
  const manifest = named('is not a valid model card', () => parseManifest(manifestJson));
  const modelBytes = await source.readModel(manifest);
  source.onRead?.({ manifestJson, manifest, modelBytes });
  const model = await loadPdModel(modelBytes, manifest, source.runtime);
  try {
    const cardSha256 = await sha256Hex(source.cardBytes);
    checkPins(source.pins ?? {}, { modelSha256: model.sha256, cardSha256 });
    await checkLeverDirections(manifest, model.scorePd);
    return { manifestJson, manifest, model, modelBytes, cardSha256 };
  } catch (e) {
    await model.release();
    throw e;
  }
}
