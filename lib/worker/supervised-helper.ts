/**
 * A scoring helper that is replaced when it dies. The slice it was scoring goes to a freshly started
 * helper, which verifies its own copy of the model first; if none can be started, this evaluation
 * fails (its figures are withheld) and the next one tries again. A replacement that fails its model
 * check throws ModelVerificationError, which withholds every figure.
 */
import { ModelVerificationError, type SliceScorer } from '../model';
import { errorMessage } from '../util';
import { ScoringHelperError } from './scorer-client';

export function supervisedHelper(first: SliceScorer, open: () => Promise<SliceScorer>): SliceScorer {
  let current: SliceScorer | undefined = first;
  const replacement = async (): Promise<SliceScorer> => {
    try {
      current = await open();
      return current;
    } catch (e) {
      if (e instanceof ModelVerificationError) throw e;
      throw new ScoringHelperError(`A scoring helper stopped and could not be restarted: ${errorMessage(e)}`);
    }
  };
  return async (inputs, from, to) => {
    const scorer = current ?? (await replacement());
    try {
      return await scorer(inputs, from, to);
    } catch (e) {
      if (!(e instanceof ScoringHelperError)) throw e;
      current = undefined;
      return (await replacement())(inputs, from, to);
    }
  };
}
