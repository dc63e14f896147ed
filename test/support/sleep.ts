/** Waits `ms` of real time (tests of timing between processes; pure logic takes a ManualClock instead). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
