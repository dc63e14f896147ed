// The pino-backed logger: JSON lines, request ids carried through async work, secrets never written.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger, withRequestFields } from '../../src/log/index.js';

const APP_SECRET = 'app-secret-Zq81xLk';
const API_KEY = 'sk-live-9f8e7d6c5b4a';
const ENCRYPT_KEY = 'encrypt-K3y-77aa';
const TOKEN = 't-g1044ab-tenant-token';

function capture(level: 'debug' | 'info' = 'debug', secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line), { secrets });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('logger', () => {
  it('writes one JSON line per event with level, ISO time, event and fields, filtered by level', () => {
    const { logger, records } = capture('info');
    logger.debug('hidden');
    logger.info('lark.answered', { messageId: 'om_1', ms: 12 });
    logger.error('lark.send_failed', { error: new Error('boom') });
    expect(records()).toHaveLength(2);
    expect(records()[0]).toMatchObject({ level: 'info', event: 'lark.answered', messageId: 'om_1', ms: 12 });
    expect(Number.isNaN(Date.parse(String(records()[0]?.time)))).toBe(false);
    expect(records()[1]).toMatchObject({ level: 'error', error: { name: 'Error', message: 'boom' } });
  });

  it('carries the request id on every line of that request, also after awaits and in tasks it starts', async () => {
    const { logger, records } = capture();
    const background: Promise<void>[] = [];
    await Promise.all(
      ['om_a', 'om_b'].map((requestId) =>
        withRequestFields({ requestId }, async () => {
          logger.info('start');
          await new Promise((resolve) => setTimeout(resolve, 5));
          background.push((async () => logger.info('later'))());
        }),
      ),
    );
    await Promise.all(background);
    logger.info('outside');
    const byEvent = records().map((record) => [record.event, record.requestId]);
    expect(byEvent).toEqual(
      expect.arrayContaining([
        ['start', 'om_a'],
        ['start', 'om_b'],
        ['later', 'om_a'],
        ['later', 'om_b'],
        ['outside', undefined],
      ]),
    );
    expect(byEvent).toHaveLength(5);
  });

  it('never writes a secret: by key name, by pino redact path, nested, in headers, or inside free text', () => {
    const { logger, lines } = capture('debug', [APP_SECRET, API_KEY, ENCRYPT_KEY]);
    logger.info('settings', { appSecret: APP_SECRET, LLM_API_KEY: API_KEY, encryptKey: ENCRYPT_KEY, appId: 'cli_visible' });
    logger.warn('http', { request: { headers: { authorization: `Bearer ${TOKEN}` }, url: '/open-apis/im/v1/messages' } });
    logger.error('lark.sdk', { message: `POST failed, body {"app_secret":"${APP_SECRET}"} key=${API_KEY}` });
    logger.debug('token', { tenant_access_token: TOKEN, nested: { deeper: { password: 'hunter2-pw' } } });
    logger.info('list', { items: [{ apiKey: API_KEY }] });
    const output = lines.join('');
    for (const secret of [APP_SECRET, API_KEY, ENCRYPT_KEY, TOKEN, 'hunter2-pw']) expect(output).not.toContain(secret);
    expect(output).toContain('cli_visible');
    expect(output).toContain('/open-apis/im/v1/messages');
    expect(output.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(9);
  });

  it('redacts every secret setting when the whole configuration is logged', () => {
    const { logger, lines } = capture('info', [APP_SECRET]);
    const config = loadConfig({
      LARK_APP_ID: 'cli_x',
      LARK_APP_SECRET: APP_SECRET,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: TOKEN,
      LLM_API_KEY: API_KEY,
      LLM_MODEL: 'm',
    });
    logger.info('config', { config });
    const output = lines.join('');
    for (const secret of [APP_SECRET, API_KEY, ENCRYPT_KEY, TOKEN]) expect(output).not.toContain(secret);
    expect(output).toContain('cli_x');
  });
});
