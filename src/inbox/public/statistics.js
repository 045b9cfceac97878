// The statistics page of the inbox: plain DOM and SVG built here, nothing inline (the page's CSP
// forbids it). Counts arrive already suppressed ("< 5") from the server; this page never sees the
// hidden values. Texts come from content/locales/<lang>/statistics.json.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const state = { data: null };
page.name = 'statistics';
page.namespace = 'statistics';

function svg(tag, attributes, children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
  for (const child of children || []) node.append(child);
  return node;
}

function query() {
  return new URLSearchParams({ from: $('from').value, to: $('to').value, by: $('by').value, lang: page.lang }).toString();
}

function halfYear(second) {
  const year = new Date().getFullYear();
  $('from').value = second ? `${year}-07-01` : `${year}-01-01`;
  $('to').value = second ? `${year}-12-31` : `${year}-06-30`;
}

async function loadTexts() {
  await loadPageTexts({
    half1: 'halfYear1', half2: 'halfYear2', 'from-label': 'from', 'to-label': 'to', 'by-label': 'by', show: 'show',
    csv: 'exportCsv', xlsx: 'exportXlsx', note: 'suppressionNote', 'charts-heading': 'heading.charts', 'areas-heading': 'heading.areas',
    'trend-heading': 'heading.trend', 'clubs-heading': 'heading.clubs', 'meetings-heading': 'heading.meetings', 'legal-heading': 'heading.legalTopics', 'meetings-none': 'meeting.none',
  });
  const by = $('by').value || 'province';
  $('by').replaceChildren(el('option', { value: 'province', textContent: t('byProvince') }), el('option', { value: 'area', textContent: t('byArea') }));
  $('by').value = by;
}

/** A table of a statistics section: the key column, then one column per count. */
function renderTable(id, table, keyHeading) {
  const head = el('tr', {}, [el('th', { textContent: keyHeading }), ...table.columns.map((c) => el('th', { className: 'count', textContent: t(`column.${c}`) }))]);
  const rows = table.rows.map((row) => el('tr', { className: row.key === '*' ? 'total' : '' }, [
    el('th', { scope: 'row', textContent: row.label }),
    ...row.cells.map((cell) => el('td', { className: 'count', textContent: cell === null ? '—' : String(cell), title: cell === null ? t('notEnough') : '' })),
  ]));
  $(id).replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

/**
 * A bar chart of one column of the monthly trend, as SVG. A suppressed month is drawn as a dashed
 * outline labelled "< 5", never as a bar of a made-up height.
 */
function barChart(title, months, column) {
  const width = 40 * Math.max(months.length, 1) + 40;
  const height = 180;
  const values = months.map((row) => row.cells[column]);
  const max = Math.max(5, ...values.filter((v) => typeof v === 'number'));
  const scale = (height - 50) / max;
  const bars = months.flatMap((row, i) => {
    const value = values[i];
    const x = 30 + i * 40;
    const shown = typeof value === 'number';
    const barHeight = shown ? value * scale : 5 * scale;
    return [
      svg('rect', { class: shown ? 'bar' : 'bar hidden-count', x, y: height - 25 - barHeight, width: 28, height: Math.max(barHeight, shown && value > 0 ? 1 : 0) }),
      svg('text', { x: x + 14, y: height - 28 - barHeight, 'text-anchor': 'middle' }, [String(value)]),
      svg('text', { x: x + 14, y: height - 8, 'text-anchor': 'middle' }, [row.key.slice(5)]),
    ];
  });
  const chart = svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title }, [
    svg('title', {}, [title]),
    svg('line', { class: 'axis', x1: 25, x2: width - 5, y1: height - 25, y2: height - 25 }),
    ...bars,
  ]);
  return el('figure', {}, [chart, el('figcaption', { className: 'small', textContent: title })]);
}

function renderMeetings(meetings) {
  $('meetings-none').hidden = meetings.length > 0;
  const head = el('tr', {}, ['heading.club', 'meeting.when', 'meeting.status', 'meeting.rsvpYes', 'meeting.rsvpNo', 'meeting.attendance', ''].map((k) => el('th', { textContent: k ? t(k) : '' })));
  const rows = meetings.map((m) => {
    const input = el('input', { type: 'number', min: '0', className: 'attendance', value: '' , placeholder: m.attendance === null ? '' : String(m.attendance) });
    const save = el('button', { type: 'button', textContent: t('meeting.save') });
    save.addEventListener('click', async () => {
      try {
        await api('POST', `/statistics/meetings/${m.id}/attendance`, { attendance: input.value === '' ? null : Number(input.value) });
        save.textContent = t('meeting.saved');
      } catch {
        showError(t('error'));
      }
    });
    return el('tr', {}, [
      el('td', { textContent: m.clubCode }),
      el('td', { textContent: new Date(m.startsAt).toLocaleString(page.lang === 'vi' ? 'vi-VN' : 'en-GB') }),
      el('td', { textContent: m.status }),
      el('td', { className: 'count', textContent: String(m.rsvpYes) }),
      el('td', { className: 'count', textContent: String(m.rsvpNo) }),
      el('td', {}, [input]),
      el('td', {}, [save]),
    ]);
  });
  $('meetings').replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

function render() {
  const data = state.data;
  if (!data) return;
  const months = data.trend.rows.filter((row) => row.key !== '*');
  $('charts').replaceChildren(barChart(t('column.reports.total'), months, 0), barChart(t('column.handoffs.total'), months, 1));
  renderTable('areas', data.areas, t('heading.area'));
  renderTable('trend', data.trend, t('heading.month'));
  renderTable('clubs', data.clubs, t('heading.club'));
  renderTable('legal', data.legalTopics, t('heading.topic'));
  renderMeetings(data.meetings);
  $('content').hidden = false;
}

async function load() {
  showError('');
  const q = query();
  $('csv').href = `/inbox/api/statistics/export.csv?${q}`;
  $('xlsx').href = `/inbox/api/statistics/export.xlsx?${q}`;
  try {
    state.data = await api('GET', `/statistics?${q}`);
    render();
  } catch (error) {
    showError(error.status === 401 ? t('loginFirst') : error.status === 403 ? t('forbidden') : t('error'));
  }
}

$('period').addEventListener('submit', (event) => { event.preventDefault(); load(); });
$('half1').addEventListener('click', () => { halfYear(false); load(); });
$('half2').addEventListener('click', () => { halfYear(true); load(); });
onLanguageSwitch(async () => {
  await loadTexts();
  await load();
});

(async () => {
  halfYear(new Date().getMonth() >= 6);
  await loadTexts();
  if (await startSession()) await load();
})();
