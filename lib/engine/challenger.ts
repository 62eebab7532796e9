/**
 * Champion and challenger on the same tape and scenario: what each model says of the book and of new
 * business, how each discriminates on the tape's outcomes, how their PDs spread, and the loans on
 * which they disagree most. Both engines answer from their own caches; nothing here re-runs a model
 * the page has already run for the scenario.
 */
import type { Assumptions, ScenarioSet, Settings } from '../scenario';
import type { ScenarioEngine } from './engine';

export interface ModelSide {
  name: string;
  sha256: string;
  /** On the tape's outcomes, where it has them. */
  auc?: number;
  gini?: number;
  ks?: number;
  /** Exposure-weighted mean PD of the book under the scenario. */
  meanPd: number;
  expectedLoss: number;
  ifrs9Ecl: number;
  capital: number;
  newApprovalRate: number;
  newExpectedLoss: number;
  /** Loans by scenario PD band ("4–5%"). */
  pdBands: { label: string; loans: number }[];
}

export interface Disagreement {
  /** 1-based row of the tape. */
  loan: number;
  champion: number;
  challenger: number;
  /** Observed bad where the tape says. */
  bad?: boolean;
}

export interface Comparison {
  champion: ModelSide;
  challenger: ModelSide;
  /** Loans whose scenario PDs differ most, largest difference first. */
  disagreements: Disagreement[];
  /** Share of new-business applicants approved by one model at the cut-off and declined by the other. */
  approvalSwitches: number;
}

const DISAGREEMENTS = 10;

async function side(
  engine: ScenarioEngine,
  who: { name: string; sha256: string },
  a: Assumptions,
  s: Settings,
  set: ScenarioSet,
): Promise<ModelSide> {
  const e = await engine.evaluate(a, s, set);
  const t = (await engine.bookValidation()).onTape;
  return {
    ...who,
    ...(t ? { auc: t.auc, gini: t.gini, ks: t.ks } : {}),
    meanPd: e.scenario.book.meanPd,
    expectedLoss: e.scenario.book.expectedLoss,
    ifrs9Ecl: e.scenario.book.ifrs9Ecl,
    capital: e.scenario.book.irbCapital,
    newApprovalRate: e.newBusiness.scenario.approvalRate,
    newExpectedLoss: e.newBusiness.scenario.expectedLoss,
    pdBands: e.pdDistribution.map((b) => ({ label: b.label, loans: b.scenarioLoans })),
  };
}

export async function compareModels(
  champion: { engine: ScenarioEngine; name: string; sha256: string },
  challenger: { engine: ScenarioEngine; name: string; sha256: string },
  assumptions: Assumptions,
  settings: Settings,
  scenarioSet: ScenarioSet,
): Promise<Comparison> {
  const [a, b] = [champion, challenger].map((m) => side(m.engine, { name: m.name, sha256: m.sha256 }, assumptions, settings, scenarioSet));
  const [mine, theirs] = await Promise.all([
    champion.engine.loanLevel(assumptions, settings),
    challenger.engine.loanLevel(assumptions, settings),
  ]);
  const bad = champion.engine.book.observedBad;
  const order = Array.from(mine.pdScenario, (_, i) => i).sort(
    (i, j) => Math.abs(theirs.pdScenario[j]! - mine.pdScenario[j]!) - Math.abs(theirs.pdScenario[i]! - mine.pdScenario[i]!) || i - j,
  );
  let switches = 0;
  for (let i = 0; i < mine.approvedAsNewBusiness.length; i++)
    if (mine.approvedAsNewBusiness[i] !== theirs.approvedAsNewBusiness[i]) switches++;
  return {
    champion: await a!,
    challenger: await b!,
    disagreements: order.slice(0, DISAGREEMENTS).map((i) => ({
      loan: i + 1,
      champion: mine.pdScenario[i]!,
      challenger: theirs.pdScenario[i]!,
      ...(bad ? { bad: bad[i] === 1 } : {}),
    })),
    approvalSwitches: switches / Math.max(1, mine.approvedAsNewBusiness.length),
  };
}
