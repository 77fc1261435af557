/**
 * Time functions. Timestamps are RFC 3339 strings, kept with their own UTC offset; arithmetic is
 * in whole nanoseconds, as Go's time package does it. timestamp() and plantimestamp() are Unknown:
 * their values exist only when Terraform runs.
 */
import { Unknown } from '../../../model/value.js';
import { ArgError, CallError, define } from './signature.js';
import type { TfFunction } from './types.js';
import { goQuote } from './unicode.js';
import { table } from '../../../model/table.js';

interface Time {
  /** Nanoseconds since the epoch. */
  instant: bigint;
  /** UTC offset in minutes. */
  offset: number;
}

const NS_PER_SECOND = 1_000_000_000n;

/** RFC 3339 as Go's time.RFC3339 layout reads it. */
function parseTime(s: string): Time | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return `not a valid RFC3339 timestamp: cannot parse ${goQuote(s)}`;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12) return 'not a valid RFC3339 timestamp: month out of range';
  if (day < 1 || day > dim) return 'not a valid RFC3339 timestamp: day out of range';
  if (hour > 23) return 'not a valid RFC3339 timestamp: hour must be between 0 and 23 inclusive';
  if (minute > 59 || second > 59) return 'not a valid RFC3339 timestamp: minute or second out of range';
  const zone = m[8]!;
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const fraction = m[7] ? BigInt(m[7].slice(1, 10).padEnd(9, '0')) : 0n;
  const localSeconds = BigInt(Date.UTC(year, month - 1, day, hour, minute, second) / 1000);
  return { instant: (localSeconds - BigInt(offset * 60)) * NS_PER_SECOND + fraction, offset };
}

/** The wall-clock fields of a time in its own offset. */
function fields(t: Time): { year: number; month: number; day: number; weekday: number; hour: number; minute: number; second: number } {
  const local = t.instant + BigInt(t.offset * 60) * NS_PER_SECOND;
  let seconds = local / NS_PER_SECOND;
  if (local % NS_PER_SECOND < 0n) seconds -= 1n;
  const d = new Date(Number(seconds) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function zone(t: Time, colon: boolean, zForUtc: boolean): string {
  if (zForUtc && t.offset === 0) return 'Z';
  const abs = Math.abs(t.offset);
  return `${t.offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

/** Go's time.RFC3339 output (no fractional seconds). */
function rfc3339(t: Time): string {
  const f = fields(t);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${zone(t, true, true)}`;
}

const UNITS: Record<string, bigint> = table({ ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: NS_PER_SECOND, m: 60n * NS_PER_SECOND, h: 3600n * NS_PER_SECOND });

/** Go's time.ParseDuration, in nanoseconds. */
function parseDuration(s: string): bigint | string {
  const invalid = `time: invalid duration ${goQuote(s)}`;
  let rest = s;
  let negative = false;
  if (rest[0] === '-' || rest[0] === '+') {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return invalid;
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (m[1] === '' && (m[2] ?? '') === '') return invalid;
    rest = rest.slice(m[0].length);
    const unitMatch = /^[^0-9.]+/.exec(rest);
    if (!unitMatch) return `time: missing unit in duration ${goQuote(s)}`;
    const unit = UNITS[unitMatch[0]];
    if (unit === undefined) return `time: unknown unit ${goQuote(unitMatch[0])} in duration ${goQuote(s)}`;
    rest = rest.slice(unitMatch[0].length);
    const frac = m[2] ?? '';
    total += BigInt(m[1] || '0') * unit + (frac === '' ? 0n : (BigInt(frac) * unit) / 10n ** BigInt(frac.length));
  }
  return negative ? -total : total;
}

function timeArg(s: string, index: number, asArgError: boolean): Time {
  const t = parseTime(s);
  if (typeof t === 'string') throw asArgError ? new ArgError(index, t) : new CallError(t);
  return t;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** formatdate's tokens: runs of one letter, quoted literals ('' is a quote), and other text. */
function dateTokens(spec: string): string[] {
  const out: string[] = [];
  let i = 0;
  const isLetter = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
  while (i < spec.length) {
    const c = spec[i]!;
    let j = i + 1;
    if (c === "'") {
      if (spec[j] === "'") j++;
      else {
        for (; j < spec.length; j++) {
          if (spec[j] === "'") {
            if (spec[j + 1] === "'") {
              j++;
              continue;
            }
            j++;
            break;
          }
        }
      }
    } else if (isLetter(c)) {
      while (spec[j] === c) j++;
    } else {
      while (j < spec.length && spec[j] !== "'" && !isLetter(spec[j])) j++;
    }
    out.push(spec.slice(i, j));
    i = j;
  }
  return out;
}

function formatDate(spec: string, t: Time): string {
  const f = fields(t);
  let out = '';
  const bad = (tok: string, why?: string): ArgError => new ArgError(0, `invalid date format verb ${goQuote(tok)}${why ? `: ${why}` : ''}`);
  for (const tok of dateTokens(spec)) {
    const n = tok.length;
    const c = tok[0]!;
    if (c === "'") {
      if (n === 1 || tok[n - 1] !== "'") throw new ArgError(0, "unterminated literal '");
      out += n === 2 ? "'" : tok.slice(1, -1).replace(/''/g, "'");
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += tok;
      continue;
    }
    const num = (v: number, why: string): string => {
      if (n === 1) return String(v);
      if (n === 2) return pad(v);
      throw bad(tok, why);
    };
    switch (c) {
      case 'Y':
        if (n === 2) out += pad(f.year % 100);
        else if (n === 4) out += pad(f.year, 4);
        else throw bad(tok, 'year must either be "YY" or "YYYY"');
        break;
      case 'M':
        if (n <= 2) out += num(f.month, '');
        else if (n === 3) out += MONTHS[f.month - 1]!.slice(0, 3);
        else if (n === 4) out += MONTHS[f.month - 1]!;
        else throw bad(tok, 'month must be "M", "MM", "MMM", or "MMMM"');
        break;
      case 'D':
        out += num(f.day, 'day of month must either be "D" or "DD"');
        break;
      case 'E':
        if (n === 3) out += DAYS[f.weekday]!.slice(0, 3);
        else if (n === 4) out += DAYS[f.weekday]!;
        else throw bad(tok, 'day of week must either be "EEE" or "EEEE"');
        break;
      case 'h':
        out += num(f.hour, '24-hour must either be "h" or "hh"');
        break;
      case 'H':
        out += num(f.hour % 12 === 0 ? 12 : f.hour % 12, '12-hour must either be "H" or "HH"');
        break;
      case 'A':
      case 'a':
        if (n !== 2) throw bad(tok, `must be "${c}${c}"`);
        out += f.hour < 12 ? (c === 'A' ? 'AM' : 'am') : c === 'A' ? 'PM' : 'pm';
        break;
      case 'm':
        out += num(f.minute, 'minute must either be "m" or "mm"');
        break;
      case 's':
        out += num(f.second, 'second must either be "s" or "ss"');
        break;
      case 'Z':
        if (n === 1) out += zone(t, true, true);
        else if (n === 3) out += t.offset === 0 ? 'UTC' : zone(t, false, false);
        else if (n === 4) out += zone(t, false, false);
        else if (n === 5) out += zone(t, true, false);
        else throw bad(tok, 'timezone must be Z, ZZZZ, or ZZZZZ');
        break;
      default:
        throw bad(tok);
    }
  }
  return out;
}

const formatdate = define('formatdate', {
  params: [
    { name: 'format', type: 'string' },
    { name: 'time', type: 'string' },
  ],
  impl: ([spec, time]) => formatDate(spec as string, timeArg(time as string, 1, true)),
});

const timeadd = define('timeadd', {
  params: [
    { name: 'timestamp', type: 'string' },
    { name: 'duration', type: 'string' },
  ],
  impl: ([ts, dur]) => {
    const t = timeArg(ts as string, 0, false);
    const d = parseDuration(dur as string);
    if (typeof d === 'string') throw new CallError(d);
    return rfc3339({ instant: t.instant + d, offset: t.offset });
  },
});

const timecmp = define('timecmp', {
  params: [
    { name: 'timestamp_a', type: 'string' },
    { name: 'timestamp_b', type: 'string' },
  ],
  impl: ([a, b]) => {
    const x = timeArg(a as string, 0, true).instant;
    const y = timeArg(b as string, 1, true).instant;
    return x < y ? -1 : x > y ? 1 : 0;
  },
});

const timestamp = define('timestamp', {
  params: [],
  impl: () => new Unknown('timestamp() is known only at apply time'),
});

const plantimestamp = define('plantimestamp', {
  params: [],
  impl: () => new Unknown('plantimestamp() is known only when Terraform plans'),
});

export const datetimeFunctions: Record<string, TfFunction> = { formatdate, timeadd, timecmp, timestamp, plantimestamp };
