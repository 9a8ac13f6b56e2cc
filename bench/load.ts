// A closed-loop HTTP load generator: N workers on Node's fetch (undici, keep-alive), bounded by count and time.
import { summarize, type LatencySummary } from "./stats.ts";

export interface Outcome {
  ok: boolean;
  /** The app answered from its Postgres fallback (flagged in the reply). */
  degraded?: boolean;
  /** What went wrong, for the first failure of a run (status and the start of the body). */
  detail?: string;
}

/** Sends request number `i` and reads the whole body (an unread body keeps its connection from being reused). */
export type RequestFn = (i: number) => Promise<Outcome>;

export interface LoadOptions {
  concurrency: number;
  requests: number;
  warmup: number;
  /** Stop early (and report what was measured) after this long. */
  maxSeconds: number;
  /** Called when the warm-up is over and measuring begins. */
  onMeasureStart?: () => void;
}

export interface LoadResult extends LatencySummary {
  concurrency: number;
  errors: number;
  degraded: number;
  seconds: number;
  throughput: number;
  stoppedEarly: boolean;
  firstError?: string;
}

async function pool(concurrency: number, total: number, deadline: number, run: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= total || performance.now() > deadline) return;
      await run(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return Math.min(next, total);
}

/**
 * Warm-up, then the measured run. Request i uses query i mod (mix size), so each round of the
 * mix sends every query once, whatever the concurrency.
 */
export async function runLoad(send: RequestFn, options: LoadOptions): Promise<LoadResult> {
  const warmDeadline = performance.now() + 60_000;
  await pool(options.concurrency, options.warmup, warmDeadline, async (i) => {
    await send(i).catch(() => undefined);
  });

  options.onMeasureStart?.();
  const latencies: number[] = [];
  let errors = 0;
  let degraded = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;
  await pool(options.concurrency, options.requests, deadline, async (i) => {
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      outcome = await send(options.warmup + i);
    } catch (error) {
      outcome = { ok: false, detail: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error) };
    }
    latencies.push(performance.now() - t0);
    if (!outcome.ok) {
      errors++;
      firstError ??= `request ${options.warmup + i}: ${outcome.detail ?? "failed"}`;
    }
    if (outcome.degraded) degraded++;
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    ...summarize(latencies),
    concurrency: options.concurrency,
    errors,
    degraded,
    seconds,
    throughput: latencies.length / seconds,
    stoppedEarly: latencies.length < options.requests,
    ...(firstError ? { firstError } : {}),
  };
}
