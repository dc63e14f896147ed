export { cleanText, compactForm, searchForm } from './normalize.js';
export { lexicalTerms, words, type TokenizerMode } from './tokenize.js';
export { anchorNames, isBodyName, mentionsName, personNames, placeNames, questionAnchors } from './places.js';
export { chinaDateTime } from './china-time.js';
