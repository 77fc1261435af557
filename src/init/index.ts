/** The init stage: a starter gridfence.yaml guessed from the Terraform model. */
export { proposeConfig } from './propose.js';
export type { Bilingual, Proposal, ProposedExternal, ProposedZone, ProposeOptions } from './types.js';
