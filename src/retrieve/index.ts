export { addBonus, minMaxNormalize, reciprocalRankFusion, weightedScoreFusion, type WeightedRanking } from './fusion.js';
export { keyTerms } from './query-terms.js';
export { createRetriever, createSourceRetriever, DEFAULT_WEIGHTS, embeddedSource, queryTerms, sectionMatch, type RetrievalWeights, type RetrievedPassage, type Retriever, type SearchSource } from './retriever.js';
export { asksAboutDocument, definitionBonus, intentBonus } from './intent.js';
