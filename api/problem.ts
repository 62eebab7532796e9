/**
 * What the service's faces answer when a request cannot be scored as asked: a status and each problem
 * naming its field, or the tape's row, column and value.
 */
import { parsePortfolio, ScenarioEngine, type VerifiedModel } from '../lib/engine';

/** A request that cannot be answered as asked: its status and what is wrong, each problem naming its field. */
export class RequestProblem extends Error {
  constructor(
    readonly status: number,
    readonly problems: string[],
  ) {
    super(problems.join('; '));
  }
}

/** Tape problems (row, column, value, what was expected) as a 400; rows are counted from 1, the first loan. */
export async function engineOn(verified: VerifiedModel, csv: string, where: string) {
  const loaded = parsePortfolio(csv, verified.manifest);
  if (!loaded.ok) {
    const more = loaded.totalIssues > loaded.issues.length ? [`… and ${loaded.totalIssues - loaded.issues.length} more`] : [];
    throw new RequestProblem(400, [...loaded.issues.map((i) => `${where}: ${i.message}`), ...more]);
  }
  return { engine: new ScenarioEngine(verified.manifest, loaded.tape, verified.model.scorePd), tape: loaded.tape };
}
