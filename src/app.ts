import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type BotAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Server } from 'restify';
import { createBot, type BotRuntime } from './bot/createBot.js';
import { MenuRegistry } from './bot/MenuRegistry.js';
import { turnErrorHandler } from './bot/turnErrorHandler.js';
import { MESSENGER_CHANNEL } from './channels/messenger/convertMessengerEventToActivity.js';
import { MessengerAdapter } from './channels/messenger/MessengerAdapter.js';
import { MessengerClient } from './channels/messenger/MessengerClient.js';
import { MessengerProcessor } from './channels/messenger/MessengerProcessor.js';
import { MessengerSender } from './channels/messenger/MessengerSender.js';
import { mountMessengerWebhook } from './channels/messenger/mountMessengerWebhook.js';
import type { Config } from './config.js';
import { ChannelUsers } from './conversations/ChannelUsers.js';
import type { SecretBox } from './crypto/SecretBox.js';
import type { Texts } from './i18n.js';
import { createIntakeWorker, type InboundProcessor } from './intake/createIntakeWorker.js';
import { InboundEvents } from './intake/InboundEvents.js';
import type { Logger } from './logger.js';
import type { ChannelSender } from './outbound/ChannelSender.js';
import { Outbox } from './outbound/Outbox.js';
import { CounselorHours } from './handoff/CounselorHours.js';
import { HandoffEvents } from './handoff/HandoffEvents.js';
import { HandoffService } from './handoff/HandoffService.js';
import { OutboxDelivery } from './handoff/OutboxDelivery.js';
import { relayHandoffEvents } from './handoff/relayHandoffEvents.js';
import { AuditLog } from './inbox/AuditLog.js';
import { CounselorAccounts } from './inbox/CounselorAccounts.js';
import { InboxSessions } from './inbox/InboxSessions.js';
import { LoginThrottle } from './inbox/LoginThrottle.js';
import { mountInbox } from './inbox/mountInbox.js';
import type { ReportDesk } from './inbox/ReportDesk.js';
import type { OutboxAdapter } from './outbound/OutboxAdapter.js';
import { createServer } from './server.js';
import type { Database } from './store/Database.js';
import type { BackgroundWorker } from './store/LaneWorker.js';
import { PrismaStorage } from './store/PrismaStorage.js';

/** The wired application, before it listens. */
export interface App {
  readonly server: Server;
  readonly runtime: BotRuntime;
  readonly inbound: InboundEvents;
  readonly outbox: Outbox;
  readonly channelUsers: ChannelUsers;
  readonly handoff: HandoffService;
  readonly handoffEvents: HandoffEvents;
  readonly accounts: CounselorAccounts;
  readonly workers: { readonly intake: BackgroundWorker; readonly outbox: BackgroundWorker };
  /** Starts the intake and outbox workers. */
  startWorkers(): void;
  /** Stops the workers after the turns and sends in hand finish. */
  stopWorkers(): Promise<void>;
}

/**
 * Wires services, bot, adapters, workers and HTTP routes on an open, migrated database.
 * @param deps.menu - the main menu; features register their entries in it.
 */
export function createApp(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  texts: Texts;
  secretBox: SecretBox;
  menu?: MenuRegistry;
  /** The reports service for the inbox (safety branch). */
  reports?: ReportDesk;
  /** Counselors' hours; by default from content/handoff/hours.json. */
  hours?: CounselorHours;
}): App {
  const { config, db, logger, texts, secretBox } = deps;
  const channelUsers = new ChannelUsers(db.sql, secretBox);
  // Filled below as channels are configured; counselor messages go out through these adapters.
  const outboxAdapters = new Map<string, OutboxAdapter>();
  const handoffEvents = new HandoffEvents();
  const handoff = new HandoffService({
    sql: db.sql,
    secretBox,
    events: handoffEvents,
    delivery: new OutboxDelivery(outboxAdapters, channelUsers),
    hours: deps.hours ?? CounselorHours.load(),
    texts,
    waitMinutes: config.HANDOFF_WAIT_MINUTES,
    defaultArea: config.HANDOFF_DEFAULT_AREA,
  });
  const runtime = createBot({
    storage: new PrismaStorage(db.sql),
    texts,
    menu: deps.menu ?? new MenuRegistry(),
    defaultLocale: config.DEFAULT_LOCALE,
    handoff: { service: handoff, identify: (channel, platformUserId) => channelUsers.idFor(channel, platformUserId) },
  });
  const onTurnError = turnErrorHandler({ texts, logger, conversationState: runtime.conversationState });
  const prepare = <A extends BotAdapter>(adapter: A): A => {
    for (const middleware of runtime.middleware) adapter.use(middleware);
    adapter.onTurnError = onTurnError;
    return adapter;
  };
  const logic = runtime.bot.run.bind(runtime.bot);

  const inbound = new InboundEvents(db.sql, secretBox, channelUsers);
  const outbox = new Outbox(db.sql, secretBox);
  const processors = new Map<string, InboundProcessor>();
  const senders = new Map<string, ChannelSender>();
  const channelRoutes: ((server: Server) => void)[] = [];

  const botFrameworkAdapter = prepare(
    new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.MicrosoftAppId ?? '',
        MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        MicrosoftAppType: config.MicrosoftAppType,
      } as ConfigurationBotFrameworkAuthenticationOptions),
    ),
  );

  const intake = createIntakeWorker({ inbound, processors, logger, concurrency: config.WORKER_CONCURRENCY });
  const outboxWorker = outbox.createWorker({ senders, channelUsers, logger, concurrency: config.WORKER_CONCURRENCY });

  if (config.MESSENGER_APP_SECRET && config.MESSENGER_VERIFY_TOKEN && config.MESSENGER_PAGE_ACCESS_TOKEN) {
    const client = new MessengerClient(config.MESSENGER_API_URL, config.MESSENGER_PAGE_ACCESS_TOKEN);
    const adapter = prepare(new MessengerAdapter({ channel: MESSENGER_CHANNEL, outbox, channelUsers, logger }, client));
    processors.set(MESSENGER_CHANNEL, new MessengerProcessor(adapter, logic));
    outboxAdapters.set(MESSENGER_CHANNEL, adapter);
    senders.set(MESSENGER_CHANNEL, new MessengerSender(client, { humanAgentTag: config.MESSENGER_HUMAN_AGENT_TAG }));
    const { MESSENGER_APP_SECRET: appSecret, MESSENGER_VERIFY_TOKEN: verifyToken } = config;
    channelRoutes.push((server) => mountMessengerWebhook(server, { appSecret, verifyToken, inbound, logger, onStored: () => intake.wake() }));
  }

  const accounts = new CounselorAccounts(db.sql);
  channelRoutes.push((server) =>
    mountInbox(server, {
      handoff,
      events: handoffEvents,
      accounts,
      sessions: new InboxSessions(db.sql, config.INBOX_SESSION_HOURS * 3_600_000),
      throttle: new LoginThrottle(db.sql, { perAccount: config.INBOX_LOGIN_MAX_FAILURES, perIp: config.INBOX_LOGIN_MAX_FAILURES_PER_IP }),
      audit: new AuditLog(db.sql),
      sessionLifetimeMs: config.INBOX_SESSION_HOURS * 3_600_000,
      secureCookies: config.INBOX_SECURE_COOKIES,
      reports: deps.reports,
    }),
  );

  const server = createServer({ db, logger, bot: runtime.bot, botFrameworkAdapter, channelRoutes });
  // People who wait past HANDOFF_WAIT_MINUTES get the hotlines even if they write nothing more.
  let noticeTimer: NodeJS.Timeout | undefined;
  let relay: Promise<() => Promise<void>> | undefined;
  const sendNotices = (): void => {
    handoff.sendDueNotices().catch((error: unknown) => logger.error({ err: error }, 'handoff notices failed'));
  };
  return {
    server,
    runtime,
    inbound,
    outbox,
    channelUsers,
    handoff,
    handoffEvents,
    accounts,
    workers: { intake, outbox: outboxWorker },
    startWorkers: () => {
      intake.start();
      outboxWorker.start();
      noticeTimer ??= setInterval(sendNotices, 30_000);
      relay ??= relayHandoffEvents(handoffEvents, db, logger).catch((error: unknown) => {
        // Without the relay each instance's inbox still sees its own changes live.
        logger.error({ err: error }, 'handoff events relay failed to start');
        return async () => undefined;
      });
    },
    // Intake first: its turns write to the outbox, which must still be running to send them.
    stopWorkers: async () => {
      clearInterval(noticeTimer);
      noticeTimer = undefined;
      await (await relay)?.();
      relay = undefined;
      await intake.stop();
      await outboxWorker.stop();
    },
  };
}
