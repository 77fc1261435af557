/** The input options that lint, inventory and path share, and the date of a lint run, as the command line parses them. */
import { describe, expect, it } from 'vitest';
import { gridfence } from '../support/cli.js';
import { writeTree } from '../support/files.js';

describe('input options', () => {
  it('--cfn-param sets a template parameter; a malformed one is a usage error', () => {
    const open = gridfence(['lint', 'fixtures/cfn/nested', '--rule', 'ingress-from-declared-sources', '--format', 'json']);
    expect(open.code).toBe(1);
    const narrowed = gridfence(['lint', 'fixtures/cfn/nested', '--rule', 'ingress-from-declared-sources', '--cfn-param', 'AdminCidr=10.50.250.0/24']);
    expect(narrowed.code).toBe(0);
    const bad = gridfence(['lint', 'fixtures/cfn/nested', '--cfn-param', 'AdminCidr']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cfn-param expects NAME=VALUE, got "AdminCidr"');
  });

  it('--var and --var-file apply in command-line order, the later winning, as in Terraform', () => {
    const dir = writeTree({
      'main.tf': 'variable "admin_cidr" {\n  type = string\n}\nvariable "port" {\n  default = 22\n}\n',
      'ci.tfvars': 'admin_cidr = "0.0.0.0/0"\nport = 2222\n',
    });
    const values = (args: string[]) => {
      const r = gridfence(['inventory', '.', ...args, '--format', 'json'], dir);
      expect(r.stderr).toBe('');
      return (JSON.parse(r.stdout).variables as Array<{ address: string; origin: string; value: unknown }>).map((v) => [v.address, v.origin, v.value]);
    };
    expect(values(['--var', 'admin_cidr=10.0.0.0/8', '--var-file', 'ci.tfvars'])).toEqual([
      ['var.admin_cidr', 'ci.tfvars', '0.0.0.0/0'],
      ['var.port', 'ci.tfvars', 2222],
    ]);
    expect(values(['--var-file=ci.tfvars', '--var=admin_cidr=10.0.0.0/8', '--var', 'port=23'])).toEqual([
      ['var.admin_cidr', '--var', '10.0.0.0/8'],
      ['var.port', '--var', '23'],
    ]);
  });

  it('--input-format reads one format only, and takes only the formats gridfence knows', () => {
    const r = gridfence(['inventory', 'fixtures/four-ways', '--input-format', 'terraform', '--format', 'json']);
    expect(r.code).toBe(0);
    const files = new Set((JSON.parse(r.stdout).resources as Array<{ location: { file: string } }>).map((x) => x.location.file.split('/')[2]));
    expect(files).toEqual(new Set(['hcl', 'tfjson']));
    const bad = gridfence(['inventory', 'fixtures/four-ways', '--input-format', 'pulumi']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/argument 'pulumi' is invalid/);
  });

  it('--now pins the date of attestations; an impossible date is a usage error', () => {
    const before = gridfence(['lint', 'examples/vpp-aggregator', '--rule', 'partner-attestation', '--now', '2030-03-31']);
    expect(before.code).toBe(0);
    const after = gridfence(['lint', 'examples/vpp-aggregator', '--rule', 'partner-attestation', '--now', '2030-04-01']);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('its attestation expired on 2030-03-31');
    const bad = gridfence(['lint', 'examples/vpp-aggregator', '--now', '2030-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--now expects a date YYYY-MM-DD, got "2030-02-30"');
  });
});
