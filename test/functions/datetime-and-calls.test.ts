import { describe, expect, it } from 'vitest';
import { FunctionError } from '../../src/model/errors.js';
import { SourceFile } from '../../src/model/source.js';
import { Unknown, type Value } from '../../src/model/value.js';
import { functions } from '../../src/loaders/terraform/functions/index.js';
import { call, callError, ctx, unknown } from './helpers.js';

describe('time functions', () => {
  it.each([
    ['DD MMM YYYY hh:mm ZZZ', '2018-01-02T23:12:01Z', '02 Jan 2018 23:12 UTC'],
    ['EEEE, DD-MMM-YY hh:mm:ss ZZZ', '2018-01-02T23:12:01Z', 'Tuesday, 02-Jan-18 23:12:01 UTC'],
    ['EEE, DD MMM YYYY hh:mm:ss ZZZ', '2018-01-02T23:12:01-08:00', 'Tue, 02 Jan 2018 23:12:01 -0800'],
    ['MMM DD, YYYY', '2018-01-02T23:12:01Z', 'Jan 02, 2018'],
    ['HH:mmaa', '2018-01-02T23:12:01Z', '11:12pm'],
    ["h'h'mm", '2018-01-02T23:12:01-08:00', '23h12'],
    ["H 'o''clock'", '2018-01-02T23:12:01-08:00', "11 o'clock"],
    ['Z|ZZZZ|ZZZZZ|M/D h:m:s|AA', '2018-03-04T05:06:07+05:30', '+05:30|+0530|+05:30|3/4 5:6:7|AM'],
    ["''|MMMM", '2018-12-31T12:00:00.123Z', "'|December"],
  ])('formatdate(%j, %j)', (spec, time, want) => {
    expect(call('formatdate', spec, time)).toBe(want);
  });

  it.each([
    ['2017-11-22T00:00:00Z', '10m', '2017-11-22T00:10:00Z'],
    ['2017-11-22T00:00:00Z', '-1h30m', '2017-11-21T22:30:00Z'],
    ['2017-11-22T00:00:00+02:00', '1.5h', '2017-11-22T01:30:00+02:00'],
    ['2017-11-22T00:00:00.5Z', '500ms', '2017-11-22T00:00:01Z'],
    ['2020-02-28T23:00:00Z', '24h', '2020-02-29T23:00:00Z'],
  ])('timeadd(%j, %j)', (ts, dur, want) => {
    expect(call('timeadd', ts, dur)).toBe(want);
  });

  it.each([
    ['2017-11-22T00:00:00Z', '2017-11-22T00:00:00Z', 0],
    ['2017-11-22T00:00:00Z', '2017-11-22T01:00:00Z', -1],
    ['2017-11-22T01:00:00Z', '2017-11-22T00:00:00Z', 1],
    ['2017-11-22T01:00:00Z', '2017-11-22T00:00:00-01:00', 0],
  ])('timecmp(%j, %j)', (a, b, want) => {
    expect(call('timecmp', a, b)).toBe(want);
  });

  it.each([
    ['formatdate', ['YYY', '2018-01-02T23:12:01Z'], 'Invalid value for "format" parameter: invalid date format verb "YYY": year must either be "YY" or "YYYY".'],
    ['formatdate', ["'abc", '2018-01-02T23:12:01Z'], 'Invalid value for "format" parameter: unterminated literal \'.'],
    ['formatdate', ['Q', '2018-01-02T23:12:01Z'], 'Invalid value for "format" parameter: invalid date format verb "Q".'],
    ['formatdate', ['YYYY', '2018-01-02'], 'Invalid value for "time" parameter: not a valid RFC3339 timestamp: cannot parse "2018-01-02".'],
    ['timeadd', ['2017-11-22T00:00:00Z', '1d'], 'Call to function "timeadd" failed: time: unknown unit "d" in duration "1d".'],
    ['timeadd', ['2017-11-22T00:00:00Z', '10'], 'Call to function "timeadd" failed: time: missing unit in duration "10".'],
    ['timeadd', ['2017-11-22T00:00:00Z', 'x'], 'Call to function "timeadd" failed: time: invalid duration "x".'],
    ['timeadd', ['2017-13-22T00:00:00Z', '1h'], 'Call to function "timeadd" failed: not a valid RFC3339 timestamp: month out of range.'],
  ] as [string, Value[], string][])('%s(%j) fails', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });
});

describe('the calling convention', () => {
  const u = unknown();

  it('offers every Terraform built-in except try and can', () => {
    const expected = `abs abspath alltrue anytrue base64decode base64encode base64gzip base64sha256 base64sha512 basename bcrypt ceil chomp
      chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist compact concat contains csvdecode dirname distinct element
      endswith ephemeralasnull file filebase64 filebase64sha256 filebase64sha512 fileexists filemd5 fileset filesha1 filesha256 filesha512
      flatten floor format formatdate formatlist indent index issensitive join jsondecode jsonencode keys length log lookup lower matchkeys
      max md5 merge min nonsensitive one parseint pathexpand plantimestamp pow range regex regexall replace reverse rsadecrypt sensitive
      setintersection setproduct setsubtract setunion sha1 sha256 sha512 signum slice sort split startswith strcontains strrev substr sum
      templatefile templatestring textdecodebase64 textencodebase64 timeadd timecmp timestamp title tobool tolist tomap tonumber toset tostring transpose
      trim trimprefix trimspace trimsuffix upper urlencode uuid uuidv5 values yamldecode yamlencode zipmap`.split(/\s+/);
    expect([...functions.keys()].sort()).toEqual(expected.sort());
    expect(functions.has('try')).toBe(false);
    expect(functions.has('can')).toBe(false);
  });

  it('checks the number of arguments before anything else', () => {
    expect(callError('upper', u, u)).toBe('Function "upper" expects only 1 argument(s).');
    expect(callError('cidrsubnets')).toBe('Function "cidrsubnets" expects at least 1 argument(s). Missing value for "prefix".');
  });

  it('converts primitive arguments as Terraform does', () => {
    expect(call('upper', 5)).toBe('5');
    expect(call('upper', true)).toBe('TRUE');
    expect(call('upper', 1e21)).toBe('1000000000000000000000');
    expect(call('abs', '-3')).toBe(3);
    expect(callError('abs', 'three')).toBe('Invalid value for "num" parameter: a number is required.');
    expect(callError('abs', [1])).toBe('Invalid value for "num" parameter: number required, but have tuple.');
  });

  it('refuses null where Terraform does, after type errors on other arguments', () => {
    expect(callError('trimprefix', null, 'x')).toBe('Invalid value for "str" parameter: argument must not be null.');
    expect(callError('trimprefix', null, [])).toBe('Invalid value for "prefix" parameter: string required, but have tuple.');
  });

  it('returns the first unknown argument itself, with its reason, location and reference', () => {
    const at = { file: new SourceFile('main.tf', 'x = aws_subnet.a.id'), start: 4, end: 19 };
    const first = new Unknown('aws_subnet.a.id is known only after apply', at, 'aws_subnet.a');
    const second = unknown('var.x');
    const r = call('trimprefix', first, second);
    expect(r).toBe(first);
    expect((r as Unknown).ref).toBe('aws_subnet.a');
    expect((r as Unknown).at).toBe(at);
  });

  it('throws FunctionError and nothing else for bad arguments', () => {
    const fn = functions.get('cidrsubnet')!;
    expect(() => fn(['10.0.0.0/8', 40, 0], ctx)).toThrow(FunctionError);
  });

  it('normalises string results to NFC', () => {
    expect(call('join', '', ['e', '\u0301'])).toBe('\u00e9');
  });
});
