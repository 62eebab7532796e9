/**
 * A scoring helper that is replaced when it dies. The slice it was scoring goes to a freshly started
 * helper, which verifies its own copy of the model first; if none can be started, this evaluation
 * fails (its figures are withheld) and the next one tries again. A replacement that fails its model
 * check throws ModelVerificationError, which withholds every figure.
 */
import type { LoanFiguresSlice, TapePartParser } from '../engine';
import { ModelVerificationError, type SliceScorer } from '../model';
import { errorMessage } from '../util';
import { ScoringHelperError, type ClosableScorer } from './scorer-client';

export function supervisedHelper(first: ClosableScorer, open: () => Promise<ClosableScorer>): ClosableScorer {
  let current: Promise<ClosableScorer> | undefined = Promise.resolve(first);
  let closed = false;
  /** One replacement per dead helper, however many slices were in flight on it when it died. */
  const replace = (): Promise<ClosableScorer> => {
    if (closed) return Promise.reject(new ScoringHelperError('This scoring helper was closed.'));
    const next: Promise<ClosableScorer> = open().catch((e: unknown) => {
      if (current === next) current = undefined; // the next evaluation tries again
      if (e instanceof ModelVerificationError) throw e;
      throw new ScoringHelperError(`A scoring helper stopped and could not be restarted: ${errorMessage(e)}`);
    });
    current = next;
    return next;
  };
  /** A call on the helper; if the helper is gone, the same call on its replacement. */
  const onHelper = async <T>(call: (helper: ClosableScorer) => Promise<T>): Promise<T> => {
    const pending = current ?? replace();
    const helper = await pending;
    try {
      return await call(helper);
    } catch (e) {
      if (!(e instanceof ScoringHelperError)) throw e;
      const next = current === pending || !current ? replace() : current;
      return call(await next);
    }
  };
  const score: SliceScorer = (inputs, from, to) => onHelper((helper) => helper(inputs, from, to));
  const loanFigures: LoanFiguresSlice = (job, from, to) => onHelper((helper) => helper.loanFigures(job, from, to));
  const parseTapePart: TapePartParser = (text, specs) => onHelper((helper) => helper.parseTapePart(text, specs));
  const close = () => {
    closed = true;
    void current?.then(
      (scorer) => scorer.close(),
      () => undefined,
    );
  };
  return Object.assign(score, { close, loanFigures, parseTapePart });
}
