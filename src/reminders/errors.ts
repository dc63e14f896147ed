/** Why a reminders operation failed; a closed set so the channel can word each case for people. */
type RemindersErrorCode =
  'calendar-invalid' | 'settings-invalid' | 'state-invalid' | 'locked' | 'lock-lost' | 'unknown-entry' | 'invalid-command' | 'time-in-past';

/** The reminders layer's error: a code to switch on and, for files, every problem with its line. */
export class RemindersError extends Error {
  override readonly name = 'RemindersError';

  constructor(
    readonly code: RemindersErrorCode,
    message: string,
    readonly problems: string[] = [],
    options: { cause?: unknown } = {},
  ) {
    super(problems.length > 0 ? `${message}\n${problems.map((problem) => `  - ${problem}`).join('\n')}` : message, options);
  }
}
