import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type BotAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Server } from 'restify';
import { directoryMenuEntry } from '../dialogs/DirectoryDialog.js';
import { LookupDialog } from '../dialogs/LookupDialog.js';
import { ReportDialog } from '../dialogs/ReportDialog.js';
import { reportDesk } from './reports/reportDesk.js';
import { adminReplyPause } from './bot/adminReplyPause.js';
import { createBot, type BotRuntime } from './bot/createBot.js';
import { MenuRegistry } from './bot/MenuRegistry.js';
import { turnErrorHandler } from './bot/turnErrorHandler.js';
import { MESSENGER_CHANNEL, ZALO_CHANNEL } from './channels/channelIds.js';
import { MessengerAdapter } from './channels/messenger/MessengerAdapter.js';
import { MessengerProcessor } from './channels/messenger/MessengerProcessor.js';
import { mountMessengerWebhook } from './channels/messenger/mountMessengerWebhook.js';
import { mountZaloSiteVerification } from './channels/zalo/mountZaloSiteVerification.js';
import { mountZaloWebhook } from './channels/zalo/mountZaloWebhook.js';
import { ZaloAdapter } from './channels/zalo/ZaloAdapter.js';
import { ZaloProcessor } from './channels/zalo/ZaloProcessor.js';
import { zaloReminderBodyBuilder } from './channels/zalo/buildZaloReminderBody.js';
import type { Config } from './config.js';
import { ChannelUsers } from './conversations/ChannelUsers.js';
import type { SecretBox } from './crypto/SecretBox.js';
import type { Texts } from './i18n.js';
import { createIntakeWorker, type InboundProcessor } from './intake/createIntakeWorker.js';
import { InboundEvents } from './intake/InboundEvents.js';
import type { Logger } from './logger.js';
import { createChannelSenders } from './outbound/createChannelSenders.js';
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
import { mountDirectoryAdmin } from './inbox/mountDirectoryAdmin.js';
import { mountInbox } from './inbox/mountInbox.js';
import { mountStatistics } from './inbox/mountStatistics.js';
import { mountClubAdmin } from './inbox/mountClubAdmin.js';
import { loadLegalContent } from './legal/legalContent.js';
import { LegalLibrary } from './legal/LegalLibrary.js';
import type { ReportDesk } from './inbox/ReportDesk.js';
import type { OutboxAdapter } from './outbound/OutboxAdapter.js';
import { createServer } from './server.js';
import type { Database } from './store/Database.js';
import type { DirectoryEntries } from './directory/DirectoryEntries.js';
import { createServices, type Services } from './services.js';
import type { BackgroundWorker } from './store/LaneWorker.js';
import { PrismaStorage } from './store/PrismaStorage.js';
import { clubReminderMiddleware } from '../dialogs/reminders/clubReminderMiddleware.js';
import { RemindersDialog, REMINDERS_MENU_ID } from '../dialogs/reminders/RemindersDialog.js';
import type { RemindersDialogServices } from '../dialogs/reminders/subscribeWithConfirmation.js';
import { messengerReminderBodyBuilder } from './channels/messenger/buildMessengerReminderBody.js';
import { ClubAdmin } from './reminders/ClubAdmin.js';
import { Clubs } from './reminders/Clubs.js';
import { MeetingChanges } from './reminders/MeetingChanges.js';
import { ClubSubscriptions } from './reminders/ClubSubscriptions.js';
import { ObservanceCalendar } from './reminders/ObservanceCalendar.js';
import type { ReminderBodyBuilder } from './reminders/ReminderBodyBuilder.js';
import { ReminderScheduler } from './reminders/ReminderScheduler.js';
import { startReminderCron } from './reminders/startReminderCron.js';
import { RetentionJob } from './retention/RetentionJob.js';
import { startRetentionCron } from './retention/startRetentionCron.js';
import type { ScheduledCron } from './scheduleCron.js';

/** The wired application, before it listens. */
export interface App {
  readonly server: Server;
  readonly runtime: BotRuntime;
  readonly inbound: InboundEvents;
  readonly outbox: Outbox;
  readonly channelUsers: ChannelUsers;
  /** Where to find help: seed it with seedDirectory once the database is migrated. */
  readonly directory: DirectoryEntries;
  /** Club meeting reminders: clubs, subscriptions (`removeAllFor` for unfollow and erasure), the scheduler. */
  readonly reminders: {
    readonly clubs: Clubs;
    readonly subscriptions: ClubSubscriptions;
    readonly scheduler: ReminderScheduler;
    /** Reminder body builders by channel (Messenger: utility template, Zalo: ZNS template, when configured). */
    readonly bodies: Map<string, ReminderBodyBuilder>;
  };
  readonly handoff: HandoffService;
  readonly handoffEvents: HandoffEvents;
  readonly accounts: CounselorAccounts;
  /** Deletes what is older than RETENTION_DAYS / REPORT_RETENTION_DAYS (nightly with the workers). */
  readonly retention: RetentionJob;
  readonly workers: { readonly intake: BackgroundWorker; readonly outbox: BackgroundWorker };
  /** Starts the intake and outbox workers. */
  startWorkers(): void;
  /** Stops the workers after the turns and sends in hand finish. */
  stopWorkers(): Promise<void>;
}

/**
 * The features built on the services, added to the main menu in this order. Each brings its dialog.
 * (Deleting one's data, "thoát" and the danger interrupt are not menu entries: they work anywhere.)
 */
export function registerFeatures(menu: MenuRegistry, services: Services): MenuRegistry {
  // Reporting, places that help and the report lookup head the menu, before features built earlier (legal information).
  return menu
    .register({ id: 'menu.report', labelKey: 'report:menu.label', triggersKey: 'report:menu.triggers', dialog: new ReportDialog(services) }, { first: true })
    // Where to find help is what a frightened person needs next.
    .register(directoryMenuEntry(services), { first: true })
    .register({ id: 'menu.lookup', labelKey: 'lookup:menu.label', triggersKey: 'lookup:menu.triggers', dialog: new LookupDialog(services) }, { first: true });
}

/**
 * Wires services, bot, adapters, workers and HTTP routes on an open, migrated database.
 * @param deps.menu - the main menu with the features built outside (legal information); the
 *   features built on the services here (reporting, directory, lookup) are added to it.
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
  /** The legal content the statistics name topics from; read from content/legal when omitted. */
  legal?: LegalLibrary;
  /** Where the outbox is sent from; by default a worker in this thread (main.ts gives it a thread of its own). */
  outboxWorker?: (outbox: Outbox) => BackgroundWorker;
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
  const services = createServices({
    db,
    storage: new PrismaStorage(db.sql),
    texts,
    secretBox,
    logger,
    includeSampleDirectory: config.NODE_ENV !== 'production',
  });
  const clubs = new Clubs(db.sql, secretBox);
  const subscriptions = new ClubSubscriptions(db.sql);
  // "xóa dữ liệu" ends every club subscription, reminder and RSVP of the person too.
  services.eraser.register({ name: 'club-subscriptions', erase: async ({ person }) => void (await subscriptions.removeAllFor(person.pseudonym)) });
  const reminderServices: RemindersDialogServices = {
    texts,
    clubs,
    subscriptions,
    personOf: (context) => ({ id: channelUsers.idFor(context.activity.channelId, context.activity.from.id), channel: context.activity.channelId }),
    // ZNS reaches people by phone: with a template configured, Zalo subscribers are offered to leave one.
    reminderPhone: {
      wanted: (channel) => channel === ZALO_CHANNEL && !!config.ZALO_ZNS_TEMPLATE_ID,
      has: async (id) => !!(await channelUsers.find(id))?.reminderPhone,
      save: (id, phone) => channelUsers.setReminderPhone(id, phone),
    },
  };
  const menu = registerFeatures(deps.menu ?? new MenuRegistry(), services);
  menu.register({ id: REMINDERS_MENU_ID, labelKey: 'reminders:menuLabel', triggersKey: 'reminders:triggers', dialog: new RemindersDialog(reminderServices) });
  const runtime = createBot({
    services,
    menu,
    defaultLocale: config.DEFAULT_LOCALE,
    handoff: { service: handoff, identify: (channel, platformUserId) => channelUsers.idFor(channel, platformUserId) },
    // While an OA admin answers a person by hand the bot is silent too.
    pauses: [adminReplyPause(channelUsers, logger)],
    middleware: [clubReminderMiddleware(reminderServices)],
  });
  const onTurnError = turnErrorHandler({ texts, logger, conversationState: runtime.conversationState });
  const prepare = <A extends BotAdapter>(adapter: A): A => {
    for (const item of runtime.middleware) adapter.use(item);
    adapter.onTurnError = onTurnError;
    return adapter;
  };
  const logic = runtime.bot.run.bind(runtime.bot);

  const inbound = new InboundEvents(db.sql, secretBox, channelUsers);
  const outbox = new Outbox(db.sql, secretBox);
  // "xóa dữ liệu" also removes what the channels kept of the conversation: the person's messages as
  // received, the replies sent to them, and counselor conversation transcripts.
  services.eraser
    .register({ name: 'channel-messages', erase: async ({ person }) => void (await inbound.eraseFor(person.pseudonym)) })
    .register({ name: 'channel-replies', erase: async ({ person }) => void (await outbox.eraseFor(person.pseudonym)) })
    .register({ name: 'handoff-transcripts', erase: async ({ person }) => void (await handoff.eraseTranscriptsFor(person.pseudonym)) });
  const processors = new Map<string, InboundProcessor>();
  const { clients: channels, senders } = createChannelSenders(config, { sql: db.sql, secretBox, logger });
  const reminderBodies = new Map<string, ReminderBodyBuilder>();
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
  const outboxWorker = deps.outboxWorker?.(outbox) ?? outbox.createWorker({ senders, channelUsers, logger, concurrency: config.OUTBOX_CONCURRENCY });

  if (channels.messenger) {
    const { client, appSecret, verifyToken } = channels.messenger;
    const adapter = prepare(new MessengerAdapter({ channel: MESSENGER_CHANNEL, outbox, channelUsers, logger }, client));
    processors.set(MESSENGER_CHANNEL, new MessengerProcessor(adapter, logic));
    outboxAdapters.set(MESSENGER_CHANNEL, adapter);
    reminderBodies.set(MESSENGER_CHANNEL, messengerReminderBodyBuilder(config.MESSENGER_REMINDER_TEMPLATE));
    channelRoutes.push((server) => mountMessengerWebhook(server, { appSecret, verifyToken, inbound, logger, onStored: () => intake.wake() }));
  }

  if (channels.zalo) {
    const adapter = prepare(new ZaloAdapter({ channel: ZALO_CHANNEL, outbox, channelUsers, logger }));
    // Unfollowing the OA stops every reminder to that person.
    processors.set(ZALO_CHANNEL, new ZaloProcessor(adapter, channelUsers, logic, (id) => subscriptions.removeAllFor(id)));
    outboxAdapters.set(ZALO_CHANNEL, adapter);
    reminderBodies.set(ZALO_CHANNEL, zaloReminderBodyBuilder(config.ZALO_ZNS_TEMPLATE_ID));
    const webhook = {
      appId: channels.zalo.appId,
      oaSecretKey: channels.zalo.oaSecretKey,
      maxAgeMs: config.ZALO_WEBHOOK_MAX_AGE_S * 1000,
      adminPauseMs: config.ZALO_ADMIN_PAUSE_MINUTES * 60_000,
    };
    channelRoutes.push((server) => mountZaloWebhook(server, { ...webhook, inbound, channelUsers, logger, onStored: () => intake.wake() }));
  }
  const { ZALO_SITE_VERIFICATION_PATH: verificationPath, ZALO_SITE_VERIFICATION_CONTENT: verificationContent } = config;
  if (verificationPath && verificationContent) {
    channelRoutes.push((server) => mountZaloSiteVerification(server, verificationPath, verificationContent));
  }

  const scheduler = new ReminderScheduler({
    sql: db.sql,
    clubs,
    outbox,
    texts,
    calendar: ObservanceCalendar.load(),
    bodies: reminderBodies,
    offsets: config.REMINDER_OFFSETS,
    quietHours: config.REMINDER_QUIET_HOURS,
    logger,
  });
  let cron: ScheduledCron | undefined;
  const retention = new RetentionJob(db.sql, { days: config.RETENTION_DAYS, reportDays: config.REPORT_RETENTION_DAYS });
  let retentionCron: ScheduledCron | undefined;
  const accounts = new CounselorAccounts(db.sql);
  const inboxSessions = new InboxSessions(db.sql, config.INBOX_SESSION_HOURS * 3_600_000);
  const audit = new AuditLog(db.sql);
  channelRoutes.push((server) =>
    mountInbox(server, {
      handoff,
      events: handoffEvents,
      accounts,
      sessions: inboxSessions,
      throttle: new LoginThrottle(db.sql, { perAccount: config.INBOX_LOGIN_MAX_FAILURES, perIp: config.INBOX_LOGIN_MAX_FAILURES_PER_IP }),
      audit,
      sessionLifetimeMs: config.INBOX_SESSION_HOURS * 3_600_000,
      secureCookies: config.INBOX_SECURE_COOKIES,
      reports: deps.reports ?? reportDesk(services.reports),
    }),
  );
  channelRoutes.push((server) => mountStatistics(server, { sql: db.sql, sessions: inboxSessions, accounts, audit, texts, areas: services.areas, clubs, legal: deps.legal ?? new LegalLibrary(loadLegalContent()) }));

  channelRoutes.push((server) => mountDirectoryAdmin(server, { sessions: inboxSessions, accounts, audit, directory: services.directory }));

  const clubAdmin = new ClubAdmin({ sql: db.sql, clubs, changes: new MeetingChanges(db.sql, clubs) });
  channelRoutes.push((server) => mountClubAdmin(server, { admin: clubAdmin, sessions: inboxSessions, accounts, audit }));

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
    directory: services.directory,
    reminders: { clubs, subscriptions, scheduler, bodies: reminderBodies },
    handoff,
    handoffEvents,
    accounts,
    retention,
    workers: { intake, outbox: outboxWorker },
    startWorkers: () => {
      intake.start();
      outboxWorker.start();
      if (config.REMINDERS_ENABLED) cron ??= startReminderCron(scheduler, logger);
      if (config.RETENTION_ENABLED) retentionCron ??= startRetentionCron(retention, config.RETENTION_CRON, logger);
      noticeTimer ??= setInterval(sendNotices, 30_000);
      relay ??= relayHandoffEvents(handoffEvents, db, logger).catch((error: unknown) => {
        // Without the relay each instance's inbox still sees its own changes live.
        logger.error({ err: error }, 'handoff events relay failed to start');
        return async () => undefined;
      });
    },
    // Reminders and intake first: they write to the outbox, which must still be running to send them.
    stopWorkers: async () => {
      await cron?.stop();
      cron = undefined;
      await retentionCron?.stop();
      retentionCron = undefined;
      clearInterval(noticeTimer);
      noticeTimer = undefined;
      await (await relay)?.();
      relay = undefined;
      await intake.stop();
      await outboxWorker.stop();
    },
  };
}
