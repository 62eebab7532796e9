/**
 * One loan under the scenario: what the model reads of it, its PD, expected loss and IFRS 9 ECL under
 * baseline and scenario, and how each lever moves its PD (Shapley values, as for the book: the shares
 * sum exactly to the loan's change). The loan is evaluated as a book of its own, by the same engine.
 */
import { ASSUMPTION_IDS, BASELINE_ASSUMPTIONS, type AssumptionId, type Assumptions, type Settings } from '../scenario';
import { shapleyValues } from './drivers';
import type { ScenarioEngine } from './engine';

/** How many of a segment's loans the page lists to choose from: those with the largest scenario ECL. */
export const LOANS_LISTED = 10;

export interface LoanLine {
  /** The loan's place in the book evaluated (the segment drilled into). */
  loan: number;
  /** Its data row in the tape's file, 1-based, as the tape's error messages count. */
  tapeRow: number;
  grade: string;
  exposure: number;
  pdBaseline: number;
  pdScenario: number;
  ifrs9EclScenario: number;
}

export interface LoanView extends LoanLine {
  /** The model's inputs as the tape gives them, and the book's own columns. */
  facts: { label: string; column: string; value: string | number }[];
  expectedLoss: { baseline: number; scenario: number };
  ifrs9Ecl: { baseline: number; scenario: number };
  stage: { baseline: number; scenario: number };
  /** One share of the PD change per lever moved; they sum to pdScenario − pdBaseline. */
  levers: { lever: AssumptionId; contribution: number }[];
}

/** The loans of the book with the largest IFRS 9 ECL under the scenario, largest first. */
export async function largestLoans(engine: ScenarioEngine, a: Assumptions, settings: Settings, n = LOANS_LISTED): Promise<LoanLine[]> {
  const [base, scenario] = [await engine.loanLevel(BASELINE_ASSUMPTIONS, settings), await engine.loanLevel(a, settings)];
  const order = Array.from(scenario.ifrs9Ecl.keys()).sort((i, j) => scenario.ifrs9Ecl[j]! - scenario.ifrs9Ecl[i]! || i - j);
  return order.slice(0, n).map((i) => lineOf(engine, i, base.pdScenario[i]!, scenario.pdScenario[i]!, scenario.ifrs9Ecl[i]!));
}

function lineOf(engine: ScenarioEngine, i: number, pdBaseline: number, pdScenario: number, ecl: number): LoanLine {
  const { segments, ead } = engine.book;
  return {
    loan: i,
    tapeRow: engine.tapeRow(i) + 1,
    grade: segments.grade.labels[segments.grade.index[i]!]!,
    exposure: ead[i]!,
    pdBaseline,
    pdScenario,
    ifrs9EclScenario: ecl,
  };
}

export async function loanView(engine: ScenarioEngine, loan: number, a: Assumptions, settings: Settings): Promise<LoanView> {
  if (!Number.isInteger(loan) || loan < 0 || loan >= engine.loanCount)
    throw new RangeError(`There is no loan ${loan} in a book of ${engine.loanCount} loans.`);
  const one = engine.subBook(Uint32Array.of(loan));
  const at = async (levers: Assumptions) => one.loanLevel(levers, settings);
  const [base, scenario] = [await at(BASELINE_ASSUMPTIONS), await at(a)];
  const moved = ASSUMPTION_IDS.filter((id) => a[id] !== BASELINE_ASSUMPTIONS[id]);
  const pds: number[] = [];
  for (let mask = 0; mask < 1 << moved.length; mask++) {
    const mix = { ...BASELINE_ASSUMPTIONS, ...Object.fromEntries(moved.filter((_, j) => mask & (1 << j)).map((id) => [id, a[id]])) };
    pds.push((await at(mix)).pdScenario[0]!);
  }
  const phi = shapleyValues(moved.length, (mask) => pds[mask]!);
  const { tape, manifest, book } = engine;
  const facts = [
    ...manifest.inputs.map((input) => ({
      label: input.description,
      column: input.column,
      value: (input.type === 'string' ? tape.categories[input.column]?.[loan] : tape.numbers[input.column]?.[loan]) ?? '',
    })),
    { label: 'Exposure at default (USD)', column: 'exposure', value: book.ead[loan]! },
    { label: 'Contract rate (% a year)', column: 'rate', value: book.ratePct[loan]! },
    { label: 'Months left', column: 'remaining term', value: book.remainingMonths[loan]! },
  ];
  return {
    ...lineOf(engine, loan, base.pdScenario[0]!, scenario.pdScenario[0]!, scenario.ifrs9Ecl[0]!),
    facts,
    expectedLoss: { baseline: base.expectedLoss[0]!, scenario: scenario.expectedLoss[0]! },
    ifrs9Ecl: { baseline: base.ifrs9Ecl[0]!, scenario: scenario.ifrs9Ecl[0]! },
    stage: { baseline: base.stage[0]!, scenario: scenario.stage[0]! },
    levers: moved.map((lever, j) => ({ lever, contribution: phi[j]! })),
  };
}
