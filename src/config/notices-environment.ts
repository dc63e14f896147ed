import { z } from 'zod';
import { parseCron } from './cron-expression.js';

/** The notices' variables as zod fields, spread into the main config schema so they are checked at start. */
export const noticesEnvironmentShape = {
  EXPIRY_CRON: z
    .string()
    .default('0 9 * * 1')
    .superRefine((value, context) => {
      const parsed = parseCron(value);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
    }),
};
