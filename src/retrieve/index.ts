export { addBonus, minMaxNormalize, reciprocalRankFusion, weightedScoreFusion } from './fusion.js';
export { keyTerms } from './query-terms.js';
export {
  createRetriever,
  createSourceRetriever,
  DEFAULT_WEIGHTS,
  queryTerms,
  type RetrievalWeights,
  type RetrievedPassage,
  type Retriever,
} from './retriever.js';
export { asksAboutDocument, definitionBonus, intentBonus } from './intent.js';
