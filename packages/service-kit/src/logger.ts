import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger per service: JSON lines, secrets masked, child loggers per component.
 * Request-scoped children carry `tenantId` and `requestId` on every line.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: [
        'password',
        '*.password',
        'input.password',
        'token',
        '*.token',
        'authorization',
        'headers.authorization',
        'req.headers.authorization',
        'req.headers["x-tessera-context"]',
      ],
      censor: '[redacted]',
    },
  });
}
