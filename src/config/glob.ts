/**
 * Address globs as gridfence.yaml writes them (zone `match.addresses`, `match.hosts`, waiver
 * `resource`): `*` matches any run of characters — dots and brackets included, so
 * `module.dispatch.*` covers `module.dispatch.aws_subnet.a["x"]` — `?` matches one character, and
 * everything else matches itself (brackets are literal: addresses contain `["key"]` and `[0]`).
 * A glob matches the whole address, never a part of it.
 */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    let body = '';
    let previous = '';
    for (const ch of glob) {
      // Runs of `*` are one `*`: the same language, without needless backtracking.
      if (ch === '*' && previous === '*') continue;
      previous = ch;
      if (ch === '*') body += '[\\s\\S]*';
      else if (ch === '?') body += '[\\s\\S]';
      else body += ch.replace(/[\\^$.|+(){}[\]]/g, '\\$&');
    }
    re = new RegExp(`^${body}$`, 'u');
    cache.set(glob, re);
  }
  return re;
}

export function matchesGlob(glob: string, address: string): boolean {
  return globToRegExp(glob).test(address);
}

/** Whether the text uses glob syntax at all (else it is compared as is). */
export function isGlob(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
