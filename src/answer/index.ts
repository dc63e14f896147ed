export { DEFAULT_THRESHOLDS, judgeAnswerability, termCoverage, type Answerability, type AnswerabilityThresholds } from './answerability.js';
export {
  composeResult,
  createAsker,
  createEvidenceFinder,
  extractiveAnswerOf,
  prepareQuestion,
  type Ask,
  type AskerOptions,
  type AskInput,
  type Evidence,
  type FindEvidence,
  type ResultContext,
  type WrittenAnswer,
} from './ask.js';
export { AnswerError, type AnswerErrorCode } from './errors.js';
export { citationOf, extractiveAnswer, MAX_ANSWER_CHARS } from './extractive.js';
export { coverageSummary, refusalMessage } from './refusal.js';
export type { AskResult, Citation, ComparisonRow, DocumentReport, PassageReport } from './types.js';
export { createAnswerService, finalResult, type AnswerService, type AnswerServiceOptions, type AskEvent, type AskRequest, type LlmSetup } from './service.js';
export { extractiveService } from './extractive-service.js';
export { createConversationStore, type ConversationStore, type ConversationStoreOptions, type Turn } from './conversation-store.js';
export { carryOverRewrite, looksLikeFollowUp, topicOf } from './conversation-rewrite.js';
export { standaloneQuery, type ModelRewrite } from './conversation-query.js';
export {
  createOpenAiModel,
  createOutputGuard,
  loadPrompts,
  ModelError,
  PromptTemplateError,
  REFUSAL_SIGNAL,
  systemPrompt,
  withRetries,
  type AnswerModel,
  type ModelCall,
  type ModelErrorCode,
  type PromptTemplates,
} from './llm/index.js';
