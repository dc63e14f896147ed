import { placeStem, type DocumentMeasures, type Measure } from '../ingest/index.js';

/** The places a document set covers, as people would read them: 南浔区, 湖州市（含南浔区、吴兴区…）. */
export function coveredPlaces(documents: Array<{ measures: DocumentMeasures }>): string[] {
  const places = documents.filter((document) => document.measures.measures.length > 0).map((document) => document.measures.place.join(''));
  return [...new Set(places.filter((place) => place !== ''))];
}

function samePlace(left: string, right: string): boolean {
  return placeStem(left) === placeStem(right);
}

/**
 * Whether a measure applies in a place: the place is the document's own (南浔区 for a 南浔 plan),
 * a 区/县 its city-wide lists name (南浔区 in a 湖州市 plan), or the district an item names.
 */
export function appliesIn(measure: Measure, document: DocumentMeasures, place: string): boolean {
  const own = measure.place.slice(document.place.length);
  if (own.length > 0) return own.some((label) => samePlace(label, place)) || document.place.some((label) => samePlace(label, place));
  return document.place.some((label) => samePlace(label, place)) || document.areas.some((area) => samePlace(area, place));
}
