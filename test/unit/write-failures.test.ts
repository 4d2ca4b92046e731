import { describe, expect, it } from 'vitest';
import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import type { IntegrationInputs } from '../../src/architect/inputs.js';
import { buildPlan } from '../../src/architect/plan/index.js';
import { example, section } from './engines/scenarios.js';

/** Retries and failure modes speak the destination's protocol: SFTP status codes, SQLSTATEs, never HTTP's for a system without it. */

const engine = createOfflineEngine();
/** The retry-classes bullet: "Retry …", or "<destination>: retry …" when the flows write over several protocols. */
const retryLine = (markdown: string) => markdown.split('\n').find((l) => /^- (?:Retry (?!window)|[^:]+: retry )/.test(l));
const sources = (markdown: string) => markdown.slice(markdown.indexOf('## Sources'));
/** Decision ids, before the document is fitted to its length (which may cut low-priority rows). */
const decided = (inputs: IntegrationInputs) => buildPlan(inputs).decisions.map((d) => d.id);

function oneFlow(source: { name: string; description: string }, destination: { name: string; description: string }, extra: Partial<IntegrationInputs> = {}): IntegrationInputs {
  return {
    systems: [source, destination],
    flows: [{ from: source.name, to: destination.name, data: 'new and changed orders' }],
    volumePerDay: 20_000,
    latencySeconds: 3600,
    ...extra,
  };
}

const ordersDb = { name: 'Orders DB', description: 'our PostgreSQL orders database' };

describe('write failures in the destination’s protocol', () => {
  it('an SFTP file drop: SSH status codes, whole-file re-upload, a manifest failure mode, no HTTP codes', async () => {
    const sftpInputs = oneFlow(ordersDb, { name: 'Carrier SFTP', description: 'the carrier’s SFTP drop for order files' }, { latencySeconds: 86_400 });
    const { markdown } = await engine.design(sftpInputs);
    const retry = retryLine(markdown);
    expect(retry).toMatch(/SSH_FX_CONNECTION_LOST/);
    expect(retry).toMatch(/re-uploading the whole file under its temporary name/);
    expect(retry).not.toMatch(/429|5xx|4xx/);
    const failures = section(markdown, 'failure-modes');
    expect(failures).toMatch(/\| Carrier SFTP down 5 min \| refused or timed-out connections; breaker opens/);
    expect(failures).toContain('Partial or unreadable file at the reader');
    expect(failures).not.toMatch(/429|5xx/);
    expect(markdown).toMatch(/carrierSftp\.uploadThenRename\(msg\.file/);
    expect(sources(markdown)).toContain('https://datatracker.ietf.org/doc/html/draft-ietf-secsh-filexfer-02');
    const credential = buildPlan(sftpInputs).decisions.find((d) => d.id === 'failure:credential')?.block;
    expect(credential).toMatchObject({ kind: 'row', cells: ['Credential revoked or expired', 'SSH authentication failures or a changed host key', expect.stringMatching(/^pause, DLQ and page; rotate the key/)] });
  });

  it('a scheduled export into a file drop is idempotent per file (export date and part), not per record', async () => {
    const drop = { name: 'Payroll SFTP', description: 'the payroll vendor’s SFTP drop' };
    const nightly = buildPlan(oneFlow({ name: 'Workday', description: 'HR suite' }, drop, { latencySeconds: 86_400 }));
    expect(nightly.flows[0]).toMatchObject({ egress: 'file-write', key: 'workday:{export_date}:{part}' });
    // Events pushed one by one are still claimed one by one before they are batched into files.
    const pushed = buildPlan(oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, drop, { latencySeconds: 60 }));
    expect(pushed.flows[0]!.ingress).toBe('webhook');
    expect(pushed.flows[0]!.key).not.toContain('{export_date}');
  });

  it('an FTP server: transient 4xx replies retried, permanent 5xx replies dead-lettered', async () => {
    const { markdown } = await engine.design(oneFlow(ordersDb, { name: 'Partner FTP', description: 'the partner’s FTP server for order files' }, { latencySeconds: 86_400 }));
    expect(retryLine(markdown)).toMatch(/transient 4xx replies \(421, 425, 426, 450, 451, 452\).*permanent 5xx replies \(530/);
  });

  it('a PostgreSQL target: SQLSTATEs, the whole transaction re-run, lock contention; no throttling row for a webhook source', async () => {
    const inputs = oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, { name: 'Reporting DB', description: 'our PostgreSQL reporting database' }, { latencySeconds: 60 });
    const { markdown } = await engine.design(inputs);
    const retry = retryLine(markdown);
    expect(retry).toMatch(/serialization failures \(40001\), deadlocks \(40P01\)/);
    expect(retry).not.toMatch(/429|Retry-After/);
    const failures = section(markdown, 'failure-modes');
    expect(failures).toMatch(/connection failures \(class 08\) and timeouts; breaker opens/);
    expect(failures).toContain('Lock contention on the target rows');
    expect(decided(inputs)).not.toContain('failure:throttled');
    expect(markdown).toMatch(/reportingDb\.transaction\(\(tx\) => tx\.upsertRows/);
    expect(sources(markdown)).toContain('https://www.postgresql.org/docs/current/errcodes-appendix.html');
  });

  it('MySQL and SQL Server name their own deadlock errors', async () => {
    const mysql = await engine.design(oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, { name: 'Warehouse DB', description: 'MySQL 8 inventory database' }));
    expect(retryLine(mysql.markdown)).toMatch(/deadlocks \(error 1213\) and lock-wait timeouts \(1205\)/);
    const mssql = await engine.design(oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, { name: 'ERP DB', description: 'SQL Server database of the ERP' }));
    expect(retryLine(mssql.markdown)).toMatch(/deadlock victims \(error 1205\)/);
  });

  it('DynamoDB: throttling arrives as named exceptions, and the throttling failure mode stays', async () => {
    const inputs = oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, { name: 'Orders table', description: 'a DynamoDB table of orders' }, { latencySeconds: 60 });
    const { markdown } = await engine.design(inputs);
    expect(retryLine(markdown)).toMatch(/ProvisionedThroughputExceededException.*not 429/);
    expect(decided(inputs)).toContain('failure:throttled');
    expect(decided({ ...inputs, systems: [inputs.systems[0]!, { name: 'Orders table', description: 'our PostgreSQL orders table' }] })).not.toContain('failure:throttled');
  });

  it('Redis answers in its own error replies; Cosmos DB, written over HTTP, keeps 429 — neither gets SQL’s lock contention', async () => {
    const redisInputs = oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, { name: 'Cart cache', description: 'a Redis cache of carts' }, { latencySeconds: 60 });
    const redis = await engine.design(redisInputs);
    expect(retryLine(redis.markdown)).toMatch(/`LOADING`, `BUSY` and `TRYAGAIN`.*`OOM`/);
    const cosmosInputs = oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, { name: 'Orders store', description: 'an Azure Cosmos DB container of orders' }, { latencySeconds: 60 });
    const cosmos = await engine.design(cosmosInputs);
    expect(retryLine(cosmos.markdown)).toMatch(/408, 429 and 5xx/);
    for (const inputs of [redisInputs, cosmosInputs]) expect(decided(inputs)).not.toContain('failure:protocol:0');
  });

  it('a Kafka topic and a MongoDB collection: the producer’s and the driver’s own retryable errors', async () => {
    const kafka = await engine.design(oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, { name: 'Orders topic', description: 'a Kafka topic of order events' }, { latencySeconds: 60 }));
    expect(retryLine(kafka.markdown)).toMatch(/idempotent producer’s own retries .*`delivery\.timeout\.ms`.*`RecordTooLargeException`/);
    expect(retryLine(kafka.markdown)).not.toMatch(/429/);
    const mongo = await engine.design(oneFlow({ name: 'Shopify', description: 'e-commerce platform' }, { name: 'Orders store', description: 'a MongoDB collection of orders' }, { latencySeconds: 60 }));
    expect(retryLine(mongo.markdown)).toMatch(/labelled `RetryableWriteError`/);
  });

  it('an HTTP API keeps HTTP’s classes; flows over two protocols name each destination with its own', async () => {
    const http = await engine.design(example);
    expect(retryLine(http.markdown)).toMatch(/^- Retry timeouts, resets, 408, 429 and 5xx \(honouring `Retry-After`\); other 4xx go to the DLQ\./);
    expect(section(http.markdown, 'failure-modes')).toMatch(/down 5 min \| 5xx and timeouts; breaker opens/);
    expect(buildPlan(example).decisions.find((d) => d.id === 'failure:credential')?.block).toMatchObject({ cells: ['Credential revoked or expired', '401/403 rate', 'refresh once, then pause, DLQ and page'] });

    const mixed = await engine.design({
      systems: [
        { name: 'Stripe', description: 'payments' },
        { name: 'Salesforce', description: 'CRM' },
        { name: 'Finance DB', description: 'our PostgreSQL finance database' },
      ],
      flows: [
        { from: 'Stripe', to: 'Salesforce', data: 'successful payments' },
        { from: 'Stripe', to: 'Finance DB', data: 'successful payments' },
      ],
      volumePerDay: 20_000,
      latencySeconds: 60,
    });
    const retry = retryLine(mixed.markdown);
    expect(retry).toMatch(/Salesforce: retry timeouts, resets, 408, 429 and 5xx/);
    expect(retry).toMatch(/Finance DB: retry lost connections \(SQLSTATE class 08\)/);
  });
});
