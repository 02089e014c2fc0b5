export { canonicalJson, CanonicalJsonError, MAX_DEPTH } from './canonical';
export { entryHash, verifyChain, verifyCustodyDocument, custodyValidators, type ChainFinding, type ChainProblem, type UnhashedCustodyEntry } from './chain';
export { appendCustody, custodyChain, custodyDocument, custodyJson, type ChainOptions, type CustodyInput } from './log';
export { findSecret, type SecretHit, type SecretKind } from './secrets';
