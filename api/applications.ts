/**
 * Applications scored one by one as they arrive, on any face that brings them (NDJSON over HTTP, a
 * message bus): each is one loan of a tape, answered with its figures under the scenario and the
 * running totals of the applications so far. A bad application is answered with why, and counted.
 */
import Papa from 'papaparse';
import type { VerifiedModel } from '../lib/engine';
import { LOAN_FIELDS } from '../lib/export';
import type { ScenarioFile } from '../lib/scenario';
import { engineOn, RequestProblem } from './problem';

export interface ApplicationTotals {
  /** Applications scored. */
  applications: number;
  /** Of those, approved at the cut-off as new business. */
  approved: number;
  /** Applications that could not be scored (their answer says why). */
  refused: number;
  expectedLossApproved: number;
  meanPdApproved: number;
}

export type ApplicationAnswer =
  { figures: Record<string, number>; totals: ApplicationTotals } | { problems: string[]; totals: ApplicationTotals };

export class ApplicationStream {
  readonly totals: ApplicationTotals = { applications: 0, approved: 0, refused: 0, expectedLossApproved: 0, meanPdApproved: 0 };

  constructor(
    private readonly verified: VerifiedModel,
    private readonly scenario: ScenarioFile,
  ) {}

  /**
   * One application (a JSON object of tape columns): its figures and the totals, or the problems that
   * keep it from being scored. A failure that is not the application's (the engine's) is thrown, so
   * a bus can deliver it again.
   */
  async answer(text: string): Promise<ApplicationAnswer> {
    let figures: Record<string, number>;
    try {
      figures = await this.figures(text);
    } catch (e) {
      if (!(e instanceof RequestProblem)) throw e;
      this.totals.refused++;
      return { problems: e.problems, totals: { ...this.totals } };
    }
    const t = this.totals;
    t.applications++;
    if (figures.approved_as_new_business) {
      t.meanPdApproved = (t.meanPdApproved * t.approved + figures.pd_scenario!) / (t.approved + 1);
      t.approved++;
      t.expectedLossApproved += figures.expected_loss!;
    }
    return { figures, totals: { ...t } };
  }

  /** The application as one loan of a tape: its figures under the scenario. */
  private async figures(text: string): Promise<Record<string, number>> {
    let application: unknown;
    try {
      application = JSON.parse(text);
    } catch {
      throw new RequestProblem(400, [`not JSON: ${text.slice(0, 60)}`]);
    }
    if (typeof application !== 'object' || application === null || Array.isArray(application)) {
      throw new RequestProblem(400, ['expected a JSON object of tape columns, e.g. {"annual_inc": 65000, "term": " 36 months", ...}']);
    }
    const fields = Object.keys(application);
    const csv = Papa.unparse({ fields, data: [fields.map((f) => (application as Record<string, unknown>)[f] ?? '')] });
    const { engine } = await engineOn(this.verified, csv, 'application');
    const loans = await engine.loanLevel(this.scenario.assumptions, this.scenario.settings);
    return Object.fromEntries(LOAN_FIELDS.slice(1).map((f) => [f.name, f.value(loans, 0, 1)]));
  }
}
