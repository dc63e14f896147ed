/** Where `/healthz` reads the state of the parts it reports on; each is cheap and never throws. */
export interface HealthSources {
  /** When the loaded index was built (ISO time), or undefined when no index is loaded. */
  indexBuiltAt(): string | undefined;
  modelLoaded(): boolean;
  feishuConnected(): boolean;
  /** The last reminder scheduler tick (epoch ms), or undefined (reminders off, or no tick yet). */
  lastSchedulerTick(): number | undefined;
  now(): number;
}

/** The `/healthz` body. `ok` = answering works: an index and the model are loaded and Feishu is connected. */
interface HealthReport {
  ok: boolean;
  index: { loaded: boolean; builtAt?: string; ageSeconds?: number };
  model: { loaded: boolean };
  feishu: { connected: boolean };
  scheduler: { lastTick?: string; secondsAgo?: number };
  uptimeSeconds: number;
}

const safely = <T>(read: () => T, fallback: T): T => {
  try {
    return read();
  } catch {
    return fallback;
  }
};

/** Reads every source once and reports; a source that throws counts as "not loaded". */
export function healthReport(sources: HealthSources, startedAt: number): HealthReport {
  const now = sources.now();
  const builtAt = safely(() => sources.indexBuiltAt(), undefined);
  const built = builtAt === undefined ? Number.NaN : Date.parse(builtAt);
  const modelLoaded = safely(() => sources.modelLoaded(), false);
  const connected = safely(() => sources.feishuConnected(), false);
  const tick = safely(() => sources.lastSchedulerTick(), undefined);
  const seconds = (from: number): number => Math.max(0, Math.round((now - from) / 1000));
  return {
    ok: builtAt !== undefined && modelLoaded && connected,
    index: {
      loaded: builtAt !== undefined,
      ...(builtAt !== undefined ? { builtAt } : {}),
      ...(Number.isNaN(built) ? {} : { ageSeconds: seconds(built) }),
    },
    model: { loaded: modelLoaded },
    feishu: { connected },
    scheduler: tick === undefined ? {} : { lastTick: new Date(tick).toISOString(), secondsAgo: seconds(tick) },
    uptimeSeconds: seconds(startedAt),
  };
}
