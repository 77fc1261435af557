/** Place words in messages follow the language; the data and the fingerprint do not. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { placeWords } from '../../src/linter/place-words.js';
import { repoRoot } from '../support/files.js';

describe('place words', () => {
  it('are rewritten for Japanese only', () => {
    const data = { origin: 'the internet', other: 'zone core', ext: 'external network ra-north', via: 'ra-north (over the internet)', host: 'aws_instance.web (zone web)', none: 'an undeclared network' };
    expect(placeWords(data, 'en')).toBe(data);
    expect(placeWords(data, 'ja')).toEqual({ origin: 'インターネット', other: 'ゾーン core', ext: '接続先ネットワーク ra-north', via: 'ra-north（インターネット経由）', host: 'aws_instance.web（ゾーン web）', none: '宣言されていないネットワーク' });
  });

  it('say a resource in no declared zone is in no zone in Japanese, as a zone value of undeclared is', () => {
    expect(placeWords({ target: 'aws_instance.plc (zone undeclared)', zone: 'undeclared' }, 'ja')).toEqual({ target: 'aws_instance.plc（ゾーン未宣言）', zone: '未宣言' });
  });

  it('leave the finding data and fingerprint as they are in every language', () => {
    const run = (lang: 'en' | 'ja') =>
      lint({ paths: [path.join(repoRoot, 'fixtures/four-ways/hcl')], cwd: repoRoot, config: path.join(repoRoot, 'fixtures/four-ways/gridfence.yaml'), vars: [], varFiles: [], lang, only: ['management-access-restricted'], today: '2026-11-29' }).findings[0]!;
    const en = run('en');
    const ja = run('ja');
    expect(en.data['origin']).toBe('the internet');
    expect(ja.data).toEqual(en.data);
    expect(ja.fingerprint).toBe(en.fingerprint);
    expect(ja.message).toBe('web ゾーンの aws_instance.web の tcp/22（SSH）に、管理ゾーンではないインターネットから到達できます');
  });
});
