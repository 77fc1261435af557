/** ajv imported statically, for the Action's bundle, which ships no node_modules (see config/ajv-loader.ts). */
import * as ajv from 'ajv/dist/2020.js';

export function ajv2020(): typeof import('ajv/dist/2020.js') {
  return ajv as unknown as typeof import('ajv/dist/2020.js');
}
