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

/**
 * Terraform's arithmetic operators compute with 512-bit binary floats and parse a literal such as
 * 0.29 to 512 bits, so the result of an operation on decimal literals is their decimal result to
 * about 150 digits: 0.29 * 100 is 29 (floor gives 29), 0.3 % 0.1 is 0, 0.1 + 0.2 == 0.3. Doubles
 * hold 0.29 as 0.28999999999999998, and double arithmetic gives 28.999999999999996, then 28.
 * gridfence keeps doubles, so it takes each operand as the shortest decimal that reads back as
 * that double (the literal as written, for a literal), computes exactly, and returns the double
 * nearest the exact result, which is the double nearest Terraform's value. Integer operands are
 * exact as doubles already; IEEE arithmetic on them is correctly rounded, so they skip this, as
 * do operands that are not short decimals (see below).
 */
export function decimalArithmetic(op: '+' | '-' | '*' | '/' | '%', a: number, b: number): number | undefined {
  if (!Number.isFinite(a) || !Number.isFinite(b) || (Number.isInteger(a) && Number.isInteger(b))) return undefined;
  if ((op === '/' || op === '%') && b === 0) return undefined;
  const x = scaled(a);
  const y = scaled(b);
  // A double whose shortest decimal has more than 15 digits is not a decimal as written but an
  // earlier inexact result (1 / 3 is 0.3333333333333333); IEEE arithmetic on it tracks Terraform
  // better (1 / 3 * 3 is 1 in both), so it is left to the caller.
  if (x.digits > 15 || y.digits > 15) return undefined;
  let m: bigint;
  let e: number;
  switch (op) {
    case '+':
    case '-': {
      e = Math.min(x.e, y.e);
      const xm = x.m * 10n ** BigInt(x.e - e);
      const ym = y.m * 10n ** BigInt(y.e - e);
      m = op === '+' ? xm + ym : xm - ym;
      break;
    }
    case '*':
      m = x.m * y.m;
      e = x.e + y.e;
      break;
    case '/': {
      // 120 significant digits and a sticky digit for a non-zero remainder round like the exact quotient.
      const k = Math.max(0, 120 + y.m.toString().length - x.m.toString().length);
      const n = x.m * 10n ** BigInt(k);
      m = n / y.m;
      e = x.e - y.e - k;
      if (n % y.m !== 0n) {
        m = m * 10n + (n < 0n !== y.m < 0n ? -1n : 1n);
        e -= 1;
      }
      break;
    }
    case '%': {
      // Go's remainder: a - b * trunc(a / b), with the sign of the dividend.
      e = Math.min(x.e, y.e);
      m = (x.m * 10n ** BigInt(x.e - e)) % (y.m * 10n ** BigInt(y.e - e));
      if (m === 0n) return a < 0 ? -0 : 0;
      break;
    }
  }
  if (m === 0n) return undefined;
  return Number(`${m}e${e}`);
}

/** A finite double's shortest decimal as m × 10^e, with its count of significant digits. */
function scaled(x: number): { m: bigint; e: number; digits: number } {
  const d = shortestDecimal(x);
  if (d.digits === '') return { m: 0n, e: 0, digits: 0 };
  const m = BigInt(d.digits);
  return { m: x < 0 ? -m : m, e: d.exp - d.digits.length, digits: d.digits.length };
}
