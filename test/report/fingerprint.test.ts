/**
 * Fingerprints (SARIF partialFingerprints["gridfence/v1"], JSON `fingerprint`): rule, resource,
 * message id and the language-neutral message data, with no line numbers. Edits elsewhere that move
 * a finding leave it; a change to the setting the finding is about gives a new one.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../support/rule-tester.js';

const group = (port: number) => `resource "aws_security_group" "web" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    protocol    = "tcp"
    from_port   = ${port}
    to_port     = ${port}
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
const fingerprints = (main: string, lang: 'en' | 'ja' = 'en') => lintFiles('ingress-from-declared-sources', { 'main.tf': main }, { lang }).findings.map((f) => ({ fp: f.fingerprint, line: f.location.line }));

describe('fingerprints', () => {
  it('survive lines added above the finding, and the language of the report', () => {
    const before = fingerprints(group(443));
    const shifted = fingerprints(`# the web tier\n\nlocals {\n  tier = "web"\n}\n\n${group(443)}`);
    expect(before).toHaveLength(1);
    expect(shifted.map((f) => f.fp)).toEqual(before.map((f) => f.fp));
    expect(shifted[0]!.line).toBe(before[0]!.line + 6);
    expect(fingerprints(group(443), 'ja').map((f) => f.fp)).toEqual(before.map((f) => f.fp));
  });

  it("change when the finding's own rule changes", () => {
    expect(fingerprints(group(8443))[0]!.fp).not.toBe(fingerprints(group(443))[0]!.fp);
  });

  it('tell apart the same address in two root modules read in one run, in every language; one root keeps its own', () => {
    const single = fingerprints(group(443));
    const two = (lang: 'en' | 'ja') =>
      lintFiles('ingress-from-declared-sources', { 'envs/dev/main.tf': group(443), 'envs/prod/main.tf': group(443) }, { lang }).findings.map((f) => [f.location.file, f.fingerprint]);
    const en = two('en');
    expect(en.map(([file]) => file)).toEqual(['envs/dev/main.tf', 'envs/prod/main.tf']);
    expect(new Set(en.map(([, fp]) => fp)).size).toBe(2);
    expect(two('ja')).toEqual(en);
    // A root alone, as most runs read, keeps the fingerprint it always had.
    expect(lintFiles('ingress-from-declared-sources', { 'envs/dev/main.tf': group(443) }).findings.map((f) => f.fingerprint)).toEqual(single.map((f) => f.fp));
  });
});
