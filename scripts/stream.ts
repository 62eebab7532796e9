/**
 * `npm run stream`: applications scored as they arrive on a message bus (NATS JetStream), with the
 * same engine and model as the page, verified once at start. Each application is a message (a JSON
 * object of tape columns) on the applications stream; its answer (PDs, stage, losses, approval at the
 * cut-off and the running totals) is published on the answers subject, then the application
 * acknowledged (api/bus.ts). Runs until stopped (Ctrl-C drains the connection), or `--max N` answers.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApplicationStream } from '../api/applications';
import { consumeApplications } from '../api/bus';
import { NATS_DEFAULTS, natsBus } from '../api/nats';
import { parseScenarioFile, type ScenarioFile } from '../lib/scenario';
import { errorMessage } from '../lib/util';
import { DEPLOYMENT_CARD, openDeployment } from './deployment';

const { values } = parseArgs({
  options: {
    manifest: { type: 'string', default: DEPLOYMENT_CARD },
    nats: { type: 'string', default: NATS_DEFAULTS.servers },
    stream: { type: 'string', default: NATS_DEFAULTS.stream },
    subject: { type: 'string', default: NATS_DEFAULTS.subject },
    consumer: { type: 'string', default: NATS_DEFAULTS.consumer },
    'answer-stream': { type: 'string', default: NATS_DEFAULTS.answerStream },
    answers: { type: 'string', default: NATS_DEFAULTS.answerSubject },
    scenario: { type: 'string' },
    max: { type: 'string' },
  },
});

function scenarioOf(path: string | undefined): ScenarioFile {
  const scenario = parseScenarioFile(path ? JSON.parse(readFileSync(path, 'utf8')) : {});
  if (!scenario.ok) throw new Error(`The scenario file ${path} is refused:\n  ${scenario.errors.join('\n  ')}`);
  return scenario;
}

try {
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && !(Number.isInteger(max) && max >= 1))
    throw new Error(`--max takes a whole number of at least 1, not "${values.max}"`);
  const scenario = scenarioOf(values.scenario);
  const verified = await openDeployment(values.manifest);
  const bus = await natsBus({
    servers: values.nats,
    stream: values.stream,
    subject: values.subject,
    consumer: values.consumer,
    answerStream: values['answer-stream'],
    answerSubject: values.answers,
  });
  process.once('SIGINT', () => void bus.close());
  process.once('SIGTERM', () => void bus.close());
  console.error(
    `Riskdial scoring applications from ${values.nats} (${values.stream}, ${values.subject}) to ${values.answers}: model ${verified.manifest.name} (SHA-256 ${verified.model.sha256})`,
  );
  const applications = new ApplicationStream(verified, scenario);
  try {
    const answered = await consumeApplications(bus, applications, max === undefined ? {} : { max });
    console.error(`Answered ${answered} applications: ${JSON.stringify(applications.totals)}`);
  } finally {
    await bus.close();
  }
} catch (e) {
  console.error(`The stream consumer stopped: ${errorMessage(e)}`);
  process.exit(2);
}
