import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { parseQuietHours, parseReminderOffset } from './reminders/reminderTimes.js';

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
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(20),
  DEFAULT_LOCALE: z.enum(['vi', 'en']).default('vi'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  DATA_ENCRYPTION_KEY: optionalString,
  DATA_PSEUDONYM_KEY: optionalString,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(128),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(256),
  WORKERS_ENABLED: z.stringbool().default(true),
  OUTBOX_THREAD: z.stringbool().default(true),
  MESSENGER_APP_SECRET: optionalString,
  MESSENGER_VERIFY_TOKEN: optionalString,
  MESSENGER_PAGE_ACCESS_TOKEN: optionalString,
  MESSENGER_API_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com/v21.0'),
  MESSENGER_HUMAN_AGENT_TAG: z.stringbool().default(false),
  ZALO_APP_ID: optionalString,
  ZALO_APP_SECRET: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  ZALO_ACCESS_TOKEN: optionalString,
  ZALO_REFRESH_TOKEN: optionalString,
  ZALO_OPENAPI_URL: z.url({ protocol: /^https?$/ }).default('https://openapi.zalo.me'),
  ZALO_OAUTH_URL: z.url({ protocol: /^https?$/ }).default('https://oauth.zaloapp.com'),
  ZALO_ZNS_API_URL: z.url({ protocol: /^https?$/ }).default('https://business.openapi.zalo.me'),
  ZALO_WEBHOOK_MAX_AGE_S: z.coerce.number().int().min(10).max(86_400).default(600),
  ZALO_ADMIN_PAUSE_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(30),
  ZALO_SITE_VERIFICATION_PATH: optionalString.pipe(z.string().regex(/^\/[\w./-]+$/, 'expected a path such as /zalo_verifierXXXX.html').optional()),
  ZALO_SITE_VERIFICATION_CONTENT: optionalString,
  MESSENGER_REMINDER_TEMPLATE: optionalString,
  ZALO_ZNS_TEMPLATE_ID: optionalString,
  REMINDERS_ENABLED: z.stringbool().default(true),
  REMINDER_OFFSETS: z
    .string()
    .default('3d@19:00,2h')
    .transform((value, ctx) => {
      try {
        return value.split(',').filter((part) => part.trim()).map(parseReminderOffset);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  REMINDER_QUIET_HOURS: z
    .string()
    .default('21:00-07:00')
    .transform((value, ctx) => {
      try {
        return parseQuietHours(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  HANDOFF_WAIT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  HANDOFF_DEFAULT_AREA: optionalString.pipe(z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'expected an area code like 79 or 79.26734').optional()),
  INBOX_SESSION_HOURS: z.coerce.number().min(0.05).max(24 * 30).default(12),
  INBOX_SECURE_COOKIES: optionalString.pipe(z.stringbool().optional()),
  INBOX_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  RETENTION_ENABLED: z.stringbool().default(true),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RETENTION_CRON: z.string().default('30 2 * * *').refine((value) => cron.validate(value), 'expected a cron expression such as "30 2 * * *"'),
  INBOX_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10000).default(30),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  // Optional generative legal answers: an OpenAI-compatible chat server; off when empty.
  LLM_BASE_URL: optionalString.pipe(z.string().regex(/^https?:\/\//, 'expected an http(s):// URL').optional()),
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
})
.refine((env) => !env.LLM_BASE_URL || env.LLM_MODEL, { path: ['LLM_MODEL'], message: 'required when LLM_BASE_URL is set' })
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
.refine((env) => [env.ZALO_APP_ID, env.ZALO_APP_SECRET, env.ZALO_OA_SECRET_KEY, env.ZALO_ACCESS_TOKEN, env.ZALO_REFRESH_TOKEN].filter(Boolean).length % 5 === 0, {
  path: ['ZALO_APP_ID'],
  message: 'set ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY, ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN together, or none of them',
})
.refine((env) => !env.ZALO_SITE_VERIFICATION_PATH === !env.ZALO_SITE_VERIFICATION_CONTENT, {
  path: ['ZALO_SITE_VERIFICATION_PATH'],
  message: 'set ZALO_SITE_VERIFICATION_PATH and ZALO_SITE_VERIFICATION_CONTENT together, or neither',
})
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
