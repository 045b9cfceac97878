import type { Storage, TurnContext } from 'botbuilder';
import { AreaCatalog } from './areas/AreaCatalog.js';
import { createBotStates, type BotStateStores } from './bot/createBotStates.js';
import { SafetyResponder } from './bot/SafetyResponder.js';
import type { SecretBox } from './crypto/SecretBox.js';
import { DirectoryEntries } from './directory/DirectoryEntries.js';
import { TrustedAddressLookup } from './directory/TrustedAddressLookup.js';
import { CounselorRequests } from './handoff/CounselorRequests.js';
import type { Texts } from './i18n.js';
import type { Logger } from './logger.js';
import { PersonalDataEraser } from './privacy/PersonalDataEraser.js';
import { ReportDrafts } from './reports/ReportDrafts.js';
import { ReportService } from './reports/ReportService.js';
import { DangerDetector } from './safety/DangerDetector.js';
import type { Database } from './store/Database.js';

/** Everything dialogs and middleware use, built once by the composition root. */
export interface Services {
  readonly texts: Texts;
  readonly logger: Logger;
  readonly secretBox: SecretBox;
  readonly states: BotStateStores;
  readonly areas: AreaCatalog;
  /** Where to find help by area (seed it with seedDirectory after migrations). */
  readonly directory: DirectoryEntries;
  readonly trustedAddresses: TrustedAddressLookup;
  readonly dangerDetector: DangerDetector;
  readonly safety: SafetyResponder;
  readonly reports: ReportService;
  readonly drafts: ReportDrafts;
  readonly counselorRequests: CounselorRequests;
  readonly eraser: PersonalDataEraser;
  /** The most precise area known for a conversation: the report being written, else the person's profile. */
  readonly areaOf: (context: TurnContext) => Promise<string | undefined>;
}

/**
 * Builds the services on an open, migrated database and the bot's storage.
 * @param deps.includeSampleDirectory - show the directory's sample entries (not in production).
 */
export function createServices(deps: {
  db: Database;
  storage: Storage;
  texts: Texts;
  secretBox: SecretBox;
  logger: Logger;
  includeSampleDirectory: boolean;
}): Services {
  const { db, texts, secretBox, logger } = deps;
  const states = createBotStates(deps.storage, (channel, platformId) => secretBox.pseudonym(channel, platformId));
  const areas = AreaCatalog.load();
  const directory = new DirectoryEntries(db.sql, areas, { includeSamples: deps.includeSampleDirectory });
  const trustedAddresses = new TrustedAddressLookup(directory);
  const drafts = new ReportDrafts(states.conversationState, secretBox);
  const reports = new ReportService(db, secretBox, (areaCode) => trustedAddresses.coveringArea(areaCode));
  const counselorRequests = new CounselorRequests(db, secretBox);
  // The report being written knows the place best; else what the person chose to keep.
  const areaOf = async (context: TurnContext) => (await drafts.areaCode(context)) ?? (await states.profile.get(context, {})).areaCode;
  const safety = new SafetyResponder({ texts, secretBox, directory, trustedAddresses, counselorRequests, areaOf });
  const eraser = new PersonalDataEraser(logger)
    // Conversation state holds the dialog position, the report draft and any pending offer.
    .register({ name: 'conversation-state', erase: ({ context }) => states.conversationState.delete(context) })
    .register({ name: 'user-profile', erase: ({ context }) => states.userState.delete(context) })
    .register({ name: 'counselor-requests', erase: ({ person }) => counselorRequests.eraseFor(person.pseudonym) })
    .register({ name: 'reports-deidentified', erase: async ({ person }) => void (await reports.deidentifyReporter(person.pseudonym)) });
  return { texts, logger, secretBox, states, areas, directory, trustedAddresses, dangerDetector: DangerDetector.load(), safety, reports, drafts, counselorRequests, eraser, areaOf };
}
