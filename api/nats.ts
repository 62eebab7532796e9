/**
 * The application bus on NATS JetStream (Debian's `nats-server -js`): applications are messages on a
 * stream's subject, read by a durable pull consumer with explicit acknowledgement, so the consumer can
 * stop and start (or die) without losing one; answers are published to an answers stream with the
 * application's stream sequence as their message id, so the stream keeps one answer per application
 * even when one is delivered twice within the answers stream's duplicate window (an hour, set when
 * this consumer makes the stream). The keys are the applications stream's sequence numbers: a stream
 * deleted and made again starts them over, so its answers stream is to be made again with it.
 */
import { AckPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { errorMessage } from '../lib/util';
import type { ApplicationBus, Delivery } from './bus';

export interface NatsBusOptions {
  /** The NATS server(s), e.g. nats://127.0.0.1:4222. */
  servers: string;
  /** The stream of applications and the subject it holds (made if missing; a wildcard such as applications.> takes many). */
  stream: string;
  subject: string;
  /** The durable consumer's name: a restarted consumer of this name goes on where the last stopped. */
  consumer: string;
  /** The stream of answers and the subject they are published on (made if missing). */
  answerStream: string;
  answerSubject: string;
  /** How long a delivered application may go unacknowledged before it is delivered again (default 30 s). */
  ackWaitMs?: number;
}

export const NATS_DEFAULTS = {
  servers: 'nats://127.0.0.1:4222',
  stream: 'APPLICATIONS',
  subject: 'applications.>',
  consumer: 'riskdial',
  answerStream: 'SCORES',
  answerSubject: 'scores.applications',
} satisfies NatsBusOptions;

const NANOS_PER_MS = 1_000_000;

async function ensureStream(jsm: JetStreamManager, name: string, subjects: string[], duplicateWindowMs?: number) {
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({ name, subjects, ...(duplicateWindowMs ? { duplicate_window: duplicateWindowMs * NANOS_PER_MS } : {}) });
  }
}

/** How long the answers stream remembers an answer's key: a redelivery within it is answered once. */
const DUPLICATE_WINDOW_MS = 60 * 60 * 1000;

export async function natsBus(options: NatsBusOptions): Promise<ApplicationBus> {
  const nc = await connect({ servers: options.servers, name: 'riskdial-applications' }).catch((e: unknown) => {
    throw new Error(`Cannot reach NATS at ${options.servers}: ${errorMessage(e)}`);
  });
  try {
    const jsm = await jetstreamManager(nc).catch((e: unknown) => {
      throw new Error(`NATS at ${options.servers} has no JetStream (start it with nats-server -js): ${errorMessage(e)}`);
    });
    await ensureStream(jsm, options.stream, [options.subject]);
    await ensureStream(jsm, options.answerStream, [options.answerSubject], DUPLICATE_WINDOW_MS);
    // A consumer of this name that exists already is taken as it is (its ack wait too): it remembers where it stopped.
    await jsm.consumers.info(options.stream, options.consumer).catch(() =>
      jsm.consumers.add(options.stream, {
        durable_name: options.consumer,
        ack_policy: AckPolicy.Explicit,
        ack_wait: (options.ackWaitMs ?? 30_000) * NANOS_PER_MS,
      }),
    );
    const js = jetstream(nc);
    const consumer = await js.consumers.get(options.stream, options.consumer);
    let messages: ConsumerMessages | undefined;
    let closing: Promise<void> | undefined;

    async function* deliveries(): AsyncGenerator<Delivery> {
      // A few at a time: an application fetched ahead waits for its turn while its ack wait runs.
      messages = await consumer.consume({ max_messages: 8 });
      for await (const m of messages) {
        yield {
          text: m.string(),
          key: `${options.stream}-${m.seq}`,
          ack: async () => {
            await m.ackAck();
          },
          // Without a reason: nats-server before 2.10.4 (Debian 12 has 2.9) does not read "+TERM <reason>" and delivers again.
          reject: async () => m.term(),
          retry: async () => m.nak(),
        };
      }
    }

    return {
      deliveries,
      publish: async (key, answer) => {
        await js.publish(options.answerSubject, answer, { msgID: key });
      },
      close: () => {
        closing ??= (async () => {
          messages?.stop();
          if (!nc.isClosed()) await nc.drain();
        })();
        return closing;
      },
    };
  } catch (e) {
    await nc.close();
    throw e;
  }
}
