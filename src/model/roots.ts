/** Where a resource is declared, for what is shared only within one root (its Region, its account). */
import path from 'node:path';
import type { ModelResource } from './resource.js';

/**
 * The root a resource is declared from: the folder of its root module (through the first module
 * call, for a module's resources), else its file (a template, a plan, a ruleset).
 */
export function declaredFrom(resource: ModelResource): string {
  const file = resource.callers[0]?.file.path ?? resource.span.file.path;
  return /\.tf(?:\.json)?$/.test(file) ? path.posix.dirname(file.replace(/\\/g, '/')) : file;
}
