/**
 * The YAML text of a proposal, written by hand so that every guess carries its comment: Japanese
 * first, then English, ending in 要確認 / confirm. Scalars are quoted whenever plain YAML 1.2 would
 * read them as something other than the string (the yaml package decides).
 */
import { parse, stringify } from 'yaml';
import { DEFAULT_ZONE_TAG } from '../config/types.js';
import type { Bilingual, ProposedExternal, ProposedZone } from './types.js';

export interface RenderInput {
  system?: string;
  source?: string;
  zones: readonly ProposedZone[];
  externals: readonly ProposedExternal[];
  notes: readonly Bilingual[];
}

const CONFIRM = { ja: '要確認', en: 'confirm' };
const UNSURE = { ja: '要確認（推測の根拠が弱い）', en: 'confirm (weak guess)' };

export function renderConfig(input: RenderInput): string {
  const out: string[] = [];
  const here = input.source === undefined || input.source === '.' || input.source === '';
  out.push(
    `# gridfence.yaml — \`gridfence init\` が${here ? 'このディレクトリ' : ` ${input.source} `}の Terraform から推測した初期設定です。`,
    '# 「要確認 / confirm」の付いた推測をすべて確かめて直してから `gridfence lint` を実行してください。',
    `# Starter configuration guessed by \`gridfence init\` from the Terraform ${here ? 'in this directory' : `under ${input.source}`}.`,
    '# Check and correct every guess marked "要確認 / confirm", then run `gridfence lint`.',
    'version: 1',
  );
  if (input.system !== undefined) {
    out.push(...guess('', [{ ja: 'システム名はディレクトリ名から（レポートに表示されます）', en: 'system name from the directory name (shown in reports)' }], true));
    out.push(`system: ${scalar(input.system)}`);
  }

  out.push('');
  out.push(`# ゾーン: 自社のネットワークと役割。タグ ${DEFAULT_ZONE_TAG}=<ゾーン名> は常にそのゾーンを選びます。`);
  out.push(`# Zones: our own networks and their roles. The tag ${DEFAULT_ZONE_TAG}=<zone name> always selects its zone.`);
  if (input.zones.length === 0) {
    out.push('# ゾーンを推測できませんでした。リソースにタグを付けるか、match で選んでください。例:');
    out.push('# No zone could be guessed. Tag the resources or select them with match, e.g.:');
    out.push('# zones:');
    out.push('#   dispatch:');
    out.push('#     role: dispatch-link');
    out.push('#     match: { addresses: ["aws_subnet.dispatch"] }');
  } else {
    out.push('zones:');
    input.zones.forEach((z, i) => {
      if (i > 0) out.push('');
      out.push(...guess('  ', z.why, z.roleSure));
      if (z.subnets.length) {
        const list = z.subnets.map((s) => (s.cidr ? `${s.address} ${s.cidr}` : s.address));
        out.push(`  # サブネット / subnets: ${list.slice(0, 4).join(', ')}${list.length > 4 ? ` (+${list.length - 4})` : ''}`);
      }
      out.push(`  ${key(z.name)}:`);
      out.push(`    role: ${z.role}`);
      const m = z.match;
      if (m && (m.addresses?.length || m.cidrs?.length)) {
        out.push('    match:');
        if (m.addresses?.length) {
          out.push('      addresses:');
          for (const a of m.addresses) out.push(`        - ${scalar(a)}`);
        }
        if (m.cidrs?.length) {
          out.push('      cidrs:');
          for (const c of m.cidrs) out.push(`        - ${scalar(c)}`);
        }
      }
    });
  }

  out.push('');
  out.push('# 外部ネットワーク: 自社以外のネットワーク。ルール・経路・VPN の宛先のうち、どのゾーンにも属さないもの。');
  out.push('# Externals: networks that are not ours — destinations of rules, routes and VPNs that no zone claims.');
  if (input.externals.length === 0) {
    out.push('# 推測できる外部ネットワークはありませんでした。 / No external network could be guessed.');
  } else {
    out.push('externals:');
    input.externals.forEach((x, i) => {
      if (i > 0) out.push('');
      out.push(...guess('  ', x.why, x.roleSure));
      for (const s of x.seen.slice(0, 4)) out.push(`  # 出現 / seen: ${s}`);
      if (x.seen.length > 4) out.push(`  # 出現 / seen: … (+${x.seen.length - 4})`);
      out.push(`  ${key(x.name)}:`);
      out.push(`    role: ${x.role}`);
      out.push(`    cidrs: ${flow(x.cidrs)}`);
      if (x.services?.length) out.push(`    services: ${flow(x.services)}   # 推測: 許可されている宛先ポート / guess: the ports allowed to it — ${CONFIRM.ja} / ${CONFIRM.en}`);
      if (x.transport) {
        const how = x.transport === 'internet' ? { ja: 'NAT／インターネットゲートウェイ経由の経路', en: 'routed through a NAT or internet gateway' } : { ja: 'VPN／Transit Gateway 経由の経路', en: 'routed through a VPN or transit gateway' };
        out.push(`    transport: ${x.transport}   # 推測: ${how.ja} / guess: ${how.en} — ${CONFIRM.ja} / ${CONFIRM.en}`);
      }
      if (x.registeredSources?.length) {
        out.push(`    registered-sources: ${flow(x.registeredSources)}   # 推測: NAT ゲートウェイのアドレス / guess: the NAT gateway's address — 登録済みか確認 / confirm it is registered`);
      } else if (x.role === 'dispatch-system') {
        out.push('    # registered-sources: ["198.51.100.10/32"]   # 要記入: 送配電事業者に登録した送信元アドレス / fill in: our source addresses registered with the grid operator');
      }
      if (x.role === 'dispatch-system') {
        out.push('    # tls: { min-version: "1.2", mutual: true }   # 要確認: 送配電事業者の要件を確かめて有効に / confirm the grid operator\'s requirement, then uncomment');
      }
      if (x.role === 'partner') {
        out.push(`    # attestation: { confirmed: YYYY-MM-DD, expires: YYYY-MM-DD, evidence: docs/attestations/${x.name}.pdf }   # 要記入: 連携先がガイドラインを満たす確認 / fill in: evidence that the partner meets the guideline`);
      }
    });
  }

  if (input.notes.length) {
    out.push('');
    out.push('# 注記 / notes:');
    for (const n of input.notes) {
      out.push(`# - ${n.ja}`);
      out.push(`#   ${n.en}`);
    }
  }
  return out.join('\n') + '\n';
}

function guess(indent: string, why: readonly Bilingual[], sure: boolean): string[] {
  const mark = sure ? CONFIRM : UNSURE;
  return [`${indent}# 推測: ${why.map((w) => w.ja).join('。')} — ${mark.ja}`, `${indent}# guess: ${why.map((w) => w.en).join('; ')} — ${mark.en}`];
}

/** A mapping key: plain when YAML reads it back as the same string, else double-quoted. */
function key(name: string): string {
  let back: unknown;
  try {
    back = parse(name, { version: '1.2' });
  } catch {
    back = undefined;
  }
  return back === name && /^[A-Za-z0-9]/.test(name) ? name : JSON.stringify(name);
}

/** A block scalar value, quoted by the yaml package when plain text would not read back as the string. */
function scalar(value: string): string {
  return stringify(value, { version: '1.2', lineWidth: 0 }).trimEnd();
}

/** A flow sequence of strings, always double-quoted. */
function flow(items: readonly string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;
}
