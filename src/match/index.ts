export { readProfile, type Profile, type Stage } from './profile.js';
export { FIELD_CLASSES, WHO_CLASSES, type ProfileClass } from './profile-words.js';
export { matchMeasures, type MatchDocument, type MatchedMeasure, type MatchResult, type MatchWeights } from './match-measures.js';
export { appliesIn, coveredPlaces } from './coverage.js';
export { quoteFor } from './quote.js';
export { expiryNotice, type ExpiryEntry, type ExpiryNotice } from './expiry.js';
export { knownPlaces, matchDocumentsOf } from './from-manifest.js';
