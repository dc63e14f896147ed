export { extractMeasures } from './extract-measures.js';
export {
  departmentsOf,
  departmentsOfRow,
  isResponsibilityMark,
  leadConvention,
  splitDepartments,
  type LeadConvention,
} from './departments.js';
export { documentMeasuresSchema, type DocumentMeasures, type Measure } from './schema.js';
export { AUDIENCE_WORDS, FIELD_WORDS, placesOf, placeStem, wordsIn } from './words.js';
