import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type ResourceLanguage, type TFunction } from 'i18next';
import { projectPath } from './projectRoot.js';

/** The languages the bot speaks; the first is the default. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Narrows any string (a stored preference, a channel's locale) to a supported locale. */
export function toLocale(value: unknown, fallback: Locale = 'vi'): Locale {
  if (typeof value !== 'string') return fallback;
  const lang = value.toLowerCase().slice(0, 2);
  return (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : fallback;
}

/**
 * Every sentence the bot says, from `content/locales/<lang>/<namespace>.json`.
 * `t` for one sentence, `list` for arrays (trigger words, examples).
 */
export class Texts {
  /** Arrays by locale and key: matching reads the same trigger words on every message. */
  private readonly lists = new Map<string, readonly string[]>();
  private readonly fixed = new Map<Locale, TFunction>();

  constructor(private readonly instance: i18n) {}

  /**
   * A translate function fixed to one locale. A sentence asked for by key alone is looked up once
   * (the resources never change after loading): each turn reads a dozen menu labels and prompts,
   * and i18next's resolution is a noticeable share of a turn's CPU. With options (interpolation,
   * plurals, objects) every call goes to i18next.
   */
  t(locale: Locale): TFunction {
    let t = this.fixed.get(locale);
    if (!t) {
      const resolve = this.instance.getFixedT(locale) as unknown as (...args: unknown[]) => unknown;
      const plain = new Map<string, unknown>();
      const memo = (key: string | string[], ...rest: unknown[]): unknown => {
        if (rest.length > 0 || typeof key !== 'string') return resolve(key, ...rest);
        let text = plain.get(key);
        if (text === undefined) plain.set(key, (text = resolve(key)));
        return text;
      };
      this.fixed.set(locale, (t = memo as unknown as TFunction));
    }
    return t;
  }

  /** An array resource (for instance the words that open a menu entry), empty when missing. */
  list(locale: Locale, key: string): readonly string[] {
    const cacheKey = `${locale}\u0000${key}`;
    let list = this.lists.get(cacheKey);
    if (!list) {
      const value = this.t(locale)(key, { returnObjects: true, defaultValue: [] }) as unknown;
      // Frozen: every caller shares the one copy.
      list = Object.freeze(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
      this.lists.set(cacheKey, list);
    }
    return list;
  }

  /** The same array resource in every locale, for matching input whatever language is set. */
  listAll(key: string): readonly string[] {
    const cacheKey = `*\u0000${key}`;
    let list = this.lists.get(cacheKey);
    if (!list) this.lists.set(cacheKey, (list = Object.freeze(LOCALES.flatMap((locale) => this.list(locale, key)))));
    return list;
  }
}

/**
 * One namespace file of a locale, `content/locales/<locale>/<namespace>.json`, as written (the inbox
 * pages send them to the browser whole).
 * @param localesDir - override for tests.
 */
export function readLocaleNamespace(locale: string, namespace: string, localesDir: string = projectPath('content', 'locales')): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(localesDir, locale, `${namespace}.json`), 'utf8')) as Record<string, unknown>;
}

/**
 * Loads every namespace file under `content/locales` into a fresh i18next instance.
 * @param localesDir - override for tests.
 */
export async function createTexts(localesDir: string = projectPath('content', 'locales')): Promise<Texts> {
  const resources: Resource = {};
  const namespaces = new Set<string>();
  for (const locale of LOCALES) {
    const language: ResourceLanguage = {};
    resources[locale] = language;
    const dir = path.join(localesDir, locale);
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const ns = path.basename(file, '.json');
      namespaces.add(ns);
      language[ns] = readLocaleNamespace(locale, ns, localesDir) as ResourceLanguage;
    }
  }
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: 'vi',
    fallbackLng: 'vi',
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return new Texts(instance);
}
