/**
 * NATS authorization from the module manifests: each module connects as its own user (its name) and
 * may publish only its own events (`<module>.>`), manage only its own stream, and read only the
 * streams of the modules whose events it consumes (from `events.consumes`); the router only reads (it
 * feeds live subscriptions); the operator user (the events CLI, rebuilds) has full access. Each user
 * replies on an inbox prefix of its own (`_INBOX_<user>`), so no user can subscribe to another's
 * replies (a pull consumer's messages arrive there). Passwords come from the server's environment
 * (`NATS_PASSWORD_<USER>`; a bcrypt hash works too), never from this file.
 */
import type { ModuleEntry } from './registry.js';

/** The environment variable that holds a NATS user's password, e.g. NATS_PASSWORD_CRM. */
export const natsPasswordVariable = (user: string) => `NATS_PASSWORD_${user.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** The NATS users: one per module, the router, the operator. */
export function natsUsers(modules: ModuleEntry[]): string[] {
  return [...modules.map(({ manifest }) => manifest.name), 'router', 'operator'];
}

const stream = (module: string) => module.toUpperCase();

/** What reading a stream takes: its info, durable and ordered consumers on it, their pulls and acks. */
function readStream(module: string): string[] {
  const name = stream(module);
  return [
    `$JS.API.STREAM.INFO.${name}`,
    `$JS.API.CONSUMER.CREATE.${name}`,
    `$JS.API.CONSUMER.CREATE.${name}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${name}.>`,
    `$JS.API.CONSUMER.INFO.${name}.>`,
    `$JS.API.CONSUMER.DELETE.${name}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${name}.>`,
    `$JS.ACK.${name}.>`,
    `$JS.FC.${name}.>`,
  ];
}

interface Permissions {
  publish: string[];
  subscribe: string[];
}

/** Each user's permissions (the operator's: everything). */
export function natsPermissions(modules: ModuleEntry[]): Record<string, Permissions | 'all'> {
  const names = new Set(modules.map(({ manifest }) => manifest.name));
  const permissions: Record<string, Permissions | 'all'> = {};
  for (const { manifest } of modules) {
    const consumed = [...new Set(manifest.events.consumes.map((type) => type.split('.')[0]!))].filter(
      (module) => module !== manifest.name && names.has(module),
    );
    const own = stream(manifest.name);
    permissions[manifest.name] = {
      publish: [
        '$JS.API.INFO',
        `${manifest.name}.>`,
        `$JS.API.STREAM.CREATE.${own}`,
        `$JS.API.STREAM.UPDATE.${own}`,
        ...readStream(manifest.name),
        // A consumer declares the stream it reads when it starts first (with the same limits; never changing it).
        ...consumed.flatMap((module) => [`$JS.API.STREAM.CREATE.${stream(module)}`, ...readStream(module)]),
      ],
      subscribe: [`_INBOX_${manifest.name}.>`],
    };
  }
  permissions.router = {
    publish: ['$JS.API.INFO', ...modules.flatMap(({ manifest }) => readStream(manifest.name))],
    subscribe: ['_INBOX_router.>'],
  };
  permissions.operator = 'all';
  return permissions;
}

const list = (subjects: string[]) => `[\n${subjects.map((subject) => `            "${subject}"`).join('\n')}\n          ]`;

/** packages/events/nats/nats-server.conf: the authorization block every NATS server of Tessera runs with. */
export function natsServerConfig(modules: ModuleEntry[], generated: string): string {
  const users = Object.entries(natsPermissions(modules)).map(([user, permissions]) => {
    const head = `    { user: "${user}", password: $${natsPasswordVariable(user)}`;
    if (permissions === 'all') return `${head} }`;
    return `${head},
      permissions: {
        publish: {
          allow: ${list(permissions.publish)}
        },
        subscribe: {
          allow: ${list(permissions.subscribe)}
        }
      }
    }`;
  });
  return `# NATS authorization for Tessera: each module its own user, publishing only its own events and reading
# only the streams it consumes; the router reads; the operator (events CLI, rebuilds) may do anything.
# Passwords come from the server's environment (NATS_PASSWORD_<USER>, plain or a bcrypt hash).
# Start: nats-server -c packages/events/nats/nats-server.conf -js -sd <store> (npm start and the tests do).
# ${generated}
authorization {
  users = [
${users.join(',\n')}
  ]
}
`;
}
