/**
 * The REST face's requests and answers as zod schemas: they check every request (a bad one is a 400
 * naming the field) and, as JSON Schema, make the OpenAPI document the service serves, so the document
 * cannot drift from what is checked.
 */
import { z } from 'zod';

/** Open Inference Protocol (KServe V2) tensor datatypes a loan column can come as. */
const DATATYPES = ['BYTES', 'FP32', 'FP64', 'INT32', 'INT64', 'BOOL'] as const;

export const InferInput = z.object({
  name: z.string().min(1).describe('A tape column the model card needs (e.g. annual_inc), one value per loan'),
  shape: z.array(z.number().int().min(0)).min(1).max(2).describe('[N] or [N, 1]'),
  datatype: z.enum(DATATYPES),
  data: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).describe('N values, row-major; null or "" is a blank cell'),
});

export const InferRequest = z.object({
  id: z.string().optional(),
  /** The scenario: lever ids to values, and optionally "settings" and "scenarioSet", as a scenario file holds them. */
  parameters: z.record(z.string(), z.unknown()).optional().describe('The scenario: {"income-shock": -10, "unemployment-change": 2, ...}'),
  inputs: z.array(InferInput).min(1),
  outputs: z.array(z.object({ name: z.string() })).optional(),
});

export const InferOutput = z.object({
  name: z.string(),
  shape: z.array(z.number().int()),
  datatype: z.enum(['FP64', 'INT32']),
  data: z.array(z.number()),
});

export const InferResponse = z.object({
  model_name: z.string(),
  model_version: z.string().describe('The model file’s SHA-256'),
  id: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()),
  outputs: z.array(InferOutput),
});

export const EvaluateRequest = z.object({
  portfolio: z.object({
    name: z.string().min(1).default('portfolio.csv'),
    csv: z.string().min(1).describe('The loan tape as CSV text, as `npm run score -- --portfolio` reads it'),
  }),
  scenario: z.record(z.string(), z.unknown()).optional().describe('A scenario file: levers, and optionally "settings" and "scenarioSet"'),
});

export const Problem = z.object({
  error: z.string(),
  problems: z.array(z.string()).describe('Each problem, naming the field (or row and column) and what was expected'),
});

export const JobAccepted = z.object({
  id: z.string(),
  status: z.literal('running'),
  href: z.string(),
});

export const JobStatus = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  result: z.unknown().optional(),
  problems: z.array(z.string()).optional(),
});

export const ModelMetadata = z.object({
  name: z.string(),
  versions: z.array(z.string()),
  platform: z.string(),
  inputs: z.array(z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number()), optional: z.boolean() })),
  outputs: z.array(z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number()) })),
});

/** A zod failure as the problems a 400 lists: each field by its path, with what was expected. */
export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`);
}
