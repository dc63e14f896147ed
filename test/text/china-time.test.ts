import { describe, expect, it } from 'vitest';
import { chinaDateTime } from '../../src/text/index.js';

describe('chinaDateTime', () => {
  it('shows a moment in Beijing time, 24-hour, whatever the machine zone', () => {
    expect(chinaDateTime(Date.parse('2026-12-02T15:30:00Z'))).toBe('2026/12/02 23:30');
    expect(chinaDateTime(new Date('2026-12-31T16:05:00Z'))).toBe('2027/01/01 00:05');
  });
});
