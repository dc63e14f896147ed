import type { BuildSummary } from '../index/index.js';
import type { Logger } from '../log/index.js';
import { buildConfigured, type Runtime } from '../app/index.js';
import { progressBar } from './progress.js';

/** Progress labels people read: the OCR stage shows as 识别文字 x/y. */
function stageLabel(stage: string): string {
  return stage === 'ocr' ? '识别文字' : stage;
}

/** Builds DOCS_DIR into INDEX_DIR as configured, drawing a progress bar on stderr (and publishes it with INDEX_STORE=postgres). */
export async function buildWithProgress(runtime: Runtime, logger: Logger): Promise<BuildSummary> {
  const progress = progressBar();
  const summary = await buildConfigured(runtime, logger, (stage, done, total) => progress(stageLabel(stage), done, total));
  if (runtime.config.INDEX_STORE === 'postgres') await runtime.publishBuild();
  return summary;
}
