export { addBonus, minMaxNormalize, reciprocalRankFusion, weightedScoreFusion, type WeightedRanking } from './fusion.js';
export { keyTerms } from './query-terms.js';
export { createRetriever, DEFAULT_WEIGHTS, sectionMatch, type RetrievalWeights, type RetrievedPassage, type Retriever } from './retriever.js';
export { asksAboutDocument, definitionBonus, intentBonus } from './intent.js';
