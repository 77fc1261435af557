/**
 * The Japanese words for a flow's protocol and ports. A flow's fields stay English for tools
 * (`any` for every protocol or every port); every report that shows a flow to people — the text
 * report's flow line, SARIF's code-flow message, the path answer — and the messages that name a
 * service on every port ("tcp/any port", through `jaText`) say it with these words, so that one flow
 * reads alike wherever it is shown.
 */

export const JA_ALL_PROTOCOLS = '全プロトコル';
export const JA_ALL_PORTS = '全ポート';

/** "tcp", 全プロトコル for `any`, "tcp 以外の全プロトコル" for `any but tcp`. */
export function jaProtocol(protocol: string): string {
  if (protocol.startsWith('any but ')) return `${protocol.slice(8).split(', ').join('、')} 以外の${JA_ALL_PROTOCOLS}`;
  return protocol === 'any' ? JA_ALL_PROTOCOLS : protocol;
}

/** "ポート 443", "ポート 8000-8100", or 全ポート for `any`. */
export function jaPorts(ports: string): string {
  return ports === 'any' ? JA_ALL_PORTS : `ポート ${ports}`;
}
