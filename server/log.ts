import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; one logger per server instance, children per domain. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'minato-hall' }, redact: ['req.headers.cookie', 'password'] });
}
