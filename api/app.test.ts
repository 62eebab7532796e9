import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVerifiedModel, portfolioNotes, scoreSummary, type VerifiedModel } from '../lib/engine';
import { BASELINE_ASSUMPTIONS } from '../lib/scenario';
import { bundledCard, openBundled, TAPE_PATH } from '../lib/testing';
import { buildApi, openApiDocument } from './app';
import { namedInputs } from './columns';

const tape = readFileSync(TAPE_PATH, 'utf8');
const rows = Papa.parse<Record<string, string>>(tape, { header: true, skipEmptyLines: true }).data;
const header = Object.keys(rows[0]!);
/** The first loans of the bundled tape as a CSV of their own. */
const firstLoans = (n: number) => Papa.unparse({ fields: header, data: rows.slice(0, n).map((r) => header.map((h) => r[h]!)) });

let verified: VerifiedModel;
let app: ReturnType<typeof buildApi>;
beforeAll(async () => {
  verified = await openVerifiedModel(bundledCard());
  app = buildApi({ verified, version: '0.1.0', bodyLimit: 4 * 1024 * 1024 });
});
afterAll(async () => {
  await app.close();
  await verified.model.release();
});

/** Named columnar inputs (KServe V2) for the first n loans of the bundled tape. */
const inputsOf = (n: number) => namedInputs(tape, n);

describe('the REST face', () => {
  it('says it is live and ready, and describes the model by its SHA-256 and the columns it reads', async () => {
    expect((await app.inject({ url: '/v2/health/ready' })).json()).toEqual({ ready: true });
    const metadata = (await app.inject({ url: '/v2/models/lending-club-pd' })).json();
    expect(metadata.versions).toEqual([verified.model.sha256]);
    expect(metadata.inputs).toContainEqual({ name: 'annual_inc', datatype: 'FP64', shape: [-1], optional: false });
    expect(metadata.inputs).toContainEqual({ name: 'addr_state', datatype: 'BYTES', shape: [-1], optional: true });
    expect(metadata.outputs.map((o: { name: string }) => o.name)).toEqual([
      'pd_baseline',
      'pd_scenario',
      'ifrs9_stage',
      'expected_loss',
      'ifrs9_ecl',
      'lifetime_ecl',
      'approved_as_new_business',
    ]);
    const unknown = await app.inject({ url: '/v2/models/other' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().problems[0]).toBe('No model named other; this service runs lending-club-pd.');
  });

  it('infer scores named columnar inputs under the scenario in parameters, as the engine scores the same loans', async () => {
    const scenario = { ...BASELINE_ASSUMPTIONS, 'income-shock': -20, 'unemployment-change': 3 };
    const response = await app.inject({
      method: 'POST',
      url: '/v2/models/lending-club-pd/infer',
      payload: { id: 'batch-7', parameters: { 'income-shock': -20, 'unemployment-change': 3 }, inputs: inputsOf(40) },
    });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer).toMatchObject({ model_name: 'lending-club-pd', model_version: verified.model.sha256, id: 'batch-7' });
    const output = (name: string) => answer.outputs.find((o: { name: string }) => o.name === name);
    const { engine, model } = await openBundled(firstLoans(40));
    const expected = await engine.loanLevel(scenario);
    expect(output('pd_scenario')).toEqual({ name: 'pd_scenario', shape: [40], datatype: 'FP64', data: Array.from(expected.pdScenario) });
    expect(output('pd_baseline').data).toEqual(Array.from(expected.pdBaseline));
    expect(output('ifrs9_stage').datatype).toBe('INT32');
    // The stress raises every loan's PD.
    expect(output('pd_scenario').data.every((p: number, i: number) => p > output('pd_baseline').data[i])).toBe(true);
    await model.release();
    // Only the outputs asked for.
    const one = await app.inject({
      method: 'POST',
      url: '/v2/models/lending-club-pd/infer',
      payload: { inputs: inputsOf(3), outputs: [{ name: 'pd_scenario' }] },
    });
    expect(one.json().outputs.map((o: { name: string }) => o.name)).toEqual(['pd_scenario']);
  });

  it('a bad request is a 400 naming the field, the row and column, or the lever; a body over the limit is a 413', async () => {
    const post = (payload: unknown) => app.inject({ method: 'POST', url: '/v2/models/lending-club-pd/infer', payload: payload as object });
    const noInputs = await post({ inputs: [] });
    expect(noInputs.statusCode).toBe(400);
    expect(noInputs.json().problems[0]).toMatch(/^inputs: /);
    const badType = await post({ inputs: [{ name: 'annual_inc', shape: [1], datatype: 'FP16', data: [1] }] });
    expect(badType.json().problems[0]).toMatch(/^inputs\.0\.datatype: /);
    const inputs = inputsOf(3);
    const k = inputs.findIndex((i) => i.name === 'revol_util');
    const short = inputs.map((i, at) => (at === k ? { ...i, data: i.data.slice(0, 2) } : i));
    const shortAnswer = await post({ inputs: short });
    expect(shortAnswer.json(), shortAnswer.body).toEqual({
      error: 'Bad request',
      problems: [`inputs.${k}.data: revol_util has 2 values; its shape says 3`],
    });
    const negative = inputs.map((i) => (i.name === 'annual_inc' ? { ...i, data: [50000, -5, 60000] } : i));
    const refused = await post({ inputs: negative });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().problems[0]).toMatch(/^inputs: Row 2, column "annual_inc": -5 /);
    const lever = await post({ parameters: { 'income-shock': -90 }, inputs });
    expect(lever.json().problems[0]).toMatch(/^parameters: .*income-shock/);
    const missing = await post({ inputs: inputs.filter((i) => i.name !== 'annual_inc') });
    expect(missing.json().problems.join('\n')).toContain('annual_inc');
    const huge = await app.inject({
      method: 'POST',
      url: '/v1/portfolio/evaluate',
      payload: { portfolio: { csv: 'x'.repeat(5 * 1024 * 1024) } },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toEqual({ error: 'Payload too large', problems: ['The request body is larger than 4194304 bytes.'] });
  });

  it('evaluates a tape as npm run score does, at once or as a job polled until done', async () => {
    const csv = firstLoans(500);
    const scenario = { 'income-shock': -10, lgd: 60 };
    const direct = await app.inject({
      method: 'POST',
      url: '/v1/portfolio/evaluate',
      payload: { portfolio: { name: 'first-500.csv', csv }, scenario },
    });
    expect(direct.statusCode).toBe(200);
    const figures = direct.json();
    const { engine, model, manifest, tape: parsed } = await openBundled(csv);
    await engine.bookValidation();
    const assumptions = { ...BASELINE_ASSUMPTIONS, ...scenario };
    const evaluation = await engine.evaluate(assumptions);
    expect(figures.scenario.expectedLoss).toBe(evaluation.scenario.book.expectedLoss);
    expect(figures.portfolio).toMatchObject({ file: 'first-500.csv', loans: 500 });
    expect(figures.portfolio.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(figures.model.sha256).toBe(verified.model.sha256);
    expect(Object.keys(figures)).toEqual(
      Object.keys(
        scoreSummary({
          model: figures.model,
          portfolio: { file: '', loans: 0, sha256: '', notes: portfolioNotes(parsed, manifest) },
          scenario: { assumptions, settings: evaluation.settings, scenarioSet: evaluation.scenarioSet },
          figures: evaluation,
        }),
      ),
    );
    await model.release();

    const accepted = await app.inject({ method: 'POST', url: '/v1/jobs', payload: { portfolio: { csv }, scenario } });
    expect(accepted.statusCode).toBe(202);
    const { id, href } = accepted.json();
    expect(accepted.headers.location).toBe(href);
    let job = (await app.inject({ url: href })).json();
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ url: href })).json();
    }
    expect(job).toMatchObject({ id, status: 'done' });
    expect(job.result.scenario.expectedLoss).toBe(figures.scenario.expectedLoss);
    expect((await app.inject({ url: '/v1/jobs/nope' })).statusCode).toBe(404);
    const badRow = await app.inject({
      method: 'POST',
      url: '/v1/portfolio/evaluate',
      payload: { portfolio: { csv: csv.replace(/\n[^\n]*$/, '\nnot,a,loan') } },
    });
    expect(badRow.statusCode).toBe(400);
    expect(badRow.json().problems[0]).toMatch(/^portfolio\.csv: /);
  });

  it('scores applications as they arrive (NDJSON), each answered by a line with the running totals; a bad line is answered, not fatal', async () => {
    const applications = rows.slice(0, 3).map((r) => JSON.stringify(Object.fromEntries(header.map((h) => [h, r[h]]))));
    const negative = JSON.stringify({ ...Object.fromEntries(header.map((h) => [h, rows[3]![h]])), annual_inc: '-5' });
    const body = [applications[0], '{not json', applications[1], negative, '', applications[2]].join('\n');
    const response = await app.inject({
      method: 'POST',
      url: '/v1/applications/score?income-shock=-10&cutoff=10',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    const lines = response.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 6]);
    expect(lines[1].problems[0]).toBe('line 2: not JSON: {not json');
    expect(lines[3].problems[0]).toMatch(/^line 4: application: Row 1, column "annual_inc": -5 /);
    const { engine, model } = await openBundled(firstLoans(3));
    const expected = await engine.loanLevel({ ...BASELINE_ASSUMPTIONS, 'income-shock': -10, cutoff: 10 });
    const scored = [lines[0], lines[2], lines[4]];
    expect(scored.map((l) => l.pd_scenario)).toEqual(Array.from(expected.pdScenario));
    expect(scored.map((l) => l.approved_as_new_business)).toEqual(Array.from(expected.approvedAsNewBusiness));
    const approved = scored.filter((l) => l.approved_as_new_business === 1);
    expect(lines.at(-1).totals).toEqual({
      applications: 3,
      approved: approved.length,
      refused: 2,
      expectedLossApproved: approved.reduce((s, l) => s + l.expected_loss, 0),
      meanPdApproved: approved.reduce((s, l) => s + l.pd_scenario, 0) / approved.length,
    });
    await model.release();
    const badLever = await app.inject({
      method: 'POST',
      url: '/v1/applications/score?income-shock=oops',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: applications[0]!,
    });
    expect(badLever.statusCode).toBe(400);
    expect(badLever.json().problems[0]).toMatch(/^query: income-shock=oops/);
  });

  it('serves its OpenAPI document, made from the schemas that check the requests, and answers over 127.0.0.1', async () => {
    const served = (await app.inject({ url: '/openapi.json' })).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument('0.1.0', 'lending-club-pd'))));
    const infer = served.paths['/v2/models/{name}/infer'].post.requestBody.content['application/json'].schema;
    expect(infer.required).toContain('inputs');
    expect(infer.properties.inputs.items.properties.datatype.enum).toContain('BYTES');
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${address}/v2/models/lending-club-pd/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: inputsOf(2) }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).outputs[0].data).toHaveLength(2);
    // A stream: the first application is answered while the second is still to be sent.
    const application = (k: number) => `${JSON.stringify(Object.fromEntries(header.map((h) => [h, rows[k]![h]])))}\n`;
    let send!: (text: string | null) => void;
    const requestBody = new ReadableStream<Uint8Array>({
      start(controller) {
        send = (text) => (text === null ? controller.close() : controller.enqueue(new TextEncoder().encode(text)));
      },
    });
    send(application(0));
    const streamed = await fetch(`${address}/v1/applications/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: requestBody,
      duplex: 'half',
    } as RequestInit);
    const reader = streamed.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = JSON.parse((await reader.read()).value!);
    expect(first).toMatchObject({ line: 1, totals: { applications: 1 } });
    send(application(1));
    send(null);
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    expect(JSON.parse(rest.trim())).toMatchObject({ line: 2, totals: { applications: 2 } });
  });
});
