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
  let current: Promise<SliceScorer> | undefined = Promise.resolve(first);
  /** One replacement per dead helper, however many slices were in flight on it when it died. */
  const replace = (): Promise<SliceScorer> => {
    const next: Promise<SliceScorer> = open().catch((e: unknown) => {
      if (current === next) current = undefined; // the next evaluation tries again
      if (e instanceof ModelVerificationError) throw e;
      throw new ScoringHelperError(`A scoring helper stopped and could not be restarted: ${errorMessage(e)}`);
    });
    current = next;
    return next;
  };
  return async (inputs, from, to) => {
    const pending = current ?? replace();
    const scorer = await pending;
    try {
      return await scorer(inputs, from, to);
    } catch (e) {
      if (!(e instanceof ScoringHelperError)) throw e;
      const next = current === pending || !current ? replace() : current;
      return (await next)(inputs, from, to);
    }
  };
}
