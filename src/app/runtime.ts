import { systemClock, type Clock } from '../clock/index.js';
import type { InForceMark } from '../ingest/index.js';
import {
  createAnswerService,
  createAsker,
  createConversationStore,
  createEvidenceFinder,
  createOpenAiModel,
  createOutputGuard,
  loadPrompts,
  systemPrompt,
  withRetries,
  type AnswerService,
  type Ask,
  type AskerOptions,
  type LlmSetup,
} from '../answer/index.js';
import { ConfigError, databaseUrl, type Config } from '../config/index.js';
import { createTransformersEmbedder, type Embedder } from '../embed/index.js';
import {
  IndexNotFoundError,
  loadIndex,
  prepareKnowledgeSchema,
  readCurrentBuild,
  type KnowledgeIndex,
  type Manifest,
} from '../index/index.js';
import { withInForceMarks } from '../notices/index.js';
import { openDatabase, type Database } from '../postgres/index.js';
import { createPostgresServing } from './postgres-serving.js';
import { STORE_MIGRATIONS } from './storage.js';
import { createLogger, type Logger } from '../log/index.js';
import { createRetriever, type Retriever } from '../retrieve/index.js';

/** Everything a command needs, built once per process (the model loads once). */
export interface Runtime {
  config: Config;
  /** The chat model's name when an endpoint is configured (LLM_API_KEY or LLM_BASE_URL); read (and checked) at first use. */
  readonly llmModel: string | undefined;
  embedder(): Promise<Embedder>;
  /** The index answers come from: loaded at first use, replaced when a newer build is switched in. */
  index(): KnowledgeIndex;
  /** Loads the build CURRENT points at now and answers from it from the next question on. */
  reloadIndex(): KnowledgeIndex;
  /** The manifest of what answers come from (the file index, or the PostgreSQL generation), with admins' 「仍然有效」 marks. */
  manifest(): Manifest;
  /** Whether there is an index to answer from (file build, or a PostgreSQL generation). */
  hasIndex(): Promise<boolean>;
  /** Makes the build just written to INDEX_DIR serve: reloaded, or (INDEX_STORE=postgres) published as a generation. */
  publishBuild(): Promise<void>;
  asker(): Promise<Ask>;
  /** What channels talk to: ask and stream answers, LLM when configured, extractive otherwise. */
  answerService(): Promise<AnswerService>;
}

/** What a caller may inject into the runtime. */
interface RuntimeOptions {
  logger?: Logger;
  /** Whose day judges a document in force or expired (default: the system clock). */
  clock?: Clock;
  /** Transport of the chat model client (tests, proxies). */
  fetch?: typeof fetch | undefined;
  /** The database for INDEX_STORE=postgres (tests: PGlite; the app: its one pool, opened at first use); default: DATABASE_URL. */
  database?: Database | (() => Promise<Database>) | undefined;
  /**
   * Admins' 「仍然有效」 marks (the notices' state): answers and the served manifest stop calling such a
   * document expired. `load` is awaited once before the first answer, so `cli ask` sees them too.
   */
  inForceMarks?: { current(): ReadonlyMap<string, InForceMark>; load(): Promise<void> };
}

/** How often answering checks whether another process switched in a newer build. */
const REBUILD_CHECK_MS = 2_000;

/** Passages the model sees per question, numbered [1]…[k]. */
const LLM_PASSAGES = 5;

/**
 * The grounded-answer setup when an endpoint is configured. Prompts are read and checked here,
 * at start-up, so a broken template stops the bot before the first question.
 */
function llmSetup(config: Config, logger: Logger, transport: typeof fetch | undefined): LlmSetup | undefined {
  if (!config.LLM_API_KEY && !config.LLM_BASE_URL) return undefined;
  if (!config.LLM_MODEL) throw new ConfigError(['LLM_MODEL: required when LLM_BASE_URL or LLM_API_KEY is set']);
  const prompts = loadPrompts(config.PROMPTS_DIR);
  const model = createOpenAiModel({
    model: config.LLM_MODEL,
    baseURL: config.LLM_BASE_URL,
    apiKey: config.LLM_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
    temperature: config.LLM_TEMPERATURE,
    maxTokens: config.LLM_MAX_TOKENS,
    fetch: transport,
  });
  const secrets = [config.LLM_API_KEY, config.LLM_BASE_URL].filter((secret): secret is string => secret !== undefined);
  return {
    model: withRetries(model, logger),
    prompts,
    leaks: createOutputGuard([systemPrompt(prompts), prompts.answer, prompts.rewrite], secrets),
    passageCount: LLM_PASSAGES,
    budgetMs: config.LLM_TIMEOUT_MS,
  };
}

/** Read once at first use, so commands that never answer (`cli index`) do not need the LLM settings. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** The embedding model the settings name (loaded by its worker pool at first use). */
function configuredEmbedder(config: Config): Promise<Embedder> {
  return createTransformersEmbedder({
    modelId: config.EMBEDDING_MODEL_ID,
    modelDir: config.EMBEDDING_MODEL_DIR,
    allowRemote: config.EMBEDDING_ALLOW_REMOTE,
    hubEndpoint: config.HF_ENDPOINT,
    batchTokens: config.EMBEDDING_BATCH_TOKENS,
    maxPassageTokens: config.EMBEDDING_PASSAGE_TOKENS,
    workers: config.EMBEDDING_WORKERS,
  });
}

/** The knowledge database (INDEX_STORE=postgres): the one given, else a pool on DATABASE_URL; pgvector checked once. */
function knowledgeDatabase(config: Config, logger: Logger, given: RuntimeOptions['database']): () => Promise<Database> {
  let database: Promise<Database> | undefined;
  return () => {
    database ??= (async () => {
      if (typeof given === 'function') return given();
      if (given) return given;
      // 100 candidates per HNSW search: recall@10 ≥ 0.99 in bench/pg-store.ts (pgvector's default is 40)
      return openDatabase({
        url: databaseUrl(config),
        schema: config.DATABASE_SCHEMA,
        logger,
        migrations: STORE_MIGRATIONS,
        settings: { 'hnsw.ef_search': 100 },
      });
    })().then(async (opened) => {
      await prepareKnowledgeSchema(opened);
      return opened;
    });
    return database;
  };
}

/**
 * The file index as served: loaded at first use; a build switched in by another process (`cli index`,
 * a second bot) is picked up within REBUILD_CHECK_MS without a restart (reading the small CURRENT
 * file is all it costs); `serving` is what answers are built from, rebuilt after a reload.
 */
function fileServing(config: Config, logger: Logger, embedder: () => Promise<Embedder>) {
  let index: KnowledgeIndex | undefined;
  let serving: Promise<AskerOptions> | undefined;
  let checkedAt = 0;
  const reload = (): KnowledgeIndex => {
    // loaded before it replaces anything: a broken build leaves the serving index in place
    const loaded = loadIndex(config.INDEX_DIR);
    index = loaded;
    serving = undefined;
    checkedAt = systemClock.now();
    return loaded;
  };
  const current = (): KnowledgeIndex => (index ??= loadIndex(config.INDEX_DIR));
  const pickUpNewBuild = (): void => {
    const now = systemClock.now();
    if (!index || now - checkedAt < REBUILD_CHECK_MS) return;
    checkedAt = now;
    const build = readCurrentBuild(config.INDEX_DIR);
    if (!build || build === index.manifest.buildId) return;
    try {
      reload();
      logger.info('index.reloaded', { buildId: build });
    } catch (error) {
      logger.error('index.reload_failed', { buildId: build, error });
    }
  };
  const options = (): Promise<AskerOptions> => {
    pickUpNewBuild();
    serving ??= (async () => {
      const loaded = current();
      const retriever: Retriever = createRetriever(loaded, await embedder());
      return { index: loaded, retriever, maxQuestionChars: config.MAX_QUESTION_CHARS };
    })();
    return serving;
  };
  return { index: current, reload, options };
}

/** Lazily wires config → embedder → index → retriever → asker and answer service. */
export function createRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const llmOf = lazy(() => llmSetup(config, logger, options.fetch));
  const embedder = lazy(() => configuredEmbedder(config));
  const files = fileServing(config, logger, embedder);
  const postgres =
    config.INDEX_STORE === 'postgres'
      ? createPostgresServing({ config, database: knowledgeDatabase(config, logger, options.database), embedder, logger })
      : undefined;
  /** What answers are built from: the PostgreSQL generation, or the current file index. */
  const askerOptions = (): Promise<AskerOptions> => (postgres ? postgres.options() : files.options());
  const marks = options.inForceMarks;
  const clock = options.clock ?? systemClock;
  // answers judge documents' status on the clock's day, with admins' 「仍然有效」 marks
  const servingOptions = (asker: AskerOptions): AskerOptions => ({
    ...asker,
    today: () => new Date(clock.now()),
    inForceMarks: marks ? () => marks.current() : undefined,
  });
  const marksLoaded = lazy(() => marks?.load() ?? Promise.resolve());
  const servedManifest = (): Manifest => {
    const manifest = postgres ? postgres.manifest() : files.index().manifest;
    if (!manifest) throw new IndexNotFoundError(`PostgreSQL (${config.DATABASE_SCHEMA})`);
    return marks ? withInForceMarks(manifest, marks.current()) : manifest;
  };
  let service: Promise<AnswerService> | undefined;
  return {
    config,
    get llmModel() {
      return llmOf()?.model.modelId;
    },
    embedder,
    index: files.index,
    reloadIndex: files.reload,
    manifest: servedManifest,
    async hasIndex() {
      return postgres ? postgres.hasIndex() : readCurrentBuild(config.INDEX_DIR) !== undefined;
    },
    async publishBuild() {
      if (postgres) await postgres.publish();
      else files.reload();
    },
    async asker() {
      await Promise.all([askerOptions(), marksLoaded()]);
      return async (input) => createAsker(servingOptions(await askerOptions()))(input);
    },
    answerService() {
      const llm = llmOf();
      service ??= Promise.all([askerOptions(), marksLoaded()]).then(() =>
        createAnswerService({
          find: async (query, signal) => createEvidenceFinder(servingOptions(await askerOptions()))(query, signal),
          maxQuestionChars: config.MAX_QUESTION_CHARS,
          llm,
          conversations: createConversationStore({
            maxTurns: config.CONVERSATION_TURNS,
            idleMs: config.CONVERSATION_IDLE_MINUTES * 60_000,
          }),
          logger,
        }),
      );
      return service;
    },
  };
}
