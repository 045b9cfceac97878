// The counselor inbox page: plain DOM, no framework, nothing inline (the page's CSP forbids it).
// Every text comes from content/locales/<lang>/inbox.json; user content is only ever set as
// textContent, never parsed as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { lang: localStorage.getItem('inbox.lang') || 'vi', texts: {}, canned: [], me: null, csrf: '', sessions: [], current: null, counselors: [], events: null, poll: null };
const OUTCOMES = ['counselled', 'referred_police', 'referred_health', 'referred_legal_aid', 'referred_shelter', 'no_response'];

/** A translated string by dotted key, with {{name}} placeholders filled. */
function t(key, vars) {
  const value = key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), state.texts);
  const text = typeof value === 'string' ? value : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars && vars[name] !== undefined ? vars[name] : ''));
}

class ApiError extends Error {
  constructor(status, code) { super(code); this.status = status; this.code = code; }
}

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') { headers['content-type'] = 'application/json'; headers['x-csrf-token'] = state.csrf; }
  const res = await fetch(`/inbox/api${path}`, { method, headers, credentials: 'same-origin', body: method === 'GET' ? undefined : JSON.stringify(body || {}) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    if (res.status === 401 && path !== '/login' && path !== '/me') showLogin(t('error.session'));
    throw new ApiError(res.status, data.error || 'error');
  }
  return data;
}

function el(tag, props, children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children || []) node.append(child);
  return node;
}

function time(value) {
  return new Date(value).toLocaleTimeString(state.lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

async function loadTexts() {
  const data = await api('GET', `/texts/${state.lang}`);
  state.texts = data.texts;
  state.canned = data.canned;
  document.documentElement.lang = state.lang;
  document.title = t('title');
  const labels = {
    title: 'title', lang: 'switchLanguage', logout: 'logout', audit: 'admin.audit', statistics: 'statistics', directory: 'directory', clubs: 'clubs', 'login-heading': 'login.heading', 'login-username-label': 'login.username',
    'login-password-label': 'login.password', 'login-submit': 'login.submit', 'queue-heading': 'queue.heading', 'queue-empty': 'queue.empty',
    'conv-pick': 'conv.pick', back: 'conv.back', claim: 'conv.claim', send: 'conv.send', 'more-label': 'conv.more', 'add-note': 'conv.addNote',
    'close-with-label': 'conv.closeWith', close: 'conv.close', 'transfer-counselor-label': 'conv.transferToCounselor', 'transfer-area-label': 'conv.transferToArea',
    transfer: 'conv.transfer', 'report-id-label': 'conv.reportId', 'link-report': 'conv.linkReport', 'audit-heading': 'admin.audit',
    'report-status-save': 'conv.reportSave', 'accounts-heading': 'admin.accounts', 'account-username-label': 'admin.username', 'account-name-label': 'admin.name',
    'account-password-label': 'admin.password', 'account-role-label': 'admin.role', 'account-areas-label': 'admin.areas', 'account-create': 'admin.create',
  };
  for (const [id, key] of Object.entries(labels)) $(id).textContent = t(key);
  $('reply').placeholder = t('conv.replyPlaceholder');
  $('note').placeholder = t('conv.notePlaceholder');
  $('outcome').replaceChildren(...OUTCOMES.map((o) => el('option', { value: o, textContent: t(`outcome.${o}`) })));
  $('account-role').replaceChildren(...['counselor', 'supervisor', 'admin'].map((r) => el('option', { value: r, textContent: t(`admin.roles.${r}`) })));
  $('canned').replaceChildren(el('option', { value: '', textContent: t('conv.canned') }), ...state.canned.map((c, i) => el('option', { value: String(i), textContent: c.title })));
}

function showLogin(message) {
  if (state.events) { state.events.close(); state.events = null; }
  state.me = null;
  $('inbox-view').hidden = true;
  $('login-view').hidden = false;
  $('logout').hidden = true;
  $('audit').hidden = true;
  $('statistics').hidden = true;
  $('directory').hidden = true;
  $('clubs').hidden = true;
  $('live').hidden = true;
  $('login-error').hidden = !message;
  $('login-error').textContent = message || '';
}

async function showInbox(me) {
  state.me = me.counselor;
  state.csrf = me.csrfToken;
  $('login-view').hidden = true;
  $('inbox-view').hidden = false;
  $('logout').hidden = false;
  $('audit').hidden = state.me.role !== 'admin';
  $('statistics').hidden = state.me.role === 'counselor';
  $('directory').hidden = state.me.role !== 'admin';
  $('clubs').hidden = state.me.role !== 'admin';
  state.counselors = (await api('GET', '/counselors')).counselors.filter((c) => c.id !== state.me.id);
  $('transfer-counselor').replaceChildren(el('option', { value: '', textContent: '—' }), ...state.counselors.map((c) => el('option', { value: c.id, textContent: c.displayName })));
  await loadQueue();
  listen();
}

/** Live updates: every change in my areas arrives as a server-sent event; I fetch what changed. */
function listen() {
  if (state.events) state.events.close();
  const source = new EventSource('/inbox/api/events');
  state.events = source;
  const live = $('live');
  live.hidden = false;
  source.onopen = () => { live.textContent = t('live.on'); live.title = t('live.on'); live.classList.remove('off'); };
  source.onerror = () => { live.textContent = t('live.off'); live.title = t('live.off'); live.classList.add('off'); };
  source.addEventListener('handoff', (event) => {
    const change = JSON.parse(event.data);
    loadQueue().catch(() => undefined);
    if (state.current && state.current.session.id === change.sessionId) openSession(change.sessionId, false).catch(() => undefined);
  });
}

async function loadQueue() {
  state.sessions = (await api('GET', '/queue')).sessions;
  renderQueue();
}

function renderQueue() {
  const list = $('queue-list');
  $('queue-empty').hidden = state.sessions.length > 0;
  list.replaceChildren(...state.sessions.map((s) => {
    const badges = [];
    if (s.danger) badges.push(el('span', { className: 'badge danger', textContent: t('queue.danger') }));
    badges.push(el('span', { className: `badge ${s.state}`, textContent: s.counselorId === state.me.id ? t('queue.mine') : t(`queue.${s.state}`) }));
    badges.push(el('span', { className: 'badge', textContent: t(`queue.channel.${s.channel}`) }));
    const button = el('button', { type: 'button', className: `queue-item${state.current && state.current.session.id === s.id ? ' current' : ''}` }, [
      el('span', { className: 'top' }, badges),
      el('span', { className: 'small muted', textContent: `${s.areaCode || t('queue.noArea')} · ${t('queue.since', { time: time(s.requestedAt) })}` }),
    ]);
    button.dataset.session = s.id;
    button.addEventListener('click', () => openSession(s.id, true));
    return el('li', {}, [button]);
  }));
}

async function openSession(id, audited) {
  const data = await api('GET', `/sessions/${encodeURIComponent(id)}`);
  state.current = data;
  $('audit-view').hidden = true;
  $('conv-pick').hidden = true;
  $('conv').hidden = false;
  $('conv-error').hidden = true;
  $('inbox-view').classList.add('reading');
  renderSession();
  renderQueue();
  if (audited) window.scrollTo(0, 0);
  // Delivery status changes in the outbox, not in the handoff: look again while a send is pending.
  clearTimeout(state.poll);
  if (data.transcript.some((m) => m.delivery === 'pending' || m.delivery === 'processing')) {
    state.poll = setTimeout(() => openSession(id, false).catch(() => undefined), 3000);
  }
}

function renderSession() {
  const { session, transcript } = state.current;
  const mine = session.counselorId === state.me.id;
  const lead = state.me.role !== 'counselor';
  $('conv-person').textContent = t('conv.person', { id: session.id.slice(0, 8) });
  $('conv-meta').textContent = [session.areaCode || t('queue.noArea'), t(`queue.channel.${session.channel}`), session.state === 'waiting' ? t('queue.waiting') : mine ? t('queue.mine') : t('queue.active'), session.danger ? t('queue.danger') : ''].filter(Boolean).join(' · ');
  $('claim').hidden = session.state !== 'waiting';
  $('reply-form').hidden = !(session.state === 'active' && mine);
  $('close-form').hidden = !(mine || lead);
  $('transfer-form').hidden = !(mine || lead);
  $('report-form').hidden = !(mine || lead) || Boolean(session.reportId);
  $('report-status-form').hidden = true;
  if (session.reportId && (mine || lead)) showReport(session.reportId).catch(() => undefined);
  if (session.state === 'active' && !mine && !lead) showError(t('conv.claimedByOther'));
  $('transcript').replaceChildren(...transcript.map((m) => {
    const body = [];
    if (m.kind === 'system') body.push(t('conv.claimed'));
    else if (m.text) body.push(m.text);
    for (const a of m.attachments) {
      body.push(el('br'), el('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', textContent: `${a.kind === 'location' ? t('conv.location') : t('conv.attachment')}: ${a.name || a.kind}` }));
    }
    const meta = [m.kind === 'system' ? '' : t(`kind.${m.kind}`), time(m.at)];
    const metaNode = el('span', { className: 'meta', textContent: meta.filter(Boolean).join(' · ') });
    if (m.delivery) {
      const status = el('span', { className: `meta ${m.delivery}`, textContent: t(`delivery.${m.delivery}`) });
      status.dataset.delivery = m.delivery;
      body.push(metaNode, status);
    } else {
      body.push(metaNode);
    }
    return el('li', { className: `msg ${m.kind}` }, body);
  }));
}

/** The linked report's status, when the reports service is there (viewing it is audited). */
async function showReport(reportId) {
  const { report, statuses, outcomes } = await api('GET', `/reports/${encodeURIComponent(reportId)}`);
  $('report-status-label').textContent = t('conv.reportStatusOf', { id: report.id });
  $('report-summary').textContent = report.summary;
  $('report-status').replaceChildren(...statuses.map((s) => el('option', { value: s, textContent: s, selected: s === report.status })));
  const done = report.outcomes || [];
  $('report-outcomes').replaceChildren(el('legend', { textContent: t('reportOutcome.label') }), ...outcomes.map((o) => {
    const box = el('input', { type: 'checkbox', value: o, checked: done.includes(o) });
    return el('label', { className: 'check' }, [box, ` ${t(`reportOutcome.${o}`)}`]);
  }));
  showReportOutcomes();
  $('report-status-form').hidden = false;
}

/** What was done is asked only when closing a report. */
function showReportOutcomes() {
  $('report-outcomes').hidden = $('report-status').value !== 'closed' || $('report-outcomes').querySelectorAll('input').length === 0;
}

function showError(message) {
  $('conv-error').textContent = message;
  $('conv-error').hidden = false;
}

/** Runs a state-changing action on the open conversation and shows what went wrong, if anything. */
async function act(path, body) {
  const id = state.current.session.id;
  try {
    await api('POST', `/sessions/${encodeURIComponent(id)}${path}`, body);
    await openSession(id, false);
    await loadQueue();
    return true;
  } catch (error) {
    if (error.status === 409) { await openSession(id, false).catch(() => undefined); showError(t('error.conflict')); }
    else if (error.status === 403) showError(t('error.forbidden'));
    else if (error.status !== 401) showError(t('error.generic'));
    return false;
  }
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const me = await api('POST', '/login', { username: $('username').value, password: $('password').value });
    $('password').value = '';
    await showInbox(me);
  } catch (error) {
    $('login-error').textContent = error.status === 429 ? t('login.throttled') : t('login.failed');
    $('login-error').hidden = false;
  }
});
$('logout').addEventListener('click', async () => {
  await api('POST', '/logout').catch(() => undefined);
  showLogin();
});
$('lang').addEventListener('click', async () => {
  state.lang = state.lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('inbox.lang', state.lang);
  await loadTexts();
  if (state.me) { renderQueue(); if (state.current) renderSession(); }
});
$('back').addEventListener('click', () => { $('inbox-view').classList.remove('reading'); });
$('claim').addEventListener('click', () => act('/claim'));
$('canned').addEventListener('change', () => {
  const picked = state.canned[Number($('canned').value)];
  if (picked) $('reply').value = picked.text;
  $('canned').value = '';
  $('reply').focus();
});
$('reply-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (await act('/messages', { text: $('reply').value })) $('reply').value = '';
});
$('note-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (await act('/notes', { text: $('note').value })) $('note').value = '';
});
$('close-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (await act('/close', { outcome: $('outcome').value })) $('more').open = false;
});
$('transfer-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const counselorId = $('transfer-counselor').value;
  const areaCode = $('transfer-area').value.trim();
  if (!counselorId && !areaCode) return;
  await act('/transfer', counselorId ? { counselorId } : { areaCode });
});
$('report-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await act('/report', { reportId: $('report-id').value.trim() });
});
$('report-status').addEventListener('change', showReportOutcomes);
$('report-status-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const reportId = state.current.session.reportId;
  try {
    const outcomes = [...$('report-outcomes').querySelectorAll('input:checked')].map((box) => box.value);
    await api('POST', `/reports/${encodeURIComponent(reportId)}/status`, { status: $('report-status').value, outcomes });
    await showReport(reportId);
  } catch {
    showError(t('error.generic'));
  }
});
$('account-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const role = $('account-role').value;
  const areas = $('account-areas').value.split(',').map((a) => a.trim()).filter(Boolean);
  const account = { username: $('account-username').value, displayName: $('account-name').value, password: $('account-password').value, role };
  if (role === 'supervisor') account.province = areas[0];
  else account.areaCodes = areas;
  try {
    await api('POST', '/counselors', account);
    $('account-form').reset();
    $('account-error').hidden = true;
    $('audit').click();
  } catch {
    $('account-error').textContent = t('admin.createFailed');
    $('account-error').hidden = false;
  }
});
$('audit').addEventListener('click', async () => {
  const [{ entries }, { counselors }] = await Promise.all([api('GET', '/audit'), api('GET', '/counselors')]);
  $('accounts-head').replaceChildren(...['name', 'username', 'role', 'areas', 'active'].map((k) => el('th', { textContent: t(`admin.${k}`).split(' (')[0] })));
  $('accounts-rows').replaceChildren(...counselors.map((c) => el('tr', {}, [
    el('td', { textContent: c.displayName }),
    el('td', { textContent: c.username }),
    el('td', { textContent: t(`admin.roles.${c.role}`) }),
    el('td', { textContent: c.role === 'supervisor' ? c.province || '' : c.role === 'admin' ? '*' : c.areaCodes.join(', ') }),
    el('td', { textContent: c.active ? t('admin.active') : t('admin.inactive') }),
  ])));
  $('conv').hidden = true;
  $('conv-pick').hidden = true;
  $('audit-view').hidden = false;
  $('inbox-view').classList.add('reading');
  $('audit-head').replaceChildren(...['who', 'what', 'subject', 'when'].map((k) => el('th', { textContent: t(`admin.${k}`) })));
  $('audit-rows').replaceChildren(...entries.map((e) => el('tr', {}, [
    el('td', { textContent: (state.counselors.find((c) => c.id === e.counselorId) || { displayName: e.counselorId.slice(0, 8) }).displayName }),
    el('td', { textContent: e.action }),
    el('td', { textContent: `${e.subjectType} ${e.subjectId.slice(0, 8)}` }),
    el('td', { textContent: new Date(e.at).toLocaleString(state.lang === 'vi' ? 'vi-VN' : 'en-GB') }),
  ])));
});

(async () => {
  await loadTexts();
  try {
    await showInbox(await api('GET', '/me'));
  } catch {
    showLogin();
  }
})();
