import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The bot's own metrics, on a registry of its own so tests can create as many apps as they like. */
export interface Metrics {
  registry: Registry;
  slackDeliveries: Counter<'kind' | 'outcome'>;
  designs: Counter<'engine' | 'outcome'>;
  designDuration: Histogram<'engine'>;
  modelTokens: Counter<'kind'>;
  jobs: Counter<'queue' | 'outcome'>;
  breakerState: Gauge<'dependency'>;
  slackApiRetries: Counter<'method'>;
  designFeedback: Counter<'vote'>;
  backlog: Gauge<'kind'>;
}

/** Work accepted and not finished yet, read when metrics are scraped. */
export interface Backlog {
  /** Slack deliveries acked and still being handled (or on their way from the ack thread). */
  postAck: number;
  /** Jobs queued, retrying or running (design generation, revisions, dead letters). */
  jobs: number;
}

export function createMetrics(options: { defaultMetrics?: boolean; backlog?: () => Promise<Backlog | undefined> } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    slackDeliveries: new Counter({
      name: 'ia_slack_deliveries_total',
      help: 'Slack deliveries received, by kind and outcome (processed, duplicate, rejected)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    designs: new Counter({
      name: 'ia_designs_total',
      help: 'Designs and revisions produced, by engine and outcome',
      labelNames: ['engine', 'outcome'],
      registers: [registry],
    }),
    designDuration: new Histogram({
      name: 'ia_design_duration_seconds',
      help: 'Time to produce a design',
      labelNames: ['engine'],
      buckets: [0.05, 0.25, 1, 5, 15, 30, 60, 120, 300],
      registers: [registry],
    }),
    modelTokens: new Counter({
      name: 'ia_model_tokens_total',
      help: 'Model tokens by kind (input, output, cache_read, cache_creation)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'ia_jobs_total',
      help: 'Jobs by queue and outcome (completed, failed, dead_lettered)',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    breakerState: new Gauge({
      name: 'ia_circuit_breaker_state',
      help: 'Circuit breaker state per dependency (0 closed, 1 half-open, 2 open)',
      labelNames: ['dependency'],
      registers: [registry],
    }),
    slackApiRetries: new Counter({
      name: 'ia_slack_api_retries_total',
      help: 'Slack Web API calls retried after rate limiting',
      labelNames: ['method'],
      registers: [registry],
    }),
    designFeedback: new Counter({
      name: 'ia_design_feedback_total',
      help: 'Feedback votes on design revisions (Slack feedback buttons)',
      labelNames: ['vote'],
      registers: [registry],
    }),
    backlog: new Gauge({
      name: 'ia_backlog',
      help: 'Work accepted and not finished, by kind (post_ack: Slack deliveries acked and still being handled; jobs: queued or running); a replica scale-out signal',
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        const backlog = await options.backlog?.();
        if (!backlog) return;
        this.set({ kind: 'post_ack' }, backlog.postAck);
        this.set({ kind: 'jobs' }, backlog.jobs);
      },
    }),
  };
}
