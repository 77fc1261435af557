/**
 * ajv's 2020-12 build, loaded on first use: a valid configuration never needs it, so most runs never
 * pay for loading it. The GitHub Action's bundle, which ships no node_modules, swaps this module for
 * one that imports ajv statically (scripts/bundle-action.mjs).
 */
import { createRequire } from 'node:module';

type Ajv2020Module = typeof import('ajv/dist/2020.js');

let loaded: Ajv2020Module | undefined;

export function ajv2020(): Ajv2020Module {
  loaded ??= createRequire(import.meta.url)('ajv/dist/2020.js') as Ajv2020Module;
  return loaded;
}
