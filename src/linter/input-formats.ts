/** The input formats `--input-format` names; a module of its own so that the command line's entry loads no loader. */
export type InputFormat = 'terraform' | 'plan' | 'cloudformation' | 'iptables' | 'nftables';
export const INPUT_FORMATS: readonly InputFormat[] = ['terraform', 'plan', 'cloudformation', 'iptables', 'nftables'];
