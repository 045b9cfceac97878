import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out whatever level is set: words people typed, names, phone numbers, platform
 * ids and secrets. Code should not log them in the first place; this is the net under it.
 */
const REDACTED_PATHS = [
  'text',
  '*.text',
  '*.message.text',
  'name',
  '*.name',
  'phone',
  '*.phone',
  'userId',
  '*.userId',
  'from.id',
  '*.from.id',
  'recipient.id',
  'sender.id',
  '*.sender.id',
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  'refreshToken',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * Creates the structured JSON logger used everywhere.
 * @param level - pino level name; "silent" in tests.
 * @param destination - optional stream, for tests that read the log lines.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'family-safety-assistant' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
