import type { Lang } from '../model/finding.js';

/** --lang default: Japanese when the locale says so (LC_ALL, LC_MESSAGES, LANG), else English. */
export function defaultLang(): Lang {
  const env = process.env;
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^ja\b|^ja_/i.test(locale) ? 'ja' : 'en';
}
