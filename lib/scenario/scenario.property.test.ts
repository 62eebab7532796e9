/**
 * Property-based tests (fast-check) over scenario files and link state: whatever a file or a link
 * holds, nothing throws, nothing out of range gets through, and every refusal names what it refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, assumptionGrid, BASELINE_ASSUMPTIONS, parseScenario, scenarioFromQuery, scenarioToQuery, type Assumptions } from '.';

const inRange = (a: Assumptions) => ASSUMPTIONS.every((d) => Number.isFinite(a[d.id]) && a[d.id] >= d.min && a[d.id] <= d.max);
const ids = ASSUMPTIONS.map((a) => a.id);

describe('scenario files, whatever they hold', () => {
  it('never throw; accept only numbers in range; name every id they refuse', () => {
    const entry = fc.tuple(fc.oneof(fc.constantFrom(...ids), fc.string()), fc.jsonValue());
    const json = fc.oneof(
      fc.jsonValue(),
      fc.array(entry).map((entries) => Object.fromEntries(entries)),
    );
    fc.assert(
      fc.property(json, (value) => {
        const result = parseScenario(value);
        if (result.ok) {
          expect(inRange(result.assumptions)).toBe(true);
          return;
        }
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) expect(error.length).toBeLessThan(300);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          for (const error of result.errors) expect(error).toMatch(/^(Unknown assumption|Assumption) "/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('link state, whatever the link', () => {
  it('never throws; the scenario it opens is in range; what it ignores is echoed shortened', () => {
    const param = fc.tuple(
      fc.oneof(fc.constantFrom(...ids), fc.string()),
      fc.oneof(fc.string(), fc.double().map(String), fc.string({ maxLength: 20_000 })),
    );
    fc.assert(
      fc.property(fc.array(param, { maxLength: 8 }), (params) => {
        const search = `?${new URLSearchParams(params).toString()}`;
        const { assumptions, ignored } = scenarioFromQuery(search);
        expect(inRange(assumptions)).toBe(true);
        for (const message of ignored) expect(message.length).toBeLessThan(250);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every scenario the sliders can set', () => {
    const scenario = fc.record(
      Object.fromEntries(ASSUMPTIONS.map((d) => [d.id, fc.constantFrom(...assumptionGrid(d.id))])) as Record<
        keyof Assumptions,
        fc.Arbitrary<number>
      >,
    );
    fc.assert(
      fc.property(scenario, (a) => {
        expect(scenarioFromQuery(scenarioToQuery(a))).toMatchObject({ assumptions: { ...BASELINE_ASSUMPTIONS, ...a }, ignored: [] });
      }),
      { numRuns: 300 },
    );
  });
});
