export { DEFAULT_THRESHOLDS, judgeAnswerability, termCoverage, type Answerability, type AnswerabilityThresholds } from './answerability.js';
export { createAsker, prepareQuestion, type Ask, type AskerOptions, type AskInput } from './ask.js';
export { AnswerError, type AnswerErrorCode } from './errors.js';
export { citationOf, extractiveAnswer, MAX_ANSWER_CHARS } from './extractive.js';
export { coverageSummary, refusalMessage } from './refusal.js';
export type { AskResult, Citation, PassageReport } from './types.js';
export type { AnswerService, AskEvent, AskRequest } from './service.js';
export { extractiveService } from './extractive-service.js';
