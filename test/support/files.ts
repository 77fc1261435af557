/** Test inputs: the project's own fixtures, and the shared corpus when this checkout has it beside it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const hasCorpus = fs.existsSync(path.join(corpusDir, 'terraform'));
/** Shown in the name of every test that sweeps the corpus, so a skip explains itself. */
export const corpusNote = hasCorpus ? '' : ' (skipped: ../shared/corpus is absent; it sits beside the repository only in the development workspace)';
/** Corpus firewall files iptables-restore refuses (v1.8.9, legacy and nf_tables): the message and line:column gridfence gives. */
export const REFUSED: Readonly<Record<string, [RegExp, number, number]>> = {
  // -A FORWARD -p udp -m multiport --ports 8080:8081,8082 --something-else -j ACCEPT: "unknown option".
  'Parser_Test__data__iptables-save': [/^Unknown option --something-else for match multiport/, 12, 55],
  // -m mac --mac-source XX:XX:XX:XX:XX:XX (addresses anonymised when it was published): "Invalid MAC address specified".
  'TUM_Net__iptables-save-2015-09-03_15-56-50': [/^"XX:XX:XX:XX:XX:XX" is not a MAC address/, 1794, 50],
};

export function listFiles(dir: string, pred: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.terraform') walk(p);
      } else if (e.isFile() && pred(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Writes `files` (relative path → text) into a new temporary folder and returns it. The folder is
 * marked as a repository root (`.git`), so that nothing above it — a stray gridfence.yaml in a
 * parent — is picked up and the sandbox is the folder itself.
 */
export function writeTree(files: Record<string, string>, prefix = 'gridfence-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
