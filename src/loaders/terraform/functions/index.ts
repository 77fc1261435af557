/**
 * Terraform's built-in functions, by name. `try` and `can` are not here: they take unevaluated
 * expressions, so the evaluator implements them.
 */
import { collectionFunctions } from './collection.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { datetimeFunctions } from './datetime.js';
import { encodingFunctions } from './encoding.js';
import { filesystemFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { ipnetFunctions } from './ipnet.js';
import { numericFunctions } from './numeric.js';
import { setFunctions } from './set.js';
import { stringFunctions } from './string.js';
import type { TfFunction } from './types.js';

export type { FunctionContext, TfFunction } from './types.js';
export { formatNumber } from './decimal.js';

export const functions: ReadonlyMap<string, TfFunction> = new Map(
  Object.entries({
    ...collectionFunctions,
    ...conversionFunctions,
    ...cryptoFunctions,
    ...datetimeFunctions,
    ...encodingFunctions,
    ...filesystemFunctions,
    ...formatFunctions,
    ...ipnetFunctions,
    ...numericFunctions,
    ...setFunctions,
    ...stringFunctions,
  }),
);
