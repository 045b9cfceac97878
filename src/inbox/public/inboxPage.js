// What the inbox's own pages (statistics, directory, clubs) share: texts, DOM building and the JSON API
// with the CSRF token. A plain script loaded before the page's own (the CSP allows no inline
// code and no modules are needed); the page sets `page.name` (its path under /inbox) and
// `page.namespace` (the locale file its own texts are in).
'use strict';

const $ = (id) => document.getElementById(id);
const page = { name: '', namespace: '', lang: localStorage.getItem('inbox.lang') || 'vi', texts: {}, csrf: '' };

/** A text by key: "title" in the page's own namespace, "directory:kind.club" in another; {{name}} filled from `vars`. */
function t(key, vars) {
  const [namespace, path] = key.includes(':') ? key.split(':') : [page.namespace, key];
  const value = path.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), page.texts[namespace]);
  const text = typeof value === 'string' ? value : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars && vars[name] !== undefined ? vars[name] : ''));
}

function el(tag, props, children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children || []) node.append(child);
  return node;
}

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') { headers['content-type'] = 'application/json'; headers['x-csrf-token'] = page.csrf; }
  const res = await fetch(`/inbox/api${path}`, { method, headers, credentials: 'same-origin', body: method === 'GET' ? undefined : JSON.stringify(body || {}) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(data.error || 'error'), { status: res.status, code: data.error || 'error', message: data.message || '' });
  return data;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

/**
 * Loads the page's texts in `page.lang`, fills the header the page shell gives every page (title,
 * way back, language switch) and the elements of `labels` (id → key).
 */
async function loadPageTexts(labels) {
  page.texts = (await api('GET', `/page-texts/${page.name}/${page.lang}`)).texts;
  document.documentElement.lang = page.lang;
  document.title = t('title');
  for (const [id, key] of Object.entries({ title: 'title', back: 'back', ...labels })) $(id).textContent = t(key);
  $('lang').textContent = page.lang === 'vi' ? 'English' : 'Tiếng Việt';
}

/** Switches the language on a click of #lang, then calls `reload`. */
function onLanguageSwitch(reload) {
  $('lang').addEventListener('click', async () => {
    page.lang = page.lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem('inbox.lang', page.lang);
    await reload();
  });
}

/** The CSRF token of the logged-in session; false (and the "log in first" message) when logged out. */
async function startSession() {
  try {
    page.csrf = (await api('GET', '/me')).csrfToken;
    return true;
  } catch {
    showError(t('loginFirst'));
    return false;
  }
}
