// The admins' club page: clubs with their figures, adding a club, moving and cancelling meetings,
// a meeting's figures and CSV. Plain DOM, nothing inline (the page's CSP forbids it); texts from
// content/locales/<lang>/clubAdmin.json; what the server returns is only ever set as textContent.
'use strict';

// `$`, `t`, `el`, `api` and `page` come from inboxPage.js, loaded before this script.
page.name = 'clubs';
page.namespace = 'clubAdmin';
const state = { club: null, meeting: null };
// Field name (as the API and the CLI take it) → text key.
const CLUB_FIELDS = {
  code: 'code', name: 'name', province: 'province', district: 'district', commune: 'commune', village: 'village',
  day_of_month: 'dayOfMonth', week_of_month: 'weekOfMonth', weekday: 'weekday', every_months: 'everyMonths',
  anchor_month: 'anchorMonth', time: 'time', place: 'place', organiser_contact: 'organiserContact',
};
const FIGURES = ['sent', 'delivered', 'windowClosed', 'failed'];

function say(message, isError) {
  $('notice').hidden = !isError;
  $('notice').textContent = isError ? message : '';
  $('status').textContent = isError ? '' : message || '';
}

function sayError(error) {
  if (error.code === 'invalid_body') return say(t('error.invalid', { message: error.message }), true);
  if (error.code === 'not_found') return say(t('error.notFound', { message: error.message }), true);
  say(t('error.generic'), true);
}

function headRow(id, keys) {
  $(id).replaceChildren(...keys.map((key) => el('th', { textContent: t(key) })));
}

async function loadTexts() {
  await loadPageTexts({
    'clubs-heading': 'clubs.heading', 'clubs-empty': 'clubs.empty',
    'add-heading': 'add.heading', 'club-submit': 'add.submit', 'move-to-label': 'meetings.moveTo', 'move-time-label': 'meetings.moveTime',
    'move-place-label': 'meetings.movePlace', 'move-submit': 'meetings.moveSubmit', 'figures-csv': 'figures.csv',
  });
  headRow('clubs-head', ['clubs.code', 'clubs.name', 'clubs.area', 'clubs.next', 'clubs.subscribers', 'clubs.members', ...FIGURES.map((f) => `clubs.${f}`), 'clubs.rsvpYes', 'clubs.rsvpNo', 'clubs.meetings']);
  headRow('meetings-head', ['meetings.date', 'meetings.place', 'meetings.status', 'meetings.move']);
  headRow('figures-head', ['figures.offset', ...FIGURES.map((f) => `figures.${f}`), 'figures.pending']);
  $('club-fields').replaceChildren(...Object.entries(CLUB_FIELDS).map(([field, key]) =>
    el('label', {}, [el('span', { textContent: t(`add.${key}`) }), el('input', { name: field, required: field === 'code' || field === 'name' || field === 'time', maxLength: 200 })])));
}

async function showClubs() {
  const { clubs } = await api('GET', '/clubs');
  $('clubs-empty').hidden = clubs.length > 0;
  $('clubs-rows').replaceChildren(...clubs.map((club) => {
    const area = [club.village, club.commune, club.district, club.province].filter(Boolean).join(', ');
    const open = el('button', { type: 'button', className: 'link', textContent: t('clubs.meetings') });
    open.addEventListener('click', () => showMeetings(club.code).catch(sayError));
    const cells = [club.code, `${club.name}${club.active ? '' : ` ${t('clubs.inactive')}`}`, area, club.nextMeeting || '–', club.subscribers, club.members,
      club.remindersSent, club.remindersDelivered, club.remindersWindowClosed, club.remindersFailed, club.rsvpYes, club.rsvpNo];
    return el('tr', {}, [...cells.map((value) => el('td', { textContent: String(value) })), el('td', {}, [open])]);
  }));
  $('clubs-view').hidden = false;
}

async function showMeetings(code) {
  const { club, meetings } = await api('GET', `/clubs/${encodeURIComponent(code)}/meetings`);
  state.club = club;
  $('meetings-heading').textContent = t('meetings.heading', { club: club.name });
  $('move-form').hidden = true;
  $('figures-view').hidden = true;
  $('meetings-rows').replaceChildren(...meetings.map((meeting) => {
    const actions = [];
    if (meeting.status !== 'cancelled') {
      const move = el('button', { type: 'button', className: 'link', textContent: t('meetings.move') });
      move.addEventListener('click', () => { state.meeting = meeting; $('move-form').hidden = false; $('move-to').focus(); });
      const cancel = el('button', { type: 'button', className: 'link danger', textContent: t('meetings.cancel') });
      cancel.addEventListener('click', () => cancelMeeting(meeting).catch(sayError));
      actions.push(move, cancel);
    }
    if (meeting.id) {
      const figures = el('button', { type: 'button', className: 'link', textContent: t('meetings.figures') });
      figures.addEventListener('click', () => showFigures(meeting.id).catch(sayError));
      actions.push(figures);
    }
    return el('tr', {}, [
      el('td', { textContent: meeting.startsAtLocal }), el('td', { textContent: meeting.place }),
      el('td', { textContent: t(`meetings.statuses.${meeting.status}`) }), el('td', {}, actions),
    ]);
  }));
  $('meetings-view').hidden = false;
}

async function cancelMeeting(meeting) {
  if (!window.confirm(t('meetings.confirmCancel'))) return;
  const result = await api('POST', `/clubs/${encodeURIComponent(state.club.code)}/meetings/${meeting.ruleDate}/cancel`);
  say(t(result.changeId ? 'meetings.cancelled' : 'meetings.alreadyCancelled'));
  await showMeetings(state.club.code);
}

async function showFigures(id) {
  const { startsAtLocal, stats } = await api('GET', `/meetings/${id}/figures`);
  $('figures-heading').textContent = t('figures.heading', { when: startsAtLocal });
  $('figures-rows').replaceChildren(...(stats.offsets.length ? stats.offsets.map((o) =>
    el('tr', {}, [o.offset, ...FIGURES.map((f) => o[f]), o.pending].map((value) => el('td', { textContent: String(value) }))))
    : [el('tr', {}, [el('td', { colSpan: 6, textContent: t('figures.none') })])]));
  $('figures-rsvp').textContent = t('figures.rsvp', { yes: stats.rsvpYes, no: stats.rsvpNo, subscribers: stats.subscribers, members: stats.members });
  $('figures-csv').href = `/inbox/api/meetings/${id}/figures/csv`;
  $('figures-view').hidden = false;
}

$('move-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const body = { to: $('move-to').value, time: $('move-time').value || undefined, place: $('move-place').value || undefined };
  api('POST', `/clubs/${encodeURIComponent(state.club.code)}/meetings/${state.meeting.ruleDate}/move`, body)
    .then(() => { say(t('meetings.moved')); $('move-form').reset(); return showMeetings(state.club.code); })
    .catch(sayError);
});

$('club-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const body = Object.fromEntries(Object.keys(CLUB_FIELDS).map((field) => [field, $('club-form').elements[field].value]));
  api('POST', '/clubs', body)
    .then((result) => { say(t(`add.${result.outcome}`, { code: result.code })); $('club-form').reset(); return showClubs(); })
    .catch(sayError);
});

onLanguageSwitch(() => start().catch(sayError));

async function start() {
  await loadTexts();
  try {
    const me = await api('GET', '/me');
    page.csrf = me.csrfToken;
    if (me.counselor.role !== 'admin') return say(t('adminsOnly'), true);
  } catch (error) {
    if (error.status === 401) return say(t('needLogin'), true);
    throw error;
  }
  await showClubs();
}

start().catch(sayError);
