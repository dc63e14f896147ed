export { DEFAULT_THRESHOLDS, judgeAnswerability, termCoverage, type Answerability, type AnswerabilityThresholds } from './answerability.js';
export {
  composeResult,
  createAsker,
  createEvidenceFinder,
  extractiveAnswerOf,
  prepareQuestion,
  type Ask,
  type AskerOptions,
  type Evidence,
  type FindEvidence,
  type ResultContext,
  type WrittenAnswer,
} from './ask.js';
export { AnswerError } from './errors.js';
export { citationOf, extractiveAnswer, MAX_ANSWER_CHARS } from './extractive.js';
export { refusalMessage } from './refusal.js';
export type { AskResult, Citation, ComparisonRow, DocumentReport } from './types.js';
export { createAnswerService, type AnswerService, type AskEvent, type AskRequest, type LlmSetup } from './service.js';
export { createConversationStore, type ConversationStore, type Turn } from './conversation-store.js';
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
