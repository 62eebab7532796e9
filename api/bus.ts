/**
 * Applications from a message bus: the consumer a bank's stream plugs into. A bus (NATS JetStream in
 * api/nats.ts; a Kafka consumer group would implement the same interface) delivers applications one
 * at a time; each is scored (api/applications.ts) and its answer published before the delivery is
 * acknowledged, so a consumer that dies between the two leaves the application to be delivered again
 * (at least once), and the bus drops the second answer by its key (a redelivery is answered once).
 * A bad application is answered with why and never delivered again; a failure that is not the
 * application's (the engine) sends it back to be retried.
 */
import { errorMessage } from '../lib/util';
import type { ApplicationAnswer, ApplicationStream } from './applications';

/** One application as the bus delivered it. */
export interface Delivery {
  /** The application: a JSON object of tape columns. */
  readonly text: string;
  /** Where it sits in the bus (a stream sequence, a partition and offset): the answer's key, unique per application. */
  readonly key: string;
  /** Done: never to be delivered again. */
  ack(): Promise<void>;
  /** Cannot be scored as it is: never to be delivered again (its answer says why). */
  reject(): Promise<void>;
  /** Not scored for a reason that is not the application's: deliver it again. */
  retry(): Promise<void>;
}

export interface ApplicationBus {
  /** The applications, as they arrive, until the bus is closed. */
  deliveries(): AsyncIterable<Delivery>;
  /** Publishes one application's answer under its key (a second answer under the same key is dropped). */
  publish(key: string, answer: string): Promise<void>;
  close(): Promise<void>;
}

/** An answer as published: the application's key, its figures (or problems) and the running totals. */
export function answerMessage(key: string, answer: ApplicationAnswer): string {
  return JSON.stringify(
    'problems' in answer ? { key, problems: answer.problems, totals: answer.totals } : { key, ...answer.figures, totals: answer.totals },
  );
}

export interface ConsumeOptions {
  /** Stop after this many deliveries (a batch; default: until the bus closes). */
  max?: number;
}

/** Scores the bus's applications as they arrive; returns how many were answered. */
export async function consumeApplications(
  bus: ApplicationBus,
  applications: ApplicationStream,
  options: ConsumeOptions = {},
): Promise<number> {
  let handled = 0;
  if (options.max === 0) return 0;
  for await (const delivery of bus.deliveries()) {
    let answer: ApplicationAnswer;
    try {
      answer = await applications.answer(delivery.text);
      await bus.publish(delivery.key, answerMessage(delivery.key, answer));
    } catch (e) {
      // If even that fails (the connection gone), the bus's ack wait sends it back.
      await delivery.retry().catch(() => undefined);
      throw new Error(`The application ${delivery.key} was not answered (it will be delivered again): ${errorMessage(e)}`, { cause: e });
    }
    await ('problems' in answer ? delivery.reject() : delivery.ack());
    if (++handled === options.max) break;
  }
  return handled;
}
