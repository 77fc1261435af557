/** `gridfence path` end to end on the bundled example: the dispatch channel hop by hop, and a blocked path. */
import { describe, expect, it } from 'vitest';
import { gridfence } from '../support/cli.js';
import { writeTree } from '../support/files.js';
import { CHANNEL_EGRESS, DISPATCH_YAML, dispatchRoutes, NETWORK, networkAcl, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';

const EXAMPLE = 'examples/vpp-aggregator';

describe('gridfence path', () => {
  it('answers in Japanese with --lang ja: hops, what lets the packet through, the blocking settings', () => {
    const r = gridfence(['path', EXAMPLE, '--from', 'dispatch', '--to', 'dispatch-system', '--lang', 'ja']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dispatch から dispatch-system へのフロー 1 件（全プロトコル）:');
    expect(r.stdout).toMatch(/module\.sg\["ven"\]\.aws_security_group\.this egress\[0\] が 203\.0\.113\.10\/32 への tcp\/443 を許可 {2}examples\/vpp-aggregator\/modules\/zone-sg\/main\.tf:\d+:\d+/);
    expect(r.stdout).toContain('aws_nat_gateway.dmz が送信元を自身のアドレス（インターネット上の 198.51.100.10/32）に変換します');
    expect(r.stdout).not.toMatch(/\b(route|deliver|send|allows|flows?|port|to the internet)\b/);
    const blocked = gridfence(['path', EXAMPLE, '--from', 'internet', '--to', 'aws_instance.log_collector', '--protocol', 'tcp', '--port', '22', '--lang', 'ja']);
    expect(blocked.stdout).toContain('インターネットから aws_instance.log_collector へのフローはありません（tcp/22）。');
    expect(blocked.stdout).toContain('aws_instance.log_collector にパブリックアドレスがありません');
    // The JSON answer is for tools: the same in every language.
    const json = (lang: string) => gridfence(['path', EXAMPLE, '--from', 'dispatch', '--to', 'dispatch-system', '--format', 'json', '--lang', lang]).stdout;
    expect(json('ja')).toBe(json('en'));
  });

  it('shows the dispatch channel from the dispatch link to the dispatch system, hop by hop', () => {
    const r = gridfence(['path', EXAMPLE, '--from', 'dispatch', '--to', 'dispatch-system']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 flow from dispatch to dispatch-system (any protocol):');
    const hops = r.stdout
      .split('\n')
      .filter((l) => /^ {2}\d+\. /.test(l))
      .map((l) => l.replace(/^ {2}\d+\. (\S+).*$/, '$1'));
    expect(hops).toEqual([
      'aws_instance.ven',
      'aws_subnet.zone["dispatch"]',
      'aws_nat_gateway.dmz',
      'aws_nat_gateway.dmz',
      'aws_subnet.zone["dmz_a"]',
      'aws_internet_gateway.main',
      'dispatch-system',
    ]);
    // Each hop names what let the packet through and where it is written.
    expect(r.stdout).toMatch(/module\.sg\["ven"\]\.aws_security_group\.this egress\[0\] allows tcp\/443 to 203\.0\.113\.10\/32 {2}examples\/vpp-aggregator\/modules\/zone-sg\/main\.tf:\d+:\d+/);
    expect(r.stdout).toMatch(/route 203\.0\.113\.10\/32 → aws_nat_gateway\.dmz \(aws_route_table\.zone\["dispatch"\]\) {2}examples\/vpp-aggregator\/network\.tf:140:1/);
    expect(r.stdout).toContain('translates the source to its own address (198.51.100.10/32 on the internet)');
    expect(r.stdout).toMatch(/route 0\.0\.0\.0\/0 → aws_internet_gateway\.main \(aws_route_table\.zone\["dmz"\]\) {2}examples\/vpp-aggregator\/network\.tf:101:1/);
  });

  it('answers internet → dispatch link with the blocked path and every setting that blocks it', () => {
    const r = gridfence(['path', EXAMPLE, '--from', 'internet', '--to', 'dispatch', '--port', '443', '--protocol', 'tcp', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reachable).toBe(false);
    expect(j.flows).toEqual([]);
    expect(j.blocked.destination).toBe('aws_instance.ven');
    expect(j.blocked.trace.map((h: { node: string }) => h.node)).toEqual(['internet', 'aws_internet_gateway.main', 'aws_instance.ven']);
    const last = j.blocked.trace[2];
    expect(last.packet).toBe('tcp/443 8.8.8.8 → 10.10.1.1');
    expect(last.blockedBy.map((b: { code: string }) => b.code)).toEqual(['IGW_NO_PUBLIC_IP', 'IGW_NO_RETURN_ROUTE', 'SG_NO_MATCH']);
    expect(last.blockedBy[0].location).toMatchObject({ file: 'examples/vpp-aggregator/compute.tf', line: 15, column: 1 });
  });

  it('an --output that cannot be written is a usage error naming it (exit 2), not an internal error', () => {
    const r = gridfence(['path', EXAMPLE, '--from', 'dispatch', '--to', 'dispatch-system', '-o', 'missing-dir/path.txt']);
    expect([r.code, r.stderr.trim()]).toEqual([2, 'gridfence: --output missing-dir/path.txt: cannot write it (ENOENT)']);
  });

  it('an input error is reported at its file, line and column, one line each, exit 2', () => {
    const dir = writeTree({
      'gridfence.yaml': 'version: 1\nhosts:\n  gw:\n    config: fw.rules\n    interfaces:\n      eth0: { address: 10.1.0.1/24 }\n',
      'fw.rules': '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.0/33 -j ACCEPT\nCOMMIT\n',
    });
    const r = gridfence(['path', '.', '--from', '10.1.0.0/24', '--to', 'internet'], dir);
    expect([r.code, r.stderr]).toEqual([2, 'fw.rules:3:13: error: "10.0.0.0/33" is not an address or prefix [iptables]\n']);
  });

  it('where no connection arrives, shows the datagrams that do, one way, in both languages and in JSON', () => {
    const snmp = sgRule('ingress', 'udp', 161, 161, '0.0.0.0/0');
    const repliesToVpcOnly = networkAcl('dispatch', 'dispatch', [[100, 'udp', 161, 161, '0.0.0.0/0']], [[100, 'udp', 1024, 65535, '10.10.0.0/16']]);
    const dir = writeTree({ 'main.tf': NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', snmp, CHANNEL_EGRESS) + ven('true') + repliesToVpcOnly, 'gridfence.yaml': DISPATCH_YAML });
    const j = JSON.parse(gridfence(['path', '.', '--from', 'internet', '--to', 'dispatch', '--format', 'json'], dir).stdout);
    expect(j.reachable).toBe(true);
    expect(j.flows).toEqual([expect.objectContaining({ source: 'internet', destination: 'aws_instance.ven', oneWay: true, certainty: 'definite', flow: expect.objectContaining({ protocol: 'udp', ports: '161' }) })]);
    expect(j.flows[0].trace.map((h: { node: string }) => h.node)).toEqual(['internet', 'aws_internet_gateway.main', 'aws_instance.ven']);
    expect(gridfence(['path', '.', '--from', 'internet', '--to', 'dispatch'], dir).stdout).toContain('internet → aws_instance.ven: udp the internet → 10.10.1.10/32, port 161 (one way: the packets arrive without a connection; no reply is needed)');
    expect(gridfence(['path', '.', '--from', 'internet', '--to', 'dispatch', '--lang', 'ja'], dir).stdout).toContain('（一方向：接続なしにパケットが到達します。応答は必要ありません）');
    // Asked for TCP alone, nothing arrives: the blocked path names the ACL that drops the reply.
    const tcp = JSON.parse(gridfence(['path', '.', '--from', 'internet', '--to', 'dispatch', '--protocol', 'tcp', '--format', 'json'], dir).stdout);
    expect(tcp.reachable).toBe(false);
    expect(tcp.blocked.trace.flatMap((h: { blockedBy?: Array<{ code: string }> }) => (h.blockedBy ?? []).map((b) => b.code))).toContain('NACL_RETURN_DENY');
  });

  it('beside a connection, the datagrams of other protocols that arrive only one way are shown too', () => {
    const admit = [sgRule('ingress', 'tcp', 443, 443, '0.0.0.0/0'), sgRule('ingress', 'udp', 161, 161, '0.0.0.0/0')];
    // In: HTTPS and SNMP from anywhere; out: the HTTPS replies anywhere, udp replies to the VPC only.
    const acl = networkAcl('dispatch', 'dispatch', [[100, 'tcp', 443, 443, '0.0.0.0/0'], [110, 'udp', 161, 161, '0.0.0.0/0']], [[100, 'tcp', 1024, 65535, '0.0.0.0/0'], [110, 'udp', 1024, 65535, '10.10.0.0/16']]);
    const dir = writeTree({ 'main.tf': NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', ...admit, CHANNEL_EGRESS) + ven('true') + acl, 'gridfence.yaml': DISPATCH_YAML });
    const j = JSON.parse(gridfence(['path', '.', '--from', 'internet', '--to', 'dispatch', '--format', 'json'], dir).stdout);
    expect(j.flows.map((f: { flow: { protocol: string; ports: string }; oneWay?: boolean; certainty: string }) => [f.flow.protocol, f.flow.ports, f.oneWay ?? false, f.certainty])).toEqual([
      ['tcp', '443', false, 'definite'],
      ['udp', '161', true, 'definite'],
    ]);
  });

  it('says so when no route leads there at all', () => {
    const r = gridfence(['path', EXAMPLE, '--from', 'core', '--to', 'internet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No flow from core to internet (any protocol).');
    expect(r.stdout).toContain('No route leads there, even with every security group and network ACL ignored.');
  });

  it('takes CIDRs and resource addresses as places', () => {
    const r = gridfence(['path', EXAMPLE, '--from', '192.0.2.0/24', '--to', 'aws_instance.host["ra-vtn"]', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.flows).toHaveLength(1);
    expect(j.flows[0].trace.map((h: { node: string }) => h.node)).toEqual([
      'ra-north (over the internet)',
      'aws_internet_gateway.main',
      'aws_lb.edge["partner"]',
      'aws_lb.edge["partner"]',
      'aws_subnet.zone["dmz_a"]',
      'aws_subnet.zone["ra"]',
      'aws_instance.host["ra-vtn"]',
    ]);
    expect(j.flows[0].flow).toMatchObject({ protocol: 'tcp', ports: '443' });
  });

  it('an unknown place or a bad port is a usage error, exit 2', () => {
    const a = gridfence(['path', EXAMPLE, '--from', 'nowhere', '--to', 'dispatch']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/"nowhere" is not internet, a zone, an external network, an endpoint resource or a CIDR \(zones and externals: dispatch, dmz/);
    const b = gridfence(['path', EXAMPLE, '--from', 'dispatch', '--to', 'internet', '--port', '70000']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--port expects a port number 0-65535, got "70000"');
  });
});

describe('gridfence path on inputs with errors', () => {
  it('writes them to stderr coloured only when stderr is a terminal, whatever stdout is', async () => {
    const { runPath } = await import('../../src/cli/path-command.js');
    const { writeTree } = await import('../support/files.js');
    const dir = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n' });
    const written: string[] = [];
    const saved = { out: process.stdout.isTTY, err: process.stderr.isTTY, write: process.stderr.write, cwd: process.cwd(), noColor: process.env['NO_COLOR'], force: process.env['FORCE_COLOR'] };
    delete process.env['NO_COLOR'];
    delete process.env['FORCE_COLOR'];
    process.stdout.isTTY = true;
    process.stderr.isTTY = false;
    process.stderr.write = ((s: string) => written.push(s) > 0) as typeof process.stderr.write;
    process.chdir(dir);
    let code: number;
    try {
      code = runPath(['.'], { from: 'internet', to: '10.0.0.1', protocol: 'any', format: 'text', var: [], varFile: [] });
    } finally {
      process.chdir(saved.cwd);
      process.stdout.isTTY = saved.out;
      process.stderr.isTTY = saved.err;
      process.stderr.write = saved.write;
      if (saved.noColor !== undefined) process.env['NO_COLOR'] = saved.noColor;
      if (saved.force !== undefined) process.env['FORCE_COLOR'] = saved.force;
    }
    expect(code).toBe(2);
    const text = written.join('');
    expect(text).toMatch(/^main\.tf:\d+:\d+: error: /);
    expect(text).not.toContain('\x1b[');
    expect(text.endsWith('\n')).toBe(true);
  });
});
