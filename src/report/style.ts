/** Terminal styling: colour only when asked for (a TTY without --no-color or NO_COLOR). */
import pc from 'picocolors';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, green: (s) => s };

export function makeStyle(color: boolean): Style {
  if (!color) return plain;
  const c = pc.createColors(true);
  return { bold: c.bold, dim: c.dim, red: c.red, yellow: c.yellow, green: c.green };
}
