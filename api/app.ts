/**
 * The REST face: the engine behind HTTP for a bank's systems, the same lib/ code as the page and the
 * batch face, the same model verified once when the service starts.
 *
 * - Open Inference Protocol (KServe V2): health, server and model metadata (the version is the model
 *   file's SHA-256), and `infer` with named columnar inputs (the tape's columns) and the scenario in
 *   `parameters`; each loan's PDs, stage, losses and approval come back as outputs.
 * - `POST /v1/portfolio/evaluate`: a whole tape under a scenario, the figures `npm run score` prints.
 * - `POST /v1/jobs`: the same for a big book, answered 202 at once; `GET /v1/jobs/{id}` until done.
 * - `POST /v1/applications/score`: applications as NDJSON, one JSON object of tape columns a line, each
 *   answered by a line as it arrives (its PDs and whether the cut-off approves it) with the running
 *   totals of the applications so far; a bad line is answered by a line saying why, never a stop.
 * - `GET /openapi.json`: the document, made from the schemas that check the requests.
 *
 * A bad request is a 400 naming the field (or the row, column and value of the tape); a body over the
 * limit a 413. Requests are computed one at a time: the model instance runs one inference at once.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import Papa from 'papaparse';
import { z } from 'zod';
import { portfolioColumnSpecs, portfolioNotes, scoreSummary, type VerifiedModel } from '../lib/engine';
import { LOAN_FIELDS } from '../lib/export';
import { modelFacts, sha256Hex } from '../lib/model';
import { parseScenarioFile, scenarioFromQuery, type ScenarioFile } from '../lib/scenario';
import { errorMessage } from '../lib/util';
import { ApplicationStream } from './applications';
import { engineOn, RequestProblem } from './problem';
import { EvaluateRequest, InferRequest, InferResponse, JobAccepted, JobStatus, ModelMetadata, Problem, problemsOf } from './schemas';

export interface ApiOptions {
  /** The verified model the service answers with (opened and checked once, at start). */
  verified: VerifiedModel;
  /** The release, in the server metadata and the OpenAPI document. */
  version: string;
  /** The largest request body, bytes (default 64 MB): more is a 413. */
  bodyLimit?: number;
}

const parsed = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => {
  const result = schema.safeParse(body);
  if (!result.success) throw new RequestProblem(400, problemsOf(result.error));
  return result.data;
};

/** A scenario file's levers, settings and set, or a 400 with each field's problem. */
function scenarioOf(json: unknown, field: string): ScenarioFile {
  const scenario = parseScenarioFile(json ?? {});
  if (!scenario.ok)
    throw new RequestProblem(
      400,
      scenario.errors.map((e) => `${field}: ${e}`),
    );
  return { assumptions: scenario.assumptions, settings: scenario.settings, scenarioSet: scenario.scenarioSet };
}

/** The named columnar inputs as the CSV tape the engine reads: one column per input, one row per loan. */
function tapeOfInputs(inputs: z.infer<typeof InferRequest>['inputs']): string {
  const rows = inputs[0]!.shape[0]!;
  const problems = inputs.flatMap((input, k) => {
    const expected = input.shape.reduce((n, d) => n * d, 1);
    const found: string[] = [];
    if (input.shape[0] !== rows) found.push(`inputs.${k}.shape: ${input.name} has ${input.shape[0]} loans; the first input has ${rows}`);
    if (input.shape.length === 2 && input.shape[1] !== 1)
      found.push(`inputs.${k}.shape: expected [N] or [N, 1], got [${input.shape.join(', ')}]`);
    if (input.data.length !== expected)
      found.push(`inputs.${k}.data: ${input.name} has ${input.data.length} values; its shape says ${expected}`);
    return found;
  });
  const names = inputs.map((i) => i.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) problems.push(`inputs: ${[...new Set(twice)].join(', ')} given more than once`);
  if (problems.length) throw new RequestProblem(400, problems);
  const data = Array.from({ length: rows }, (_, r) => inputs.map((i) => i.data[r] ?? ''));
  return Papa.unparse({ fields: names, data });
}

export function buildApi({ verified, version, bodyLimit = 64 * 1024 * 1024 }: ApiOptions): FastifyInstance {
  const app = Fastify({ bodyLimit, logger: false });
  const { manifest, model } = verified;
  const modelName = manifest.name;
  /** One computation at a time: the model instance runs one inference at once. */
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const jobs = new Map<string, z.infer<typeof JobStatus>>();

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply: FastifyReply) => {
    if (error instanceof RequestProblem) {
      return reply.code(error.status).send({ error: error.status === 404 ? 'Not found' : 'Bad request', problems: error.problems });
    }
    if (error.statusCode === 413) {
      return reply.code(413).send({ error: 'Payload too large', problems: [`The request body is larger than ${bodyLimit} bytes.`] });
    }
    if (error.statusCode && error.statusCode < 500)
      return reply.code(error.statusCode).send({ error: 'Bad request', problems: [error.message] });
    return reply.code(500).send({ error: 'Internal error', problems: [errorMessage(error)] });
  });

  const knownModel = (name: string) => {
    if (name !== modelName) throw new RequestProblem(404, [`No model named ${name}; this service runs ${modelName}.`]);
  };

  app.get('/v2/health/live', async () => ({ live: true }));
  app.get('/v2/health/ready', async () => ({ ready: true }));
  app.get('/v2', async () => ({ name: 'riskdial', version, extensions: ['riskdial-portfolio'] }));
  app.get<{ Params: { name: string } }>('/v2/models/:name/ready', async (request) => {
    knownModel(request.params.name);
    return { name: modelName, ready: true };
  });
  app.get<{ Params: { name: string } }>('/v2/models/:name', async (request): Promise<z.infer<typeof ModelMetadata>> => {
    knownModel(request.params.name);
    return {
      name: modelName,
      versions: [model.sha256],
      platform: 'onnxruntime_onnx',
      inputs: portfolioColumnSpecs(manifest).map((s) => ({
        name: s.column,
        datatype: s.kind === 'number' ? 'FP64' : 'BYTES',
        shape: [-1],
        optional: s.optional === true,
      })),
      outputs: LOAN_FIELDS.slice(1).map((f) => ({ name: f.name, datatype: f.kind === 'integer' ? 'INT32' : 'FP64', shape: [-1] })),
    };
  });

  app.post<{ Params: { name: string } }>('/v2/models/:name/infer', async (request): Promise<z.infer<typeof InferResponse>> => {
    knownModel(request.params.name);
    const body = parsed(InferRequest, request.body);
    const scenario = scenarioOf(body.parameters, 'parameters');
    const csv = tapeOfInputs(body.inputs);
    const loans = await serially(async () => {
      const { engine } = await engineOn(verified, csv, 'inputs');
      return engine.loanLevel(scenario.assumptions, scenario.settings);
    });
    const wanted = body.outputs?.map((o) => o.name);
    const fields = LOAN_FIELDS.slice(1).filter((f) => !wanted || wanted.includes(f.name));
    return {
      model_name: modelName,
      model_version: model.sha256,
      ...(body.id ? { id: body.id } : {}),
      parameters: { ...scenario.assumptions },
      outputs: fields.map((f) => ({
        name: f.name,
        shape: [loans.pdBaseline.length],
        datatype: f.kind === 'integer' ? ('INT32' as const) : ('FP64' as const),
        data: Array.from({ length: loans.pdBaseline.length }, (_, i) => f.value(loans, i, i + 1)),
      })),
    };
  });

  /** A tape under a scenario: the figures `npm run score` prints, with the model's and tape's hashes. */
  const evaluate = async (body: z.infer<typeof EvaluateRequest>) => {
    const scenario = scenarioOf(body.scenario, 'scenario');
    return serially(async () => {
      const { engine, tape } = await engineOn(verified, body.portfolio.csv, 'portfolio.csv');
      await engine.bookValidation();
      const figures = await engine.evaluate(scenario.assumptions, scenario.settings, scenario.scenarioSet);
      return scoreSummary({
        model: modelFacts(manifest, model, verified.cardSha256),
        portfolio: {
          file: body.portfolio.name,
          loans: engine.loanCount,
          sha256: await sha256Hex(new TextEncoder().encode(body.portfolio.csv)),
          notes: portfolioNotes(tape, manifest),
        },
        scenario,
        figures,
      });
    });
  };

  app.post('/v1/portfolio/evaluate', async (request) => evaluate(parsed(EvaluateRequest, request.body)));

  app.post('/v1/jobs', async (request, reply): Promise<z.infer<typeof JobAccepted>> => {
    const body = parsed(EvaluateRequest, request.body);
    scenarioOf(body.scenario, 'scenario'); // a bad scenario is refused now, not after the wait
    const id = crypto.randomUUID();
    const href = `/v1/jobs/${id}`;
    jobs.set(id, { id, status: 'running' });
    evaluate(body).then(
      (result) => jobs.set(id, { id, status: 'done', result }),
      (e: unknown) => jobs.set(id, { id, status: 'failed', problems: e instanceof RequestProblem ? e.problems : [errorMessage(e)] }),
    );
    reply.code(202).header('location', href);
    return { id, status: 'running', href };
  });

  app.get<{ Params: { id: string } }>('/v1/jobs/:id', async (request) => {
    const job = jobs.get(request.params.id);
    if (!job) throw new RequestProblem(404, [`No job ${request.params.id}.`]);
    return job;
  });

  // Applications as a stream: the body is read line by line as it arrives, not parsed whole.
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));
  app.post('/v1/applications/score', async (request, reply) => {
    const link = scenarioFromQuery(new URL(request.url, 'http://riskdial').search);
    if (link.ignored.length)
      throw new RequestProblem(
        400,
        link.ignored.map((why) => `query: ${why}`),
      );
    if (!request.headers['content-type']?.startsWith('application/x-ndjson')) {
      throw new RequestProblem(400, [
        'content-type: expected application/x-ndjson, one application (a JSON object of tape columns) a line',
      ]);
    }
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson' });
    reply.raw.flushHeaders(); // the caller reads answers while it still sends applications
    const applications = new ApplicationStream(verified, link);
    let line = 0;
    for await (const text of createInterface({ input: request.body as Readable, crlfDelay: Infinity })) {
      line++;
      if (!text.trim()) continue;
      const answer = await serially(() => applications.answer(text)).catch((e: unknown) => ({
        problems: [`not scored: ${errorMessage(e)}`],
        totals: applications.totals,
      }));
      const said =
        'problems' in answer
          ? { line, problems: answer.problems.map((p) => `line ${line}: ${p}`), totals: answer.totals }
          : { line, ...answer.figures, totals: answer.totals };
      reply.raw.write(`${JSON.stringify(said)}\n`);
    }
    reply.raw.end();
  });

  app.get('/openapi.json', async () => openApiDocument(version, modelName));
  return app;
}

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const json = (s: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: schema(s) } } });
const problem = (description: string) => json(Problem, description);

/** The OpenAPI 3.1 document of the service, from the schemas that check its requests. */
export function openApiDocument(version: string, modelName: string) {
  const modelParam = [{ name: 'name', in: 'path', required: true, schema: { type: 'string', enum: [modelName] } }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Riskdial',
      version,
      description: 'The Riskdial engine over HTTP: the Open Inference Protocol (KServe V2) for loans, and portfolio evaluation.',
    },
    paths: {
      '/v2/health/live': { get: { summary: 'Liveness', responses: { 200: { description: 'Live' } } } },
      '/v2/health/ready': { get: { summary: 'Readiness: the model is verified', responses: { 200: { description: 'Ready' } } } },
      '/v2/models/{name}': {
        get: {
          summary: 'Model metadata; the version is the model file’s SHA-256',
          parameters: modelParam,
          responses: { 200: json(ModelMetadata, 'The model'), 404: problem('No such model') },
        },
      },
      '/v2/models/{name}/infer': {
        post: {
          summary: 'Score loans: named columnar inputs, the scenario in parameters',
          parameters: modelParam,
          requestBody: { required: true, ...json(InferRequest, 'The loans and the scenario') },
          responses: {
            200: json(InferResponse, 'Each loan’s figures'),
            400: problem('A field or a value is wrong'),
            413: problem('The body is too large'),
          },
        },
      },
      '/v1/portfolio/evaluate': {
        post: {
          summary: 'A whole tape under a scenario: the figures npm run score prints',
          requestBody: { required: true, ...json(EvaluateRequest, 'The tape and the scenario') },
          responses: {
            200: { description: 'The figures, with the model’s and the tape’s SHA-256' },
            400: problem('A field or a row is wrong'),
            413: problem('The body is too large'),
          },
        },
      },
      '/v1/applications/score': {
        post: {
          summary: 'Applications as they arrive (NDJSON): each answered by a line with its figures and the running totals',
          parameters: [
            {
              name: 'income-shock',
              in: 'query',
              required: false,
              schema: { type: 'number' },
              description: 'Any lever or setting, as in the page’s link',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/x-ndjson': { schema: { type: 'object', description: 'One application a line: a JSON object of tape columns' } },
            },
          },
          responses: {
            200: { description: 'One line per application: its figures and the totals so far, or why it was refused' },
            400: problem('A query parameter is wrong'),
          },
        },
      },
      '/v1/jobs': {
        post: {
          summary: 'The same for a big book, answered at once',
          requestBody: { required: true, ...json(EvaluateRequest, 'The tape and the scenario') },
          responses: { 202: json(JobAccepted, 'Accepted: poll its href'), 400: problem('A field is wrong') },
        },
      },
      '/v1/jobs/{id}': {
        get: {
          summary: 'A job’s status, and its figures once done',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: json(JobStatus, 'The job'), 404: problem('No such job') },
        },
      },
    },
  };
}
