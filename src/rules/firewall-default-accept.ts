/**
 * firewall-default-accept — (4)イ①: the filtering chains that traffic into or through a firewall
 * host passes (iptables INPUT and FORWARD, nftables filter chains on the input and forward hooks)
 * drop what their rules do not decide. Judged per hook as netfilter runs it (hygiene.ts): a hook with
 * a dropping base chain, or whose rules decide every packet, passes.
 */
import { RulesetHygiene } from '../graph/netfilter/hygiene.js';
import { packetText } from '../graph/analysis.js';
import { defineRule } from './rule.js';

const messages = {
  defaultAccept: {
    en: '{{chain}} accepts what its rules do not decide (policy {{policy}}): {{packet}} reaches the end of the chain and is let through',
    ja: '{{chain}} はルールで判定されないパケットを許可します（ポリシー {{policy}}）。{{packet}} がチェーンの末尾に達し、通過します',
  },
};

export default defineRule({
  id: 'firewall-default-accept',
  inputs: 'firewall',
  scope: (s) => s.firewalls,
  messages,
  defaultOptions: {},
  check(ctx) {
    for (const host of ctx.firewalls) {
      const rs = host.ruleset;
      if (!rs) continue;
      for (const d of RulesetHygiene.of(rs).defaultAccepts()) {
        const address = `${host.name}:${d.chain.id}`;
        const resource = ctx.resource(address);
        if (!resource) continue;
        ctx.report({
          messageId: 'defaultAccept',
          data: { chain: address, policy: rs.format === 'iptables' ? 'ACCEPT' : 'accept', packet: packetText(d.example) },
          resource,
          unknowns: d.unknowns,
        });
      }
    }
  },
});
