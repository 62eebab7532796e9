import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVerifiedModel, type VerifiedModel } from '../lib/engine';
import { BASELINE_ASSUMPTIONS, parseScenarioFile, type ScenarioFile } from '../lib/scenario';
import { bundledCard, openBundled, TAPE_PATH } from '../lib/testing';
import { ApplicationStream } from './applications';
import { consumeApplications, type ApplicationBus } from './bus';
import { NATS_DEFAULTS, natsBus, type NatsBusOptions } from './nats';

/** Debian's nats-server (`.ci/run` installs it), or the one NATS_SERVER names. */
const NATS_SERVER = process.env.NATS_SERVER ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** A JetStream server of its own on 127.0.0.1, its store in a fresh folder. */
async function startNats(): Promise<{ url: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(NATS_SERVER, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', mkdtempSync(join(tmpdir(), 'riskdial-nats-'))]);
  await new Promise<void>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`${NATS_SERVER} was not ready in 20 s: ${said}`)), 20_000);
    server.on('error', (e) => reject(new Error(`${NATS_SERVER} did not start (apt-get install nats-server): ${e.message}`)));
    server.on('exit', (code) => reject(new Error(`${NATS_SERVER} stopped (exit code ${code}): ${said}`)));
    server.stderr!.on('data', (b: Buffer) => {
      said += b.toString();
      if (said.includes('Server is ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { url: `nats://127.0.0.1:${port}`, server };
}

const tape = readFileSync(TAPE_PATH, 'utf8');
const rows = Papa.parse<Record<string, string>>(tape, { header: true, skipEmptyLines: true }).data;
const header = Object.keys(rows[0]!);
const application = (i: number, change: Record<string, string> = {}) =>
  JSON.stringify({ ...Object.fromEntries(header.map((h) => [h, rows[i]![h]])), ...change });
const levers = { 'income-shock': -20, 'unemployment-change': 3, cutoff: 12 };
const scenario = parseScenarioFile(levers) as ScenarioFile & { ok: true };

let nats: { url: string; server: ChildProcess };
let verified: VerifiedModel;
beforeAll(async () => {
  nats = await startNats();
  verified = await openVerifiedModel(bundledCard());
});
afterAll(async () => {
  nats?.server.kill();
  await verified?.model.release();
});

/** Publishes the applications on the bus's subject, as a bank's origination system would. */
async function publish(url: string, subject: string, messages: string[]) {
  const nc = await connect({ servers: url });
  const js = jetstream(nc);
  for (const m of messages) await js.publish(subject, m);
  await nc.close();
}

/** Every answer on the answers stream, in the order published. */
async function answersOn(url: string, options: NatsBusOptions): Promise<{ key: string; [k: string]: unknown }[]> {
  const nc = await connect({ servers: url });
  const js = jetstream(nc);
  const consumer = await js.consumers.get(options.answerStream, { deliver_policy: DeliverPolicy.All });
  const answers: { key: string }[] = [];
  const info = await consumer.info();
  const pending = info.num_pending;
  if (pending > 0) {
    const messages = await consumer.fetch({ max_messages: pending, expires: 5000 });
    for await (const m of messages) answers.push(m.json());
  }
  await nc.close();
  return answers;
}

const busOptions = (name: string, url: string): NatsBusOptions => ({
  ...NATS_DEFAULTS,
  servers: url,
  stream: `APPLICATIONS_${name}`,
  subject: `applications.${name}`,
  answerStream: `SCORES_${name}`,
  answerSubject: `scores.${name}`,
  ackWaitMs: 1000,
});

describe('applications scored from a message bus (NATS JetStream on 127.0.0.1)', () => {
  it('answers each application as it arrives with the engine’s figures and running totals; a bad one is answered and not retried', async () => {
    const options = busOptions('plain', nats.url);
    const bus = await natsBus(options);
    const messages = [
      ...Array.from({ length: 20 }, (_, i) => application(i)),
      '{not json',
      application(20, { annual_inc: '-5' }),
      ...Array.from({ length: 10 }, (_, i) => application(21 + i)),
    ];
    await publish(nats.url, options.subject, messages);
    const applications = new ApplicationStream(verified, scenario);
    expect(await consumeApplications(bus, applications, { max: messages.length })).toBe(32);
    await bus.close();

    const answers = await answersOn(nats.url, options);
    expect(answers.map((a) => a.key)).toEqual(messages.map((_, i) => `APPLICATIONS_plain-${i + 1}`));
    expect(answers[20]!.problems).toEqual(['not JSON: {not json']);
    expect((answers[21]!.problems as string[])[0]).toMatch(/^application: Row 1, column "annual_inc": -5 /);
    const scored = answers.filter((a) => !('problems' in a));
    const good = [...Array.from({ length: 20 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 21 + i)];
    const csv = Papa.unparse({ fields: header, data: good.map((i) => header.map((h) => rows[i]![h]!)) });
    const { engine, model } = await openBundled(csv);
    const expected = await engine.loanLevel({ ...BASELINE_ASSUMPTIONS, ...levers });
    expect(scored.map((a) => a.pd_scenario)).toEqual(Array.from(expected.pdScenario));
    expect(scored.map((a) => a.approved_as_new_business)).toEqual(Array.from(expected.approvedAsNewBusiness));
    await model.release();
    const approved = scored.filter((a) => a.approved_as_new_business === 1);
    expect(approved.length).toBeGreaterThan(0);
    expect(answers.at(-1)!.totals).toMatchObject({ applications: 30, approved: approved.length, refused: 2 });
    // Nothing is left to deliver: the bad ones were not sent back.
    const again = await natsBus(options);
    const nothing = new ApplicationStream(verified, scenario);
    const drained = consumeApplications(again, nothing, { max: 1 });
    await new Promise((r) => setTimeout(r, 2500)); // longer than the ack wait: a bad one would have come back
    await again.close();
    expect(await drained).toBe(0);
  });

  it('a consumer that dies after answering but before acknowledging loses nothing and answers nothing twice', async () => {
    const options = busOptions('crash', nats.url);
    const messages = Array.from({ length: 12 }, (_, i) => application(100 + i));
    // The first consumer dies (its connection closed, no acknowledgement) right after publishing its 5th answer.
    const first = await natsBus(options);
    await publish(nats.url, options.subject, messages);
    let published = 0;
    const dying: ApplicationBus = {
      deliveries: () => first.deliveries(),
      publish: async (key, answer) => {
        await first.publish(key, answer);
        if (++published === 5) {
          await first.close();
          throw new Error('the consumer died');
        }
      },
      close: () => first.close(),
    };
    await expect(consumeApplications(dying, new ApplicationStream(verified, scenario))).rejects.toThrow();
    // The next consumer of the same durable name is delivered the 5th again (after the ack wait) and the rest.
    const second = await natsBus(options);
    expect(await consumeApplications(second, new ApplicationStream(verified, scenario), { max: 8 })).toBe(8);
    await second.close();
    const answers = await answersOn(nats.url, options);
    expect(answers.map((a) => a.key)).toEqual(messages.map((_, i) => `APPLICATIONS_crash-${i + 1}`));
  });

  it('npm run stream scores the applications waiting on the bus and says what it answered', async () => {
    const options = busOptions('command', nats.url);
    const scenarioFile = join(mkdtempSync(join(tmpdir(), 'riskdial-stream-')), 'adverse.json');
    writeFileSync(scenarioFile, JSON.stringify(levers));
    await (await natsBus(options)).close(); // the streams made, as a deployment would have them
    await publish(nats.url, options.subject, [application(7), application(8), application(9)]);
    const flags = ['--nats', nats.url, '--stream', options.stream, '--subject', options.subject];
    const run = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/stream.ts',
          ...flags,
          '--answer-stream',
          options.answerStream,
          '--answers',
          options.answerSubject,
          '--scenario',
          scenarioFile,
          '--max',
          '3',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`model lending-club-pd (SHA-256 ${verified.model.sha256})`);
    expect(run.stderr).toMatch(/Answered 3 applications: \{"applications":3,/);
    const answers = await answersOn(nats.url, options);
    const { engine, model } = await openBundled(
      Papa.unparse({ fields: header, data: [7, 8, 9].map((i) => header.map((h) => rows[i]![h]!)) }),
    );
    const expected = await engine.loanLevel({ ...BASELINE_ASSUMPTIONS, ...levers });
    expect(answers.map((a) => a.pd_scenario)).toEqual(Array.from(expected.pdScenario));
    await model.release();
  });
});
