import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  modelPointsLine,
  pointSize,
  priorityOf,
  readModelPointsLine,
  rowUniform,
  topCandidates,
  weightedPoints,
  withLastField,
  type ModelPointsReport,
} from './model-points';

const rows = Papa.parse<Record<string, string>>(readFileSync('data/lending_club.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
const ead = rows.map((r) => Number(r.funded_amnt));
/** A PD for each loan that rises with its rate, as the model's does: enough to size the loans. */
const pd = rows.map((r) => Number(r.int_rate) / 300);

function points(k: number, seed?: number, exposures = ead) {
  const candidates = exposures.map((e, i) => {
    const size = pointSize(e, pd[i]!);
    return { row: i + 1, size, priority: priorityOf(i + 1, size, seed), record: `${i}\n` };
  });
  return weightedPoints(topCandidates(candidates, k), k).map((p) => ({ ...p, loan: Number(p.record) }));
}

describe('model points by priority sampling', () => {
  it('estimates the count, exposure and expected loss of the book without bias (300 draws, within 3 standard errors)', () => {
    const truth = { loans: rows.length, exposure: ead.reduce((a, b) => a + b), loss: ead.reduce((a, e, i) => a + e * pd[i]!, 0) };
    const draws = Array.from({ length: 300 }, (_, s) => {
      const p = points(1500, 7919 * (s + 1));
      const sum = (f: (loan: number) => number) => p.reduce((a, x) => a + x.weight * f(x.loan), 0);
      return { loans: sum(() => 1), exposure: sum((i) => ead[i]!), loss: sum((i) => ead[i]! * pd[i]!) };
    });
    for (const key of ['loans', 'exposure', 'loss'] as const) {
      const xs = draws.map((d) => d[key]);
      const mean = xs.reduce((a, b) => a + b) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
      expect(Math.abs(mean - truth[key]), key).toBeLessThan((3 * sd) / Math.sqrt(xs.length));
      // One draw of 1,500 points in 9,857 loans is within a few percent.
      expect(sd / truth[key], key).toBeLessThan(0.04);
    }
  });

  it('keeps a loan that dwarfs the others as itself; with as many points as loans, every loan is kept with weight 1', () => {
    const withGiant = ead.map((e, i) => (i === 41 ? 1e9 : e));
    for (const seed of [1, 2, 3]) expect(points(20, seed, withGiant).find((x) => x.loan === 41)?.weight).toBe(1);
    const p = points(1500);
    expect(p).toHaveLength(1500);
    expect(p.every((x) => x.weight >= 1)).toBe(true);
    expect(p.map((x) => x.row)).toEqual([...p.map((x) => x.row)].sort((a, b) => a - b)); // in file order
    const all = points(rows.length + 10);
    expect(all).toHaveLength(rows.length);
    expect(all.every((x) => x.weight === 1)).toBe(true);
  });

  it('draws each row the same way wherever the tape was cut: u depends on the row number only', () => {
    expect(rowUniform(12345)).toBe(rowUniform(12345));
    const us = Array.from({ length: 100_000 }, (_, i) => rowUniform(i + 1));
    expect(Math.min(...us)).toBeGreaterThan(0);
    expect(Math.max(...us)).toBeLessThanOrEqual(1);
    expect(us.reduce((a, b) => a + b) / us.length).toBeCloseTo(0.5, 2);
    expect(us.filter((u) => u < 0.1).length / us.length).toBeCloseTo(0.1, 2);
  });
});

describe('the model-points line of a points file', () => {
  const report: ModelPointsReport = {
    method: 'priority sampling by exposure × √PD (Duffield, Lund and Thorup 2007)',
    points: 2,
    loans: 10,
    source: { file: 'book.csv', sha256: 'a'.repeat(64) },
    model: { sha256: 'b'.repeat(64), cardSha256: 'c'.repeat(64) },
    errors: [{ scenario: 'Baseline', metric: 'expectedLoss', full: 100, points: 98 }],
  };

  it('travels as the first line and comes back as it was; a tape without one is read as it is', () => {
    const tape = 'id,model_point_weight\r\n1,4\r\n2,6\r\n';
    expect(readModelPointsLine(`${modelPointsLine(report)}${tape}`)).toEqual({ text: tape, report });
    expect(readModelPointsLine(`\uFEFF${modelPointsLine(report)}${tape}`)).toEqual({ text: tape, report });
    expect(readModelPointsLine(tape)).toEqual({ text: tape });
  });

  it('refuses a line that was edited, saying what is wrong', () => {
    expect(readModelPointsLine('# riskdial-model-points {"method": \nid\n1\n')).toEqual({
      error: 'The model-points line (the first line) is not valid JSON: the file was changed after `npm run score` made it.',
    });
    const edited = readModelPointsLine(`${modelPointsLine({ ...report, points: -1 })}id\n1\n`);
    expect('error' in edited && edited.error).toMatch(/^The model-points line \(the first line\) is not a model-points report: points: /);
  });

  it('adds a field at the end of a record, before its line break', () => {
    expect(withLastField('a,b\r\n', 3)).toBe('a,b,3\r\n');
    expect(withLastField('a,"b\nc"\n', 'w')).toBe('a,"b\nc",w\n');
    expect(withLastField('a,b', 2.5)).toBe('a,b,2.5\n');
  });
});
