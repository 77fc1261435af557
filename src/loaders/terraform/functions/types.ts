import type { ObjectValue, Value } from '../../../model/value.js';

/** What a function may ask of its caller: file access (sandboxed by the caller) and template rendering. */
export interface FunctionContext {
  /** Reads a UTF-8 file; path as given by the user, resolved and sandboxed by the caller (throws InputError on escape). */
  readFile(path: string): string;
  /** Reads raw bytes (for filebase64). */
  readFileBytes(path: string): Uint8Array;
  fileExists(path: string): boolean;
  /** Renders a template file's text with the given variables (templatefile); supplied by the evaluator. */
  renderTemplate(text: string, path: string, vars: ObjectValue): Value;
  /** Renders template text held in a string value (templatestring); supplied by the evaluator. */
  renderTemplateString(text: string, vars: ObjectValue): Value;
}

export type TfFunction = (args: Value[], ctx: FunctionContext) => Value;
