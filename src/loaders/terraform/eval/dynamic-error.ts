/**
 * An evaluation failure that depends on values (bad index, wrong type, a function's own error).
 * `try()` and `can()` catch it; uncaught, the evaluator turns it into an InputError at the
 * expression. Static errors (undeclared references, sandbox escapes) are InputErrors from the start
 * and are never caught by `try()`, as in Terraform.
 */
import { QuietError } from '../../../model/errors.js';
import type { Span } from '../../../model/source.js';

export class DynamicError extends QuietError {
  constructor(
    message: string,
    readonly span?: Span,
  ) {
    super(message);
    this.name = 'DynamicError';
  }
}
