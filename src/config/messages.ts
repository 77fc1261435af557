/**
 * Every text the configuration stage shows to users, in one place so wording stays consistent and
 * reviewable. Paths are JSON pointers as users see them (`/zones/dmz/role`, the root is `/`).
 */

/** The `code` of every configuration problem (InputProblem). */
export const CONFIG_PROBLEM_CODE = 'config';

const quote = (s: string): string => JSON.stringify(s);
const didYouMean = (s: string | undefined): string => (s === undefined ? '' : `; did you mean ${quote(s)}?`);

/** How a YAML value reads in a message: strings quoted, mappings and lists by kind. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quote(value);
  return String(value);
}

/** How a JSON Schema type reads in a message. */
export function describeType(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'nothing';
    default:
      return type;
  }
}

export const messages = {
  // Finding the file.
  bothNames: (dir: string, a: string, b: string) =>
    `both ${a} and ${b} are in ${dir}; keep one of them so that it is clear which configuration applies`,
  explicitMissing: (file: string) => `configuration file ${file} does not exist`,
  explicitNotFile: (file: string) => `configuration file ${file} is not a file`,
  unreadable: (file: string, reason: string) => `cannot read configuration file ${file}: ${reason}`,

  // YAML.
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  yamlWarning: (detail: string) => `YAML: ${detail}`,
  empty: () => `the configuration is empty; it needs at least "version: 1"`,

  // Schema.
  unknownKey: (key: string, where: string, suggestion: string | undefined) =>
    `unknown key ${quote(key)} in ${where}${didYouMean(suggestion)}`,
  missingKey: (key: string, where: string) => `missing required key ${quote(key)} in ${where}`,
  wrongType: (where: string, expected: string[], value: unknown) => {
    const hint = expected.length === 1 && expected[0] === 'string' && (typeof value === 'number' || typeof value === 'boolean')
      ? ' (quote it to make it a string)'
      : '';
    return `${where} must be ${expected.map(describeType).join(' or ')}, not ${describeValue(value)}${hint}`;
  },
  notInEnum: (where: string, value: unknown, allowed: readonly unknown[], suggestion: string | undefined) =>
    `${where} is ${describeValue(value)}, which is not one of ${allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ')}${didYouMean(suggestion)}`,
  badVersion: (value: unknown) =>
    value === '1'
      ? `/version is the string "1"; write it as a number: version: 1`
      : `unsupported configuration version ${describeValue(value)}; this gridfence reads version 1`,
  badFormat: (where: string, value: unknown, title: string | undefined, examples: readonly unknown[] | undefined) => {
    const e = examples && examples.length > 0 ? ` (for example ${examples.map((x) => quote(String(x))).join(', ')})` : '';
    return `${where} is ${describeValue(value)}, which is not a valid ${title ?? 'value'}${e}`;
  },
  blank: (where: string) => `${where} must not be empty`,
  tooShort: (where: string, value: unknown, limit: number) => `${where} is ${describeValue(value)}, shorter than the ${limit} characters it needs`,
  badName: (where: string, name: string, title: string | undefined, description: string | undefined) =>
    `${quote(name)} in ${where} is not a valid ${title ?? 'name'}${description ? `: ${description}` : ''}`,
  tooSmall: (where: string, limit: number) => `${where} must be at least ${limit}`,
  tooLarge: (where: string, limit: number) => `${where} must be at most ${limit}`,
  tooFewItems: (where: string, limit: number) => `${where} needs at least ${limit} item${limit === 1 ? '' : 's'}`,
  duplicateItem: (where: string, value: unknown) => `${where} lists ${describeValue(value)} more than once`,
  noForm: (where: string, value: unknown, title: string | undefined) =>
    `${where} is ${describeValue(value)}, which is not a valid ${title ?? 'value'}`,
  schemaOther: (where: string, detail: string) => `${where}: ${detail}`,

  // Checks beyond the schema.
  badCidr: (where: string, value: string) => {
    const bare = !value.includes('/') ? `; a single address is written with its length, e.g. ${quote(value + (value.includes(':') ? '/128' : '/32'))}` : '';
    return `${where} is ${quote(value)}, which is not a valid CIDR prefix${bare}`;
  },
  badDate: (where: string, value: string) => `${where} is ${quote(value)}, which is not a calendar date (YYYY-MM-DD)`,
  badPortRange: (where: string, value: string) => `${where} is ${quote(value)}: ports run from 0 to 65535, the first not above the last`,
  expiresBeforeConfirmed: (where: string) => `${where}: the attestation expires before it was confirmed`,
  reservedName: (where: string, name: string) => `${quote(name)} in ${where} is reserved for the implicit network of that name; choose another name`,
  zoneAndExternal: (name: string) => `${quote(name)} is declared both as a zone and as an external; a network is either ours or not`,
  unknownZone: (where: string, zone: string, suggestion: string | undefined) =>
    `${where} names zone ${quote(zone)}, which is not declared under /zones${didYouMean(suggestion)}`,
  unknownLink: (where: string, link: string, suggestion: string | undefined) =>
    `${where} is ${quote(link)}, which is neither internet, a declared external, nor a resource address${didYouMean(suggestion)}`,
  overlappingZones: (a: string, aCidr: string, b: string, bCidr: string) =>
    `zone ${quote(b)} claims ${bCidr}, which overlaps ${aCidr} of zone ${quote(a)}; an address belongs to one zone only`,

  // Rule ids (checked against the rule registry after loading).
  unknownRule: (where: string, id: string, suggestion: string | undefined) => `unknown rule ${quote(id)} in ${where}${didYouMean(suggestion)}`,

  // Zone resolution.
  zoneConflict: (resource: string, zones: readonly string[]) =>
    `${resource} is selected by zones ${zones.map(quote).join(' and ')}; a resource belongs to one zone only — narrow the selectors`,
  zoneUnknown: (resource: string, reason: string) =>
    `The zone of ${resource} cannot be known: ${reason} — give the value (--var, a tfvars file, --cfn-param) or select the resource by its address in the configuration`,
};
