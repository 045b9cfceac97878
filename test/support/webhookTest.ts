import nock from 'nock';
import { menuChoices } from '../../dialogs/MainDialog.js';
import type { Choice } from '../../dialogs/shared/choices.js';
import type { Locale } from '../../src/i18n.js';
import { loadTexts } from './botHarness.js';
import type { TestApp } from './testApp.js';

/**
 * Lets only loopback traffic out (the app under test): every platform call must be nock'd.
 * Removing nock's interception after the file is test/setup/nockPerFile.ts's job, for every file.
 */
export function allowOnlyLoopback(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
}

/** Rows in a table. */
export async function count(t: TestApp, table: string): Promise<number> {
  const rows = await t.testDb.db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

/** Waits until the stored events are processed and their replies sent (or recorded). */
export async function settle(t: TestApp): Promise<void> {
  await t.app.workers.intake.drain();
  await t.app.workers.outbox.drain();
}

/**
 * The app's main-menu choices (features from its MenuRegistry, then help and language), so channel
 * tests follow the registered features instead of copying the list.
 */
export async function mainMenuChoices(t: TestApp, locale: Locale = 'vi'): Promise<Choice[]> {
  return menuChoices(await loadTexts(), t.app.runtime.menu, locale);
}
