/**
 * The connection to NATS JetStream and the streams Tessera declares on it: one stream per module
 * (`CRM` captures `crm.>`), created or updated idempotently at start. A namespace (empty in
 * production) prefixes every subject and stream name, so several deployments or test runs share one
 * server without seeing each other's events.
 */
import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { z } from 'zod';

/** The log methods the event backbone uses (a pino logger fits). */
export interface EventLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

const NAMESPACE = /^([a-z][a-z0-9_]*)?$/;

/** Settings every service with events reads from its environment (extend your env schema with it). */
export const eventBusEnvSchema = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  EVENTS_NAMESPACE: z.string().regex(NAMESPACE, 'lower-case letters, digits and _, starting with a letter').default(''),
  /** Size limit of each module stream; JetStream reserves it on the server when the stream is created. */
  EVENTS_STREAM_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 ** 3),
});

/** The environment variable that holds a NATS user's password, e.g. NATS_PASSWORD_CRM (the server's and the client's). */
export const natsPasswordVariable = (user: string) => `NATS_PASSWORD_${user.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * How a process reaches NATS beyond the URL, from the environment: TLS (a `tls://` URL, or
 * NATS_TLS_CA_FILE to verify the server with a private CA, NATS_TLS_CERT_FILE / NATS_TLS_KEY_FILE
 * for a client certificate) and credentials: the process's own NATS user `user` (a module's name, `router`,
 * `operator`) when NATS_PASSWORD_<USER> is set (packages/events/nats/nats-server.conf gives each its
 * permissions; its replies then arrive on its own inbox prefix, `_INBOX_<user>`, the only subjects it
 * may subscribe to), else NATS_USER / NATS_PASSWORD, or NATS_TOKEN.
 */
export function natsConnectionOptions(url: string, env: NodeJS.ProcessEnv = process.env, user?: string): Partial<ConnectionOptions> {
  const options: Partial<ConnectionOptions> = {};
  const tls = {
    ...(env.NATS_TLS_CA_FILE ? { caFile: env.NATS_TLS_CA_FILE } : {}),
    ...(env.NATS_TLS_CERT_FILE ? { certFile: env.NATS_TLS_CERT_FILE } : {}),
    ...(env.NATS_TLS_KEY_FILE ? { keyFile: env.NATS_TLS_KEY_FILE } : {}),
  };
  if (Object.keys(tls).length > 0 || url.startsWith('tls://')) options.tls = tls;
  const own = user ? env[natsPasswordVariable(user)] : undefined;
  if (user && own) Object.assign(options, { user, pass: own, inboxPrefix: `_INBOX_${user}` });
  else if (env.NATS_USER)
    Object.assign(options, { user: env.NATS_USER, pass: env.NATS_PASSWORD ?? '', inboxPrefix: `_INBOX_${env.NATS_USER}` });
  else if (env.NATS_TOKEN) options.token = env.NATS_TOKEN;
  return options;
}

/** Retention and limits of every module stream: events are kept for rebuilding read models. */
export const STREAM_LIMITS = {
  retention: RetentionPolicy.Limits,
  storage: StorageType.File,
  discard: DiscardPolicy.Old,
  /** 400 days: long enough to rebuild a year of analytics from the streams. */
  max_age: 400 * 24 * 3600 * 1e9,
  max_msg_size: 1024 ** 2,
  /** Publishes with the same Nats-Msg-Id within an hour are dropped (relay crash between publish and mark). */
  duplicate_window: 3600 * 1e9,
  num_replicas: 1,
} as const;

export interface EventBusOptions {
  url: string;
  namespace?: string;
  /** Connection name shown by the server (the service's name). */
  name: string;
  /** The NATS user it authenticates as (see natsConnectionOptions); by default `name`. */
  user?: string;
  logger: EventLogger;
  /**
   * Size limit of each stream this bus declares (oldest events are discarded beyond it). JetStream
   * reserves it from the server's storage, so it is a setting: EVENTS_STREAM_MAX_BYTES, default 1 GiB.
   */
  streamMaxBytes?: number;
}

/** The stream of a module's events, e.g. `CRM`, or `T1_CRM` in namespace `t1`. */
export function streamNameOf(module: string, namespace = ''): string {
  return `${namespace ? `${namespace}_` : ''}${module}`.toUpperCase();
}

/** The subjects a module's stream captures, e.g. `crm.>`. */
export function streamSubjectOf(module: string, namespace = ''): string {
  return `${namespace ? `${namespace}.` : ''}${module}.>`;
}

export interface EventBus {
  readonly connection: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly namespace: string;
  readonly logger: EventLogger;
  /** Creates the module's stream or brings its configuration up to date; returns its name. Only the owning module calls it. */
  ensureStream(module: string): Promise<string>;
  /** Makes sure another module's stream exists (creating it with this bus's limits if not), never changing it. */
  requireStream(module: string): Promise<string>;
  /** Waits for in-flight work and closes the connection. */
  close(): Promise<void>;
}

/**
 * Connects to NATS (retrying for ever after a disconnect, so a NATS restart only delays events) and
 * returns the bus. The first connection fails fast if no server answers, with a message that says so.
 */
export async function connectEventBus(options: EventBusOptions): Promise<EventBus> {
  const namespace = options.namespace ?? '';
  if (!NAMESPACE.test(namespace)) throw new Error(`invalid events namespace ${JSON.stringify(namespace)}`);
  const { logger } = options;
  const streamMaxBytes =
    options.streamMaxBytes ?? eventBusEnvSchema.shape.EVENTS_STREAM_MAX_BYTES.parse(process.env.EVENTS_STREAM_MAX_BYTES);
  let connection: NatsConnection;
  try {
    connection = await connect({
      ...natsConnectionOptions(options.url, process.env, options.user ?? options.name),
      servers: options.url,
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      pingInterval: 10_000,
    });
  } catch (error) {
    throw new Error(`cannot reach NATS at ${options.url} (set NATS_URL to a server with JetStream enabled): ${String(error)}`, {
      cause: error,
    });
  }
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect')
        logger.warn({ nats: status.type, server: options.url }, `NATS ${status.type}`);
    }
  })();
  const jsm = await jetstreamManager(connection);
  const js = jetstream(connection);

  async function ensureStream(module: string): Promise<string> {
    const name = streamNameOf(module, namespace);
    const config: Partial<StreamConfig> & { name: string } = {
      name,
      subjects: [streamSubjectOf(module, namespace)],
      ...STREAM_LIMITS,
      max_bytes: streamMaxBytes,
    };
    try {
      await jsm.streams.add(config);
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || !/already in use|already exists/i.test(error.message)) throw error;
      await jsm.streams.update(name, config);
    }
    return name;
  }

  async function requireStream(module: string): Promise<string> {
    const name = streamNameOf(module, namespace);
    try {
      await jsm.streams.info(name);
      return name;
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.code !== JetStreamApiCodes.StreamNotFound) throw error;
    }
    return ensureStream(module);
  }

  return {
    connection,
    js,
    jsm,
    namespace,
    logger,
    ensureStream,
    requireStream,
    async close() {
      if (connection.isClosed()) return;
      // Draining needs the server; when it is gone, give up after a few seconds and just close.
      const drained = connection.drain().catch(() => undefined);
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([drained, timeout]);
      if (!connection.isClosed()) await connection.close().catch(() => undefined);
    },
  };
}
