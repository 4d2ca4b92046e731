import type { Server } from 'node:http';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from './config.js';
import { createEngineBundle, type EngineBundle } from './architect/engines/factory.js';
import { isEngineError } from './architect/engines/errors.js';
import { createRunner } from './conversation/runner.js';
import { createConversationService } from './conversation/service.js';
import { createConversationStore, createDesignDirectory, pingDatabase } from './db/conversation-store.js';
import { createDatabase, createInstallationStore, createRepositories, migrate, refreshStatistics, STATISTICS_INTERVAL_MS, type Database } from './db/index.js';
import { closeServer, createHttpServer, listen, sendJson, type RouteHandler } from './http/server.js';
import { createJobQueue, toJobSink, type JobQueue, type JobQueueSettings } from './jobs/index.js';
import { withCorrelation } from './observability/context.js';
import { createLogger, type Logger } from './observability/logger.js';
import { lowerThisThreadPriority } from './http/thread-priority.js';
import { createMetrics, type Backlog } from './observability/metrics.js';
import { instrumentEngine } from './observability/instrument-engine.js';
import { CircuitBreaker } from './resilience/circuit-breaker.js';
import { createKeyRateLimiter } from './resilience/key-rate-limiter.js';
import { createWorkTracker } from './resilience/work-tracker.js';
import { createSlackApp, KNOWN_INTERACTIONS, SLACK_BODY_LIMIT_BYTES, type SlackRuntime } from './slack/app.js';
import { startAckFront } from './http/ack-front.js';
import { FrontLoad } from './http/front-load.js';
import { ChannelPacer } from './slack/pacing.js';
import { publishHome } from './slack/home.js';
import { createSlackPublisher } from './slack/publisher.js';
import { createVisibilityResolver } from './slack/visibility.js';
import type { SlackDriver } from './sandbox/driver.js';
import type { LocalSlack } from './sandbox/local-slack.js';
import type { SlackApiFake } from './sandbox/slack-api-fake.js';

/**
 * Wires config → db → queue → engine → Slack app → HTTP server. `src/main.ts` runs it for real; the
 * end-to-end tests run the very same wiring with the Slack and Anthropic base URLs pointed at local fakes.
 */

export interface RuntimeOptions {
  logger?: Logger;
  /** An open database to use instead of the one config describes (tests pass a pre-migrated PGlite). */
  database?: Database;
  /** Replaces the engine chosen from config (the CLI and tests may pass their own). */
  engineBundle?: EngineBundle;
  jobSettings?: JobQueueSettings;
  slackRetryConfig?: WebClientOptions['retryConfig'];
  /** Minimum gap between posts in one channel (Slack: about one a second). */
  postGapMs?: number;
  progressIntervalMs?: number;
  /** Overrides ACK_THREAD: verify and ack Slack's HTTP requests in their own thread. */
  ackThread?: boolean;
  /**
   * With the ack thread on, lower this thread's CPU priority to MAIN_THREAD_NICE (see thread-priority.ts). For the
   * process's entry point only: it cannot be undone without privilege, and it would slow whatever else shares it.
   */
  yieldCpuToAcks?: boolean;
  /** How long a live draft streams before it continues in a new message (Slack ends streams at about 5 min). */
  streamLifetimeMs?: number;
  /** Model breaker: consecutive failures before it opens, and how long it stays open. */
  breaker?: { failureThreshold?: number; openMs?: number };
}

export interface Runtime {
  port: number;
  url: string;
  database: Database;
  queue: JobQueue;
  slack: SlackRuntime;
  /** Present in sandbox mode: the Local Slack and a driver that sends signed requests to this bot. */
  sandbox?: { fake: SlackApiFake; driver: SlackDriver; signingSecret: string };
  logger: Logger;
  /**
   * Resolves once nothing is left to do: no Slack listener still working after its ack, no background refresh,
   * and no job queued, retrying or running. Lets callers (tests, benchmarks) wait instead of sleeping.
   */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Waits for `work` but no longer than `ms`. */
async function settleWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export async function startRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // Filled in once the queue and the trackers exist; scraped before that, the backlog is left out.
  let backlog: (() => Promise<Backlog>) | undefined;
  const metrics = createMetrics({ defaultMetrics: config.env !== 'test', backlog: async () => backlog?.() });
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((error) => logger.warn({ err: error }, 'shutdown step failed'));
  };

  try {
    const database = options.database ?? (await createDatabase(config.database, logger));
    cleanups.push(() => database.close());
    await migrate(database);
    const repos = createRepositories(database, config.encryptionKey ? { encryptionKey: config.encryptionKey } : {});
    const store = createConversationStore(repos);
    const directory = createDesignDirectory(repos);
    const bundle = options.engineBundle ?? (await createEngineBundle(config.engine, logger));
    const engine = instrumentEngine(bundle.engine, metrics, logger);
    const { extract } = bundle;

    // Without Slack tokens the bot talks to a Local Slack running in this process. Loaded only then, so a
    // process configured for real Slack never carries the test double or serves its page.
    let slackConfig = config.slack;
    let local: LocalSlack | undefined;
    if (config.slack.mode === 'sandbox') {
      const { startLocalSlack } = await import('./sandbox/local-slack.js');
      local = await startLocalSlack();
      cleanups.push(() => local!.close());
      slackConfig = {
        ...config.slack,
        mode: 'single',
        socketMode: false,
        botToken: local.botToken,
        signingSecret: local.signingSecret,
        apiUrl: local.fake.url,
      };
    }

    const queue = createJobQueue({
      backend:
        database.kind === 'pglite'
          ? { kind: 'pglite', pglite: database.pglite! }
          : { kind: 'postgres', connectionString: (config.database as { url: string }).url, poolSize: 4 },
      logger: logger.child({ component: 'jobs' }),
      ...(options.jobSettings ? { settings: options.jobSettings } : {}),
    });
    const jobs = toJobSink(queue);

    const tracker = createWorkTracker();
    const breaker = new CircuitBreaker({
      dependency: 'model',
      failureThreshold: options.breaker?.failureThreshold ?? 5,
      openMs: options.breaker?.openMs ?? 30_000,
      // Only transient dependency failures count; a bad request says nothing about the model's health.
      isFailure: (error) => !isEngineError(error) || error.retryable,
      onStateChange: (state, dependency) => {
        metrics.breakerState.set({ dependency }, state === 'closed' ? 0 : state === 'half-open' ? 1 : 2);
        logger.warn({ dependency, state }, 'circuit breaker changed state');
      },
    });

    // Requests the ack thread (when on) is answering: work that can wait lets them go first.
    const frontLoad = new FrontLoad();
    backlog = async () => ({ postAck: tracker.inFlight + frontLoad.undelivered, jobs: await queue.unfinished() });
    const visibility = createVisibilityResolver();
    // The publisher needs Slack clients and the Slack app needs the conversation service: resolved lazily.
    const publisher = createSlackPublisher({
      clientFor: (teamId) => slack.clientFor(teamId),
      pacer: new ChannelPacer(options.postGapMs ?? 1000),
      progressIntervalMs: options.progressIntervalMs ?? 1000,
      ...(options.streamLifetimeMs ? { streamLifetimeMs: options.streamLifetimeMs } : {}),
      ledger: store,
      // The author's App Home lists their designs: keep it current without waiting for them to reopen it.
      onDesignPublished: (c) => tracker.run(async () => publishHome(await slack.clientFor(c.teamId), { directory, visibility, ledger: store, feedback: repos.feedback }, c.teamId, c.userId)),
      logger,
    });
    const conversations = createConversationService({ store, jobs, publisher, extract, logger });
    const runner = createRunner({ store, engine, publisher, breaker, logger });
    const installationStore = repos.installations ? createInstallationStore(repos.installations) : undefined;
    const slack: SlackRuntime = createSlackApp({
      slack: slackConfig,
      postAckConcurrency: config.postAckConcurrency,
      acksFirst: () => frontLoad.quiet(),
      logger,
      deps: {
        logger,
        metrics,
        conversations,
        store,
        directory,
        visibility,
        ledger: store,
        feedback: repos.feedback,
        startLimiter: createKeyRateLimiter({ capacity: config.designsPerUserPerHour, perMs: 3_600_000 }),
      },
      ...(installationStore ? { installationStore } : {}),
      ...(options.slackRetryConfig ? { retryConfig: options.slackRetryConfig } : {}),
      tracker,
    });

    const timed = async (queueName: string, fn: () => Promise<void>) => {
      // A job can wait a moment for the acks being sent; Slack's 3 s cannot.
      await frontLoad.quiet();
      try {
        await fn();
        metrics.jobs.inc({ queue: queueName, outcome: 'completed' });
      } catch (error) {
        metrics.jobs.inc({ queue: queueName, outcome: 'failed' });
        logger.warn({ err: error }, `${queueName} job failed; the queue will retry it`);
        throw error;
      }
    };
    await queue.work('generate', (payload, ctx) =>
      withCorrelation({ correlationId: payload.correlationId, conversationId: payload.conversationId, jobId: ctx.jobId }, () =>
        timed('generate', () => runner.generate(payload, ctx.signal)),
      ),
      { concurrency: config.jobConcurrency },
    );
    await queue.work('revise', (payload, ctx) =>
      withCorrelation({ correlationId: payload.correlationId, conversationId: payload.conversationId, jobId: ctx.jobId }, () =>
        timed('revise', () => runner.revise(payload, ctx.signal)),
      ),
      { concurrency: config.jobConcurrency },
    );
    queue.onDeadLetter(async (letter) => {
      metrics.jobs.inc({ queue: letter.queue, outcome: 'dead_lettered' });
      const reason = letter.error ?? 'the job failed repeatedly';
      await withCorrelation({ correlationId: letter.payload.correlationId, conversationId: letter.payload.conversationId }, () =>
        letter.queue === 'revise'
          ? runner.replyDeadLettered(letter.payload.conversationId, letter.payload.request, reason)
          : runner.deadLettered(letter.payload.conversationId, reason),
      );
    });
    await queue.start();
    cleanups.push(() => queue.stop({ graceful: true, timeoutMs: 10_000 }));

    const sweep = setInterval(
      () => void repos.processedEvents.sweepProcessedEvents(config.processedEventRetentionHours).catch(() => undefined),
      60 * 60 * 1000,
    );
    sweep.unref();
    cleanups.push(async () => clearInterval(sweep));
    // PGlite has no autovacuum to keep the planner's and search's statistics current; a minute after start, then hourly.
    const analyze = () =>
      void refreshStatistics(database).catch((error: unknown) => logger.warn({ err: error }, 'gathering database statistics failed'));
    const firstAnalyze = setTimeout(analyze, 60_000);
    const analyzeAgain = setInterval(analyze, STATISTICS_INTERVAL_MS);
    firstAnalyze.unref();
    analyzeAgain.unref();
    cleanups.push(async () => {
      clearTimeout(firstAnalyze);
      clearInterval(analyzeAgain);
    });

    // The driver needs the bot's URL, known only once the server listens: until then the page answers 503.
    let driver: SlackDriver | undefined;
    let sandboxRoutes: RouteHandler | undefined;
    const routes: Record<string, RouteHandler> = {};
    if (local) {
      routes['/sandbox'] = (req, res, url) =>
        sandboxRoutes ? sandboxRoutes(req, res, url) : sendJson(res, 503, { ok: false, error: 'starting' });
    }
    const server: Server = createHttpServer({
      slack: slack.requestListener,
      metrics: metrics.registry,
      ready: () => pingDatabase(database),
      routes,
      onError: (error) => logger.error({ err: error }, 'HTTP handler failed'),
    });
    // Runs after the server has closed (cleanups run in reverse): listener work already acked finishes first.
    cleanups.push(() => settleWithin(tracker.whenIdle(), 10_000));
    let port: number;
    if ((options.ackThread ?? config.http.ackThread) && !slackConfig.socketMode) {
      // Slack's requests are verified and acked in their own thread; this server answers the rest, on loopback.
      const inner = await listen(server, 0, '127.0.0.1');
      cleanups.push(() => closeServer(server));
      const front = await startAckFront({
        port: config.http.port,
        host: config.http.host,
        signingSecret: slackConfig.signingSecret!,
        bodyLimit: SLACK_BODY_LIMIT_BYTES,
        known: KNOWN_INTERACTIONS,
        inner: `http://127.0.0.1:${inner}`,
        // Already answered (all but view submissions): handled once the acks being sent are out.
        deliver: async (delivery) => {
          let done = false;
          const handled = () => {
            if (!done) frontLoad.handled();
            done = true;
          };
          try {
            // Counted as undelivered until its listener has finished, not just acked.
            return await slack.deliver(delivery, handled);
          } catch (error) {
            handled();
            throw error;
          }
        },
        load: frontLoad.buffer,
        logger,
      });
      cleanups.push(() => front.close());
      port = front.port;
      if (options.yieldCpuToAcks) lowerThisThreadPriority(config.http.mainThreadNice, logger);
    } else {
      port = await listen(server, config.http.port, config.http.host);
      cleanups.push(() => closeServer(server));
    }
    await slack.start();
    cleanups.push(() => slack.stop());

    const url = `http://127.0.0.1:${port}`;
    if (local) {
      ({ driver, routes: sandboxRoutes } = local.attach(`${url}/slack/events`));
    }
    logger.info(
      { port, database: database.kind, engine: engine.name, slack: config.slack.mode },
      local ? `Integration Architect is running on the local Slack: open ${url.replace('127.0.0.1', 'localhost')}/sandbox` : 'Integration Architect is running',
    );
    return {
      port,
      url,
      database,
      queue,
      slack,
      ...(local && driver ? { sandbox: { fake: local.fake, driver, signingSecret: local.signingSecret } } : {}),
      logger,
      async idle(timeoutMs = 30_000) {
        const deadline = Date.now() + timeoutMs;
        // Two quiet looks in a row: finishing a job may start a tracked refresh just after the first.
        for (let quiet = 0; quiet < 2; ) {
          await settleWithin(tracker.whenIdle(), Math.max(0, deadline - Date.now()));
          const busy = tracker.inFlight > 0 || frontLoad.undelivered > 0 || (await queue.unfinished()) > 0;
          quiet = busy ? 0 : quiet + 1;
          if (busy && Date.now() > deadline) throw new Error(`the bot was still busy after ${timeoutMs} ms`);
          await new Promise((r) => setTimeout(r, busy ? 25 : 5));
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
