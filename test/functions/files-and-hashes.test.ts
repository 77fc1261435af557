import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Unknown, type Value } from '../../src/model/value.js';
import { call, callError, files, obj, plain, rendered, unknown } from './helpers.js';

type Case = [string, Value[], unknown];
const u = unknown();

describe('hash and UUID functions', () => {
  const cases: Case[] = [
    ['md5', ['hello world'], '5eb63bbbe01eeed093cb22bb8f5acdc3'],
    ['sha1', ['hello world'], '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
    ['sha256', ['hello world'], 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'],
    [
      'sha512',
      ['hello world'],
      '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
    ],
    ['base64sha256', ['hello world'], 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
    ['base64sha512', ['hello world'], 'MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=='],
    ['md5', [''], 'd41d8cd98f00b204e9800998ecf8427e'],
    ['uuidv5', ['dns', 'www.opentofu.org'], 'df1e675d-b743-5f6c-9952-6311d0f141df'],
    ['uuidv5', ['url', 'https://www.opentofu.org/'], 'ace93eea-1a2c-5eed-b41b-718be15d2e50'],
    ['uuidv5', ['oid', '1.3.6.1.4'], 'af9d40a5-7a36-5c07-b23a-851cd99fbfa5'],
    ['uuidv5', ['x500', 'CN=Example,C=GB'], '84e09961-4aa4-57f8-95b7-03edb1073253'],
    ['uuidv5', ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.opentofu.org'], 'df1e675d-b743-5f6c-9952-6311d0f141df'],
    ['uuidv5', ['743ac3c0-3bf7-4a5b-9e6c-59360447c757', 'LIBS:diskfont.library'], 'ede1a974-df7e-5f17-84b9-76208818b2c8'],
    ['uuidv5', ['{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}', 'www.opentofu.org'], 'df1e675d-b743-5f6c-9952-6311d0f141df'],
    ['uuidv5', ['urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.opentofu.org'], 'df1e675d-b743-5f6c-9952-6311d0f141df'],
    ['uuidv5', ['6ba7b8109dad11d180b400c04fd430c8', 'www.opentofu.org'], 'df1e675d-b743-5f6c-9952-6311d0f141df'],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  it('hashes the UTF-8 bytes of the NFC form of a string, as cty holds it', () => {
    expect(call('sha256', '☃')).toBe(createHash('sha256').update(Buffer.from('☃', 'utf8')).digest('hex'));
    expect(call('md5', 'e\u0301')).toBe(call('md5', '\u00e9'));
  });

  it.each([
    ['uuidv5', ['nope', 'x'], "Call to function \"uuidv5\" failed: uuidv5() doesn't support namespace nope (invalid UUID length: 4)."],
    ['uuidv5', ['6ba7b810-9dad-11d1-80b4-00c04fd430cX', 'x'], "Call to function \"uuidv5\" failed: uuidv5() doesn't support namespace 6ba7b810-9dad-11d1-80b4-00c04fd430cX (invalid UUID format)."],
    ['bcrypt', ['a', 10, 11], 'Call to function "bcrypt" failed: bcrypt() takes no more than two arguments.'],
  ] as [string, Value[], string][])('%s(%j) fails', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });

  it('leaves impure functions unknown', () => {
    expect(plain(call('uuid'))).toEqual({ unknown: 'uuid() is known only at apply time: it returns a new random value on every run' });
    expect(plain(call('bcrypt', 'hello world'))).toEqual({ unknown: 'bcrypt() is known only at apply time: its salt is random' });
    expect(plain(call('timestamp'))).toEqual({ unknown: 'timestamp() is known only at apply time' });
    expect(call('plantimestamp')).toBeInstanceOf(Unknown);
    expect(call('rsadecrypt', 'abc', 'key')).toBeInstanceOf(Unknown);
    expect(callError('uuid', 1)).toBe('Function "uuid" expects only 0 argument(s).');
  });

  it('is unknown when its input is', () => {
    for (const name of ['md5', 'sha1', 'sha256', 'sha512', 'base64sha256', 'base64sha512', 'base64encode', 'urlencode']) expect(call(name, u)).toBe(u);
    expect(call('uuidv5', 'dns', u)).toBe(u);
  });
});

describe('file and path functions', () => {
  const cases: Case[] = [
    ['file', ['hello.txt'], 'Hello World'],
    ['filebase64', ['hello.txt'], 'SGVsbG8gV29ybGQ='],
    ['fileexists', ['hello.txt'], true],
    ['fileexists', ['nope.txt'], false],
    ['filemd5', ['hello.txt'], 'b10a8db164e0754105b7a99be72e3fe5'],
    ['filesha1', ['hello.txt'], '0a4d55a8d778e5022fab701977c5d840bbc486d0'],
    ['filesha256', ['hello.txt'], 'a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e'],
    ['filebase64sha256', ['hello.txt'], 'pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4='],
    ['filebase64', ['latin1.bin'], '//4A'],
    ['basename', ['foo/bar/baz.txt'], 'baz.txt'],
    ['basename', ['foo/bar/'], 'bar'],
    ['basename', ['/'], '/'],
    ['basename', [''], '.'],
    ['dirname', ['foo/bar/baz.txt'], 'foo/bar'],
    ['dirname', ['baz.txt'], '.'],
    ['dirname', ['/baz.txt'], '/'],
    ['dirname', ['foo//bar/../baz/x'], 'foo/baz'],
    ['dirname', [''], '.'],
    ['abspath', ['/a/b/../c/'], '/a/c'],
    ['pathexpand', ['/etc/resolv.conf'], '/etc/resolv.conf'],
    ['pathexpand', ['relative/~x'], 'relative/~x'],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  it.each([
    [
      'file',
      ['missing.txt'],
      'Invalid value for "path" parameter: no file exists at "missing.txt"; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource.',
    ],
    ['filesha256', ['missing.txt'], 'Call to function "filesha256" failed: open missing.txt: no such file or directory.'],
    ['templatefile', ['hello.txt', ['a']], 'Invalid value for "vars" parameter: invalid vars value: must be a map.'],
    [
      'templatefile',
      ['hello.txt', obj({ 'not valid': 1 })],
      'Invalid value for "vars" parameter: invalid template variable name "not valid": must start with a letter, followed by zero or more letters, digits, and underscores.',
    ],
    ['pathexpand', ['~bob/x'], 'Call to function "pathexpand" failed: cannot expand user-specific home dir.'],
    ['fileset', ['.'], 'Function "fileset" expects 2 argument(s). Missing value for "pattern".'],
  ] as [string, Value[], string][])('%s(%j) fails', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });

  it('renders templates through the evaluator', () => {
    rendered.length = 0;
    const vars = obj({ port: 8080, ip_addrs: ['10.0.0.1', '10.0.0.2'], 'dash-ok': 1 });
    expect(call('templatefile', 'backends.tftpl', vars)).toBe('rendered backends.tftpl');
    expect(rendered).toHaveLength(1);
    expect(rendered[0]!.text).toBe(new TextDecoder().decode(files.get('backends.tftpl')));
    expect(rendered[0]!.vars).toBe(vars);
  });

  it('is unknown where the machine decides', () => {
    expect(plain(call('abspath', 'a/b'))).toEqual({ unknown: 'abspath("a/b") depends on the working directory of the machine running Terraform' });
    expect(plain(call('pathexpand', '~/.ssh/id_rsa'))).toEqual({ unknown: 'pathexpand("~/.ssh/id_rsa") depends on the home directory of the machine running Terraform' });
    expect(call('file', '~/x')).toBeInstanceOf(Unknown);
    expect(call('fileset', '.', '*.txt')).toBeInstanceOf(Unknown);
  });

  it('is unknown when the path or the variables are', () => {
    for (const name of ['file', 'filebase64', 'fileexists', 'filemd5', 'basename', 'dirname', 'abspath']) expect(call(name, u)).toBe(u);
    expect(call('templatefile', u, obj({}))).toBe(u);
    expect(call('templatefile', 'backends.tftpl', u)).toBe(u);
  });
});
