import path from 'node:path';
import { z } from 'zod';

/** Turns "" into undefined so an empty line in .env means "not set". */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

// 0 asks the OS for a free port (tests and benchmarks).
const port = z.coerce.number().int().min(0).max(65535);

/**
 * The environment the service reads, parsed once at start-up. Every variable is listed in
 * `.env.example` with a one-line explanation.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// connection URL')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DEFAULT_LOCALE: z.enum(['vi', 'en']).default('vi'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  DATA_ENCRYPTION_KEY: optionalString,
  DATA_PSEUDONYM_KEY: optionalString,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  MESSENGER_APP_SECRET: optionalString,
  MESSENGER_VERIFY_TOKEN: optionalString,
  MESSENGER_PAGE_ACCESS_TOKEN: optionalString,
  MESSENGER_API_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com/v21.0'),
  MESSENGER_HUMAN_AGENT_TAG: z.stringbool().default(false),
  HANDOFF_WAIT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  HANDOFF_DEFAULT_AREA: optionalString.pipe(z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'expected an area code like 79 or 79.26734').optional()),
  INBOX_SESSION_HOURS: z.coerce.number().min(0.05).max(24 * 30).default(12),
  INBOX_SECURE_COOKIES: optionalString.pipe(z.stringbool().optional()),
  INBOX_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  INBOX_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10000).default(30),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
})
.refine(
  (env) => {
    const set = [env.MESSENGER_APP_SECRET, env.MESSENGER_VERIFY_TOKEN, env.MESSENGER_PAGE_ACCESS_TOKEN].filter(Boolean).length;
    return set === 0 || set === 3;
  },
  {
    path: ['MESSENGER_APP_SECRET'],
    message: 'set MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN and MESSENGER_PAGE_ACCESS_TOKEN together, or none of them',
  },
)
.refine((env) => !env.DATABASE_URL || env.DATA_ENCRYPTION_KEY, {
  // Several instances share one PostgreSQL: a key file per machine would make each unable to read
  // the others' rows. Only the embedded default may generate its own key.
  path: ['DATA_ENCRYPTION_KEY'],
  message: 'required when DATABASE_URL is set (id:base64 of 32 bytes, e.g. k1:$(openssl rand -base64 32))',
});

/** Parsed configuration, with paths made absolute. */
export type Config = z.infer<typeof configSchema> & { readonly dataDir: string };

/** Raised when the environment does not parse; its message names the variables, never their values. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses and validates the environment.
 * @param env - usually `process.env`; tests pass their own object.
 * @throws ConfigError naming each bad variable and what is expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.') || '(environment)';
      // zod's messages describe the expectation ("expected number"), not the received value.
      return `${variable}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
