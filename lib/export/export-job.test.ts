import { describe, expect, it } from 'vitest';
import type { LoanLevelResult } from '../engine';
import { runExportJob, type ExportJobMessage } from './export-job';

const twoLoans: LoanLevelResult = {
  pdBaseline: Float64Array.of(0.02, 0.1),
  pdScenario: Float64Array.of(0.03, 0.15),
  stage: Uint8Array.of(1, 2),
  expectedLoss: Float64Array.of(12.344, 300.5),
  ifrs9Ecl: Float64Array.of(10, 900.126),
  lifetimeEcl: Float64Array.of(40, 900.126),
  approvedAsNewBusiness: Uint8Array.of(1, 0),
};

describe('an export job', () => {
  it('answers with the file it made, under the job’s id', async () => {
    const messages: ExportJobMessage[] = [];
    await runExportJob(
      { id: 7, kind: 'loans-csv', loans: twoLoans, preamble: '# model: m; SHA-256 abc\r\n# table: one row per loan' },
      (m) => messages.push(m),
    );
    expect(messages.map((m) => [m.id, m.type])).toEqual([[7, 'done']]);
    const file = (messages[0] as Extract<ExportJobMessage, { type: 'done' }>).file;
    expect(file.type).toBe('text/csv');
    expect(await file.text()).toBe(
      '# model: m; SHA-256 abc\r\n# table: one row per loan\r\n' +
        'loan,pd_baseline,pd_scenario,ifrs9_stage,expected_loss,ifrs9_ecl,lifetime_ecl,approved_as_new_business\r\n' +
        '1,0.02,0.03,1,12.34,10,40,1\r\n2,0.1,0.15,2,300.5,900.13,900.13,0\r\n',
    );
  });

  it('says why when the file cannot be made, and makes none', async () => {
    const messages: ExportJobMessage[] = [];
    const broken = { ...twoLoans, pdBaseline: undefined } as unknown as LoanLevelResult;
    await runExportJob({ id: 3, kind: 'loans-csv', loans: broken }, (m) => messages.push(m));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: 3, type: 'failed' });
    expect((messages[0] as { message: string }).message).toMatch(/length/);
  });
});
