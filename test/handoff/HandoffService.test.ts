import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabase.js';
import { createTestHandoff, NEVER_OPEN } from '../support/handoffHarness.js';
import { HandoffConflictError } from '../../src/handoff/HandoffService.js';

describe.each(DATABASE_KINDS)('HandoffService on %s', (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.dispose());

  it('lets exactly one of many concurrent claims win', async () => {
    const { service } = await createTestHandoff(testDb.db.sql);
    const { session } = await service.request({ channel: 'messenger', personId: 'p1', locale: 'vi', areaCode: '79.26734' });
    // On PostgreSQL a second pool makes the claims truly concurrent, like two instances.
    const other = kind === 'postgresql' ? await createTestHandoff((await testDb.openAnother()).sql) : undefined;
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) => (other && i % 2 ? other.service : service).claim(session.id, `counselor-${i}`)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof HandoffConflictError)).toBe(true);
    const stored = await service.find(session.id);
    expect(stored?.state).toBe('active');
    expect(stored?.counselorId).toBe((won[0] as PromiseFulfilledResult<{ counselorId: string }>).value.counselorId);
  });

  it('keeps one open session per person, even when requests race', async () => {
    const { service, events } = await createTestHandoff(testDb.db.sql);
    const results = await Promise.all(Array.from({ length: 6 }, () => service.request({ channel: 'emulator', personId: 'p1', locale: 'vi' })));
    expect(results.filter((r) => r.kind === 'queued')).toHaveLength(1);
    expect(new Set(results.map((r) => r.session.id)).size).toBe(1);
    expect(events.filter((e) => e.type === 'queued')).toHaveLength(1);
  });

  it('orders the queue newest danger first, then oldest waiting, and tells each person their place', async () => {
    const { service } = await createTestHandoff(testDb.db.sql);
    const first = await service.request({ channel: 'messenger', personId: 'a', locale: 'vi' });
    const second = await service.request({ channel: 'messenger', personId: 'b', locale: 'vi' });
    await service.request({ channel: 'messenger', personId: 'c', locale: 'vi', danger: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await service.flagDanger('b');
    expect((await service.listOpen({ all: true })).map((s) => s.personId)).toEqual(['b', 'c', 'a']);
    expect(first.kind === 'queued' && first.position).toBe(1);
    expect(second.kind === 'queued' && second.position).toBe(2);
    expect(await service.positionOf((await service.openSessionFor('a'))!)).toBe(3);
  });

  it('keeps areas apart: a commune counselor sees their commune and requests with no area', async () => {
    const { service } = await createTestHandoff(testDb.db.sql);
    await service.request({ channel: 'messenger', personId: 'a', locale: 'vi', areaCode: '79.26734' });
    await service.request({ channel: 'messenger', personId: 'b', locale: 'vi', areaCode: '01.00004' });
    await service.request({ channel: 'messenger', personId: 'c', locale: 'vi' });
    const people = async (codes: string[]) => (await service.listOpen({ codes })).map((s) => s.personId).sort();
    expect(await people(['79.26734'])).toEqual(['a', 'c']);
    expect(await people(['79'])).toEqual(['a', 'c']);
    expect(await people(['7'])).toEqual(['c']);
    expect(await people(['01'])).toEqual(['b', 'c']);
  });

  it('seals the transcript and notes at rest', async () => {
    const { service } = await createTestHandoff(testDb.db.sql);
    const { session } = await service.request({ channel: 'messenger', personId: 'a', locale: 'vi' });
    await service.recordPersonMessage(session, 'Chồng tôi đánh tôi', [{ kind: 'image', url: 'https://cdn.example/x.jpg' }]);
    await service.addNote(session, 'c1', 'Có con nhỏ');
    const raw = await testDb.db.sql.query<{ body: string; attachments: string | null }>('SELECT body, attachments FROM handoff_message');
    expect(JSON.stringify(raw)).not.toMatch(/Chồng|Có con|cdn\.example/);
    expect((await service.transcript(session.id)).map((m) => [m.kind, m.text, m.attachments.length])).toEqual([
      ['person', 'Chồng tôi đánh tôi', 1],
      ['note', 'Có con nhỏ', 0],
    ]);
  });

  it('sends the hotlines once to people who waited too long, and at once outside hours', async () => {
    const { service, delivered } = await createTestHandoff(testDb.db.sql, { waitMinutes: 10 });
    await service.request({ channel: 'messenger', personId: 'late', locale: 'en' });
    await testDb.db.sql.query(`UPDATE handoff_session SET requested_at = now() - interval '11 minutes'`);
    expect(await service.sendDueNotices()).toBe(1);
    expect(await service.sendDueNotices()).toBe(0);
    expect(delivered).toEqual([{ personId: 'late', text: expect.stringContaining('113 (police), 115 (ambulance) or 111'), purpose: 'notice' }]);

    const closed = await createTestHandoff(testDb.db.sql, { hours: NEVER_OPEN });
    const result = await closed.service.request({ channel: 'messenger', personId: 'night', locale: 'vi' });
    expect(result.kind).toBe('closed_hours');
    // Outside hours the person is told at request time, so the sweep does not tell them again.
    expect(result.session.noticeSentAt).not.toBeNull();
    expect(result.session.state).toBe('waiting');
  });

  it('answers the gate for several people asking at once: open session, hand-back after a close, nothing', async () => {
    const { service } = await createTestHandoff(testDb.db.sql);
    const waiting = (await service.request({ channel: 'messenger', personId: 'w', locale: 'vi' })).session;
    const done = (await service.request({ channel: 'messenger', personId: 'd', locale: 'vi' })).session;
    await service.close(await service.claim(done.id, 'c1'), 'counselled');
    const [w, d, n] = await Promise.all(['w', 'd', 'n'].map((person) => service.sessionForTurn(person)));
    expect([w?.session?.id, w?.handBack]).toEqual([waiting.id, false]);
    expect([d?.session, d?.handBack]).toEqual([undefined, true]);
    expect([n?.session, n?.handBack]).toEqual([undefined, false]);
    // Asking changes nothing (a turn may ask and then fail): the hand-back waits for takeBack, once.
    expect(await service.sessionForTurn('d')).toEqual({ session: undefined, handBack: true });
    expect(await service.takeBack('d')).toBe(true);
    expect(await service.takeBack('d')).toBe(false);
    expect(await service.sessionForTurn('d')).toEqual({ session: undefined, handBack: false });
  });

  it('transfers to an area (waiting again, unclaimed) and closes once', async () => {
    const { service, delivered } = await createTestHandoff(testDb.db.sql);
    const { session } = await service.request({ channel: 'messenger', personId: 'a', locale: 'vi', areaCode: '79.26734' });
    const active = await service.claim(session.id, 'c1');
    const moved = await service.transfer(active, { areaCode: '79.26737' });
    expect([moved.state, moved.counselorId, moved.areaCode]).toEqual(['waiting', null, '79.26737']);
    await service.close(moved, 'no_response');
    await expect(service.close(moved, 'no_response')).rejects.toThrow(HandoffConflictError);
    expect(delivered.map((d) => d.text)).toEqual([expect.stringContaining('Một tư vấn viên đã nhận'), expect.stringContaining('Tư vấn viên đã kết thúc')]);
    expect(await service.takeBack('a')).toBe(true);
    expect(await service.takeBack('a')).toBe(false);
  });
});
