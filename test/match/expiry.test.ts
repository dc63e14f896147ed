import { describe, expect, it } from 'vitest';
import { extractDocumentFacts } from '../../src/ingest/index.js';
import { expiryNotice } from '../../src/match/index.js';
import { seedDocuments } from '../support/seed-measures.js';
import { SEED } from '../support/seeds.js';

const day = (iso: string) => new Date(`${iso}T09:00:00+08:00`);
const plan = (title: string, body = '') => ({
  source: `${title}.txt`,
  title,
  facts: extractDocumentFacts(`${title}\n${body}`, title, new Map(), false),
});

describe('expiry notice against an injected day', () => {
  const ending = plan('某区人才新政行动方案(2023—2025年)');

  it('lists a period ending within 30 days, counting its last day as in force', () => {
    expect(expiryNotice([ending], day('2025-12-01'))).toEqual({
      expiring: [{ source: ending.source, title: ending.title, period: '2023—2025年', to: '2025-12-31', daysLeft: 30 }],
      expired: [],
    });
    expect(expiryNotice([ending], day('2025-12-31')).expiring[0]?.daysLeft).toBe(0);
    expect(expiryNotice([ending], day('2025-11-30'))).toEqual({ expiring: [], expired: [] });
  });

  it('moves it to expired-but-served the day after its period ends', () => {
    const notice = expiryNotice([ending], day('2026-01-01'));
    expect(notice.expiring).toEqual([]);
    expect(notice.expired).toEqual([{ source: ending.source, title: ending.title, period: '2023—2025年', to: '2025-12-31', daysLeft: -1 }]);
  });

  it('judges the day in China: 16:30 UTC on 31 December is already 1 January there', () => {
    expect(expiryNotice([ending], new Date('2025-12-31T16:30:00Z')).expired).toHaveLength(1);
    expect(expiryNotice([ending], new Date('2025-12-31T15:30:00Z')).expired).toHaveLength(0);
  });

  it('on the seeds lists only 004 (2017—2020) as expired, and nothing without a period or a draft', () => {
    const notice = expiryNotice(seedDocuments(), day('2026-12-02'));
    expect(notice.expired.map((entry) => entry.source)).toEqual([SEED.nantong]);
    expect(notice.expiring).toEqual([]);
    expect(expiryNotice(seedDocuments(), day('2027-12-15')).expiring.map((entry) => entry.source)).toEqual([SEED.bozhong, SEED.lucheng]);
  });
});
