import type { Manifest } from '../index/index.js';
import { knownPlaces, matchDocumentsOf } from '../match/index.js';
import { isBodyName, mentionsName } from '../text/index.js';
import type { QuestionReading } from './read-question.js';

const placesOf = new WeakMap<Manifest, string[]>();

/** The places and 区/县 the documents cover, read once per manifest. */
function coveredPlaces(manifest: Manifest): string[] {
  let places = placesOf.get(manifest);
  if (!places) {
    places = knownPlaces(matchDocumentsOf(manifest));
    placesOf.set(manifest, places);
  }
  return places;
}

/** The covered places a question names (南通 for 南通市), whether or not the word tagger read them. */
export function coveredPlacesIn(question: string, manifest: Manifest): string[] {
  return coveredPlaces(manifest).filter((place) => mentionsName(question, place));
}

/**
 * A question whose place the word tagger missed (「南通的科技局…」) is still anchored to it when the
 * documents cover that place: their own place names are read in the question. Only when the tagger
 * found no place at all, so a chain it read (深圳南山区 → 南山区) stays as it is.
 */
export function withCorpusPlaces(reading: QuestionReading, question: string, manifest: Manifest): QuestionReading {
  if (reading.places.some((place) => !isBodyName(place))) return reading;
  const mentioned = coveredPlacesIn(question, manifest);
  return mentioned.length > 0 ? { ...reading, places: [...reading.places, ...mentioned] } : reading;
}
