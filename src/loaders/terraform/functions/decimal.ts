/**
 * Decimal rendering of numbers the way Go's big.Float prints them, which is what Terraform shows:
 * `Text('f', -1)` for number-to-string conversion, and the %e/%f/%g verbs of `format`.
 * Shortest forms use the shortest decimal that round-trips (as JavaScript's own printing does);
 * explicit precisions round the exact binary value, ties to even, as Go does.
 */

/** A non-negative decimal: value = 0.digits × 10^exp. `digits` has no leading or trailing zeros ("" is zero). */
export interface Decimal {
  digits: string;
  exp: number;
}

export function shortestDecimal(x: number): Decimal {
  const a = Math.abs(x);
  if (a === 0) return { digits: '', exp: 0 };
  const s = a.toExponential();
  const e = s.indexOf('e');
  const digits = (s[0]! + s.slice(2, e)).replace(/0+$/, '');
  return { digits, exp: Number(s.slice(e + 1)) + 1 };
}

/** The exact decimal expansion of a finite double's magnitude. */
export function exactDecimal(x: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (mant === 0n && expBits === 0) return { digits: '', exp: 0 };
  let e2: number;
  if (expBits === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = expBits - 1075;
  }
  let digits: string;
  let exp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    exp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    exp = digits.length + e2;
  }
  return { digits: digits.replace(/0+$/, ''), exp };
}

/** Keeps `n` significant digits, rounding half to even on exact ties (Go's decimal.round). */
export function roundDecimal(d: Decimal, n: number): Decimal {
  const m = d.digits;
  if (n < 0 || n >= m.length) return d;
  const exactHalf = m[n] === '5' && n + 1 === m.length;
  const up = exactHalf ? n > 0 && (m.charCodeAt(n - 1) - 48) % 2 === 1 : m[n]! >= '5';
  if (!up) {
    const digits = m.slice(0, n).replace(/0+$/, '');
    return { digits, exp: digits === '' ? 0 : d.exp };
  }
  let i = n;
  while (i > 0 && m[i - 1] === '9') i--;
  if (i === 0) return { digits: '1', exp: d.exp + 1 };
  return { digits: m.slice(0, i - 1) + String.fromCharCode(m.charCodeAt(i - 1) + 1), exp: d.exp };
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i]! : '0';
}

/** ddd.ddd with `prec` fraction digits. */
function fixed(d: Decimal, prec: number): string {
  let out = '';
  if (d.exp > 0) {
    out = d.digits.slice(0, d.exp).padEnd(d.exp, '0');
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.exp + i);
  }
  return out;
}

/** d.ddde±dd with `prec` fraction digits. */
function scientific(d: Decimal, prec: number, e: 'e' | 'E'): string {
  let out = d.digits === '' ? '0' : d.digits[0]!;
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits === '' ? 0 : d.exp - 1;
  const abs = Math.abs(exp);
  return `${out}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

export type FloatVerb = 'e' | 'E' | 'f' | 'g' | 'G';

/** A number as formatting sees it: its sign, its exact decimal value, and its shortest decimal form. */
export interface DecimalNumber {
  negative: boolean;
  infinite: boolean;
  exact: Decimal;
  shortest: Decimal;
}

export function decimalOf(x: number): DecimalNumber {
  const infinite = !Number.isFinite(x);
  return {
    negative: x < 0,
    infinite,
    exact: infinite ? { digits: '', exp: 0 } : exactDecimal(x),
    shortest: infinite ? { digits: '', exp: 0 } : shortestDecimal(x),
  };
}

/** A decimal numeral read exactly (undefined if it is not one), for numbers given as strings. */
export function decimalOfText(s: string): DecimalNumber | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const all = m[2]! + (m[3] ?? '');
  const lead = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(lead).replace(/0+$/, '');
  const exp = digits === '' ? 0 : m[2]!.length - lead + Number(m[4] ?? '0');
  const d = { digits, exp };
  return { negative: m[1] === '-' && digits !== '', infinite: false, exact: d, shortest: d };
}

/** big.Float.Text(verb, prec): a negative `prec` asks for the shortest representation. */
export function formatDecimal(n: DecimalNumber, verb: FloatVerb, prec: number): string {
  if (n.infinite) return n.negative ? '-Inf' : '+Inf';
  const sign = n.negative ? '-' : '';
  let d: Decimal;
  let shortest = false;
  if (prec < 0) {
    shortest = true;
    d = n.shortest;
    if (verb === 'e' || verb === 'E') prec = d.digits.length - 1;
    else if (verb === 'f') prec = Math.max(d.digits.length - d.exp, 0);
    else prec = d.digits.length;
  } else {
    d = n.exact;
    if (verb === 'e' || verb === 'E') d = roundDecimal(d, 1 + prec);
    else if (verb === 'f') d = roundDecimal(d, d.exp + prec);
    else {
      if (prec === 0) prec = 1;
      d = roundDecimal(d, prec);
    }
  }
  if (verb === 'e' || verb === 'E') return sign + scientific(d, prec, verb);
  if (verb === 'f') return sign + fixed(d, prec);
  let eprec = prec;
  if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
  if (shortest) eprec = 6;
  const exp = d.exp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > d.digits.length) prec = d.digits.length;
    return sign + scientific(d, prec - 1, verb === 'g' ? 'e' : 'E');
  }
  if (prec > d.exp) prec = d.digits.length;
  return sign + fixed(d, Math.max(prec - d.exp, 0));
}

export function formatFloat(x: number, verb: FloatVerb, prec: number): string {
  return formatDecimal(decimalOf(x), verb, prec);
}

/** Terraform's string form of a number: no exponent, no trailing zeros, e.g. 1e21 → "1000000000000000000000". */
export function formatNumber(x: number): string {
  return formatFloat(x, 'f', -1);
}
