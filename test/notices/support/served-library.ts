// The index as the bot serves it, over a copy of seeds/ that the test changes: the manifest carries
// each present document's facts and measures (read the way the build reads them), and a rebuild
// re-reads the folder, as the real rebuild does for DOCS_DIR.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentLibrary, createKnowledgeAdmin, type KnowledgeAdmin } from '../../../src/admin/index.js';
import type { BuildSummary, Manifest } from '../../../src/index/index.js';
import { silentLogger } from '../../../src/log/index.js';
import type { MatchDocument } from '../../../src/match/index.js';
import { testManifest } from '../../support/test-manifest.js';
import { seedDocuments } from '../../support/seed-measures.js';
import { SEEDS_DIR } from '../../support/seeds.js';

const SEEDS: MatchDocument[] = seedDocuments();

export function manifestOf(documents: MatchDocument[]): Manifest {
  const entries = documents.map(
    (document) =>
      [
        document.source,
        {
          hash: document.source,
          title: document.title,
          chunks: 1,
          ...(document.facts ? { facts: document.facts } : {}),
          measures: document.measures,
        },
      ] as const,
  );
  return testManifest({ documents: Object.fromEntries(entries), counts: { documents: entries.length, chunks: entries.length } });
}

/** A served library of seed documents; `hold` keeps some out of the folder until `add` puts them in and re-indexes. */
export class ServedLibrary {
  readonly directory = mkdtempSync(join(tmpdir(), 'policy-bot-notices-docs-'));
  manifest: Manifest;
  readonly knowledge: KnowledgeAdmin;

  constructor(hold: string[] = []) {
    cpSync(SEEDS_DIR, this.directory, { recursive: true });
    for (const source of hold) rmSync(join(this.directory, source));
    this.manifest = manifestOf(SEEDS.filter((document) => !hold.includes(document.source)));
    const library = createDocumentLibrary(this.directory);
    this.knowledge = createKnowledgeAdmin({
      library,
      maxUploadBytes: 1_000_000,
      logger: silentLogger,
      rebuild: () => this.rebuild(library),
    });
  }

  /** Puts a held seed document into the folder and indexes it, as an upload would. */
  async add(source: string): Promise<void> {
    cpSync(join(SEEDS_DIR, source), join(this.directory, source));
    await this.knowledge.reindex();
  }

  private async rebuild(library: ReturnType<typeof createDocumentLibrary>): Promise<BuildSummary> {
    const present = new Set((await library.list()).map((file) => file.name));
    const before = Object.keys(this.manifest.documents);
    this.manifest = manifestOf(SEEDS.filter((document) => present.has(document.source)));
    const after = Object.keys(this.manifest.documents);
    return {
      buildId: `b${Date.now()}`,
      documents: after.length,
      chunks: after.length,
      embedded: 0,
      reused: after.length,
      added: after.filter((source) => !before.includes(source)),
      changed: [],
      removed: before.filter((source) => !after.includes(source)),
      skipped: [],
      tables: [],
      seconds: 0,
    };
  }
}
