// The directory page of the inbox, for admins: list the places (filtered by area and kind), add,
// edit and remove them. Plain DOM built here, nothing inline (the page's CSP forbids it); shared
// helpers (t, el, api, showError) come from inboxPage.js. What an admin saves is admin-managed:
// the seed files no longer change it.
'use strict';

// The kinds and offers the directory accepts are the ones content/locales/<lang>/directory.json labels.
const kinds = () => Object.keys(page.texts.directory.kind);
const offers = () => Object.keys(page.texts.directory.offer);
const state = { entries: [], editing: null };
page.name = 'directory';
page.namespace = 'directoryAdmin';

function notice(message) {
  $('notice').textContent = message;
  $('notice').hidden = !message;
}

function kindOptions(select, withAll) {
  const chosen = select.value;
  select.replaceChildren(...(withAll ? [el('option', { value: '', textContent: t('filter.allKinds') })] : []), ...kinds().map((kind) => el('option', { value: kind, textContent: t(`directory:kind.${kind}`) })));
  select.value = chosen;
}

async function loadTexts() {
  await loadPageTexts({
    'filter-area-label': 'filter.area', 'filter-kind-label': 'filter.kind', 'filter-show': 'filter.show', none: 'none',
    'form-heading': 'form.heading', 'id-label': 'form.id', 'kind-label': 'form.kind', 'area-label': 'form.area', 'name-vi-label': 'form.nameVi',
    'name-en-label': 'form.nameEn', 'phone-label': 'form.phone', 'hours-vi-label': 'form.hoursVi', 'hours-en-label': 'form.hoursEn',
    'address-label': 'form.address', 'offers-label': 'form.offers', save: 'form.save', clear: 'form.clear',
  });
  kindOptions($('filter-kind'), true);
  kindOptions($('kind'), false);
  const checked = new Set([...document.querySelectorAll('#offers input:checked')].map((box) => box.value));
  $('offers').replaceChildren(...offers().map((offer) => el('label', {}, [el('input', { type: 'checkbox', value: offer, checked: checked.has(offer) }), ` ${t(`directory:offer.${offer}`)}`])));
}

function stateOf(entry) {
  return [!entry.active && t('state.removed'), t(`state.${entry.managedBy}`), entry.sample && t('state.sample')].filter(Boolean).join(', ');
}

function edit(entry) {
  state.editing = entry.id;
  $('id').value = entry.id;
  $('id').readOnly = true;
  $('kind').value = entry.kind;
  $('area').value = entry.areaCode;
  $('name-vi').value = entry.name.vi;
  $('name-en').value = entry.name.en;
  $('phone').value = entry.phone;
  $('hours-vi').value = entry.hours.vi;
  $('hours-en').value = entry.hours.en;
  $('address').value = entry.address;
  for (const box of document.querySelectorAll('#offers input')) box.checked = entry.offers.includes(box.value);
  $('entry').scrollIntoView();
}

async function remove(entry) {
  if (!window.confirm(t('confirmRemove'))) return;
  try {
    await api('POST', `/directory/${encodeURIComponent(entry.id)}/remove`, {});
    notice(t('removed'));
    await load();
  } catch (error) {
    showError(error.message || t('error'));
  }
}

function render() {
  const head = el('tr', {}, ['column.id', 'column.kind', 'column.area', 'column.name', 'column.phone', 'column.state', '', ''].map((key) => el('th', { textContent: key ? t(key) : '' })));
  const rows = state.entries.map((entry) => {
    const editButton = el('button', { type: 'button', className: 'link', textContent: t('edit') });
    editButton.addEventListener('click', () => edit(entry));
    const removeButton = el('button', { type: 'button', className: 'link', textContent: t('remove'), hidden: !entry.active });
    removeButton.addEventListener('click', () => remove(entry));
    return el('tr', { className: entry.active ? '' : 'muted' }, [
      el('td', { textContent: entry.id }),
      el('td', { textContent: t(`directory:kind.${entry.kind}`) }),
      el('td', { textContent: entry.areaCode }),
      el('td', { textContent: entry.name.vi }),
      el('td', { textContent: entry.phone }),
      el('td', { textContent: stateOf(entry) }),
      el('td', {}, [editButton]),
      el('td', {}, [removeButton]),
    ]);
  });
  $('entries').replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
  $('none').hidden = state.entries.length > 0;
}

async function load() {
  showError('');
  const query = new URLSearchParams();
  if ($('filter-area').value.trim()) query.set('area', $('filter-area').value.trim());
  if ($('filter-kind').value) query.set('kind', $('filter-kind').value);
  try {
    state.entries = (await api('GET', `/directory?${query}`)).entries;
    render();
  } catch (error) {
    showError(error.status === 401 ? t('loginFirst') : error.status === 403 ? t('forbidden') : error.message || t('error'));
  }
}

$('filter').addEventListener('submit', (event) => { event.preventDefault(); load(); });
$('entry').addEventListener('reset', () => { state.editing = null; $('id').readOnly = false; notice(''); });
$('entry').addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  const entry = {
    kind: $('kind').value,
    areaCode: $('area').value.trim(),
    name: { vi: $('name-vi').value, en: $('name-en').value },
    phone: $('phone').value,
    hours: { vi: $('hours-vi').value, en: $('hours-en').value },
    address: $('address').value,
    offers: [...document.querySelectorAll('#offers input:checked')].map((box) => box.value),
  };
  try {
    if (state.editing) await api('POST', `/directory/${encodeURIComponent(state.editing)}`, entry);
    else await api('POST', '/directory', { id: $('id').value.trim(), ...entry });
    $('entry').reset();
    notice(t('saved'));
    await load();
  } catch (error) {
    // The server's message says which field is wrong ("phone: digits … expected").
    showError(`${t('error')} ${error.message || ''}`.trim());
  }
});
onLanguageSwitch(async () => {
  await loadTexts();
  render();
});

(async () => {
  await loadTexts();
  if (await startSession()) await load();
})();
