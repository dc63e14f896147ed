import type { KnowledgeAdmin } from '../admin/index.js';
import type { AskRequest, AskResult } from '../answer/index.js';
import type { Manifest } from '../index/index.js';
import type { BotStores } from '../lark/index.js';
import type { Logger } from '../log/index.js';
import type { HealthSources } from '../ops/index.js';
import type { RemindersService, SendRecord } from '../reminders/index.js';
import type { RetrievedPassage } from '../retrieve/index.js';
import type { OAuthSettings } from './feishu-oauth.js';

/** What the console is built from before the bot runs (the bot's `/console` command needs it). */
export interface ConsoleSetup {
  /** Signs sessions, login links and OAuth state; the same on every instance. */
  secret: string;
  /** ADMIN_OPEN_IDS: the only people who may log in. */
  admins: ReadonlySet<string>;
  idleMs: number;
  /** Where admins reach the console (CONSOLE_PUBLIC_URL), e.g. https://bot.example.com; links in chat point there. */
  publicUrl: string;
  /** Feishu login; off when not given (login links only). */
  oauth?: Omit<OAuthSettings, 'redirectUri'>;
  clock: { now(): number };
  logger: Logger;
  fetch?: typeof fetch;
  manifest(): Manifest | undefined;
  answers: { ask(request: AskRequest): Promise<AskResult> };
  /** The retriever's passages with their dense and lexical scores (the inspector); optional. */
  retrieve?(question: string, limit: number): Promise<RetrievedPassage[]>;
  /** Query embeddings for grouping content gaps; optional (without it every question is its own group). */
  embed?(texts: string[]): Promise<Float32Array[]>;
  knowledge?: KnowledgeAdmin | undefined;
  docsDir: string;
  maxUploadBytes: number;
  reminders?: { service: RemindersService; timeZone: string; sendLog(): Promise<SendRecord[]> };
}

/** What the running bot adds: its stores and its health. */
export interface ConsoleRuntime {
  stores: BotStores;
  health: HealthSources;
  /** A chat's name where the platform knows it. */
  chatName?(chatId: string): Promise<string | undefined>;
}

export type ConsoleDeps = ConsoleSetup & ConsoleRuntime;
