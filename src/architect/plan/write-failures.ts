import type { FactRef, FlowPlan, SystemPlan } from './types.js';

/**
 * How a write to a destination fails, by what the destination speaks: an HTTP API answers 429 and 5xx, an SFTP
 * server closes the session or answers a status code, a database raises SQLSTATEs, a Kafka producer throws its own
 * exceptions. The retry classes, the failure-mode table and the code sample name the signals of the protocol the
 * flow actually uses, never HTTP's for a system that has none.
 */
export type WriteProtocol = 'http' | 'sftp' | 'ftp' | 'file-share' | 'postgres' | 'mysql' | 'sql-server' | 'sql' | 'dynamodb' | 'mongodb' | 'redis' | 'kafka';

function textOf(s: SystemPlan): string {
  return `${s.name} ${s.description} ${s.provider?.name ?? ''}`;
}

export function writeProtocol(f: FlowPlan): WriteProtocol {
  const what = textOf(f.to);
  switch (f.egress) {
    case 'file-write':
      if (/\bsftp\b|\bssh\b/i.test(what)) return 'sftp';
      if (/\bftps?\b/i.test(what)) return 'ftp';
      return 'file-share';
    case 'db-upsert':
      if (/\bpostgres|\bpostgresql\b|\bpg\b|\bsupabase\b|\bneon\b|\bcockroach/i.test(what)) return 'postgres';
      if (/\bmysql\b|\bmariadb\b|\bplanetscale\b/i.test(what)) return 'mysql';
      if (/\bsql server\b|\bmssql\b|\bazure sql\b/i.test(what)) return 'sql-server';
      if (/\bdynamo/i.test(what)) return 'dynamodb';
      if (/\bmongo/i.test(what)) return 'mongodb';
      if (/\bredis\b|\bvalkey\b/i.test(what)) return 'redis';
      // Cosmos DB is written through its HTTP API, which answers 429 (request rate too large) like any other.
      if (/\bcosmos/i.test(what)) return 'http';
      return 'sql';
    case 'stream-produce':
      return /\bkafka\b|\bmsk\b|\bconfluent\b|\bredpanda\b/i.test(what) ? 'kafka' : 'http';
    default:
      return 'http';
  }
}

interface ProtocolFailures {
  /** What the worker retries and what goes to the DLQ, as the end of a sentence starting "Retry". */
  retry: string;
  /** The same, shorter, for a compact document. */
  retryShort?: string;
  /** How an outage of the destination shows. */
  outage: string;
  /** How a rejected credential shows. */
  credential: string;
  /** The credential is a token the client can refresh (OAuth, an AWS role); an SSH key or a password is not. */
  refreshable?: true;
  /** The destination can throttle us with an answer of its own (429, a throttling exception). */
  throttles: boolean;
  /** A failure mode of this protocol alone: [failure, detection, mitigation]. */
  own?: [string, string, string];
  /** Where the codes above are defined. */
  sources?: FactRef[];
}

const PARTIAL_FILE: [string, string, string] = [
  'Partial or unreadable file at the reader',
  'the manifest’s row count or SHA-256 does not match',
  're-upload under the temporary name, rename, rewrite the manifest',
];

const SQL_CONTENTION: [string, string, string] = [
  'Lock contention on the target rows',
  'deadlock and serialization-failure rates',
  'retry the whole transaction with jitter; smaller batches; one writer per key',
];

const FAILURES: Record<WriteProtocol, ProtocolFailures> = {
  http: {
    retry: 'timeouts, resets, 408, 429 and 5xx (honouring `Retry-After`); other 4xx go to the DLQ',
    retryShort: 'timeouts, 408, 429 (`Retry-After`) and 5xx; other 4xx → DLQ',
    outage: '5xx and timeouts',
    credential: '401/403 rate',
    refreshable: true,
    throttles: true,
  },
  // Status codes of SFTP version 3 (draft-ietf-secsh-filexfer-02), the version OpenSSH's server speaks. Codes 6 and 7
  // are the client's own (a server never sends them); OpenSSH answers 4 for most other errors.
  sftp: {
    retry:
      'refused or timed-out connections and dropped sessions (the client reports them, e.g. as `SSH_FX_CONNECTION_LOST`), re-uploading the whole file under its temporary name (never appending to a partial one); `SSH_FX_FAILURE` (4) a few times, logging the server’s message: OpenSSH’s server uses it for a full disk, a quota and a rename onto an existing name alike (rename with `posix-rename@openssh.com` where the server offers it); a rejected key, a changed host key, `SSH_FX_PERMISSION_DENIED` (3) and `SSH_FX_NO_SUCH_FILE` (2: the drop folder is gone) go to the DLQ and page',
    retryShort:
      'dropped or refused connections (re-uploading the whole file under its temporary name) and `SSH_FX_FAILURE` a few times; a rejected key or host key, `SSH_FX_PERMISSION_DENIED` and `SSH_FX_NO_SUCH_FILE` → DLQ and page',
    outage: 'refused or timed-out connections',
    credential: 'SSH authentication failures or a changed host key',
    throttles: false,
    own: PARTIAL_FILE,
    sources: [
      { provider: 'SFTP', url: 'https://datatracker.ietf.org/doc/html/draft-ietf-secsh-filexfer-02' },
      { provider: 'OpenSSH', url: 'https://github.com/openssh/openssh-portable/blob/master/PROTOCOL' },
    ],
  },
  // RFC 959: 4yz replies are transient, 5yz permanent.
  ftp: {
    retry:
      'refused or timed-out connections and transient 4xx replies (421, 425, 426, 450, 451, 452), re-uploading the whole file under its temporary name; permanent 5xx replies (530 not logged in, 550 no access or no such folder, 552 storage exceeded) go to the DLQ and page',
    outage: 'refused or timed-out connections, 421 replies',
    credential: '530 replies (login rejected)',
    throttles: false,
    own: PARTIAL_FILE,
    sources: [{ provider: 'FTP', url: 'https://datatracker.ietf.org/doc/html/rfc959' }],
  },
  'file-share': {
    retry:
      'timeouts and an unreachable share, rewriting the whole file under its temporary name; permission and path errors go to the DLQ and page',
    outage: 'timeouts, share unreachable',
    credential: 'access-denied errors',
    throttles: false,
    own: [PARTIAL_FILE[0], PARTIAL_FILE[1], 'rewrite under the temporary name, rename, rewrite the manifest'],
  },
  // SQLSTATEs from PostgreSQL's Appendix A (errcodes).
  postgres: {
    retry:
      'lost connections (SQLSTATE class 08), serialization failures (40001), deadlocks (40P01) and timeouts, re-running the whole transaction; constraint violations (class 23) and bad data (class 22) go to the DLQ',
    outage: 'connection failures (class 08) and timeouts',
    credential: 'login failures (28P01, 28000)',
    throttles: false,
    own: SQL_CONTENTION,
    sources: [{ provider: 'PostgreSQL', url: 'https://www.postgresql.org/docs/current/errcodes-appendix.html' }],
  },
  mysql: {
    retry:
      'lost connections, deadlocks (error 1213) and lock-wait timeouts (1205), re-running the whole transaction; constraint and data errors go to the DLQ',
    outage: 'connection failures and timeouts',
    credential: 'access-denied errors (1045)',
    throttles: false,
    own: SQL_CONTENTION,
    sources: [{ provider: 'MySQL', url: 'https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html' }],
  },
  'sql-server': {
    retry:
      'lost connections, deadlock victims (error 1205) and timeouts, re-running the whole transaction; constraint and data errors go to the DLQ',
    outage: 'connection failures and timeouts',
    credential: 'login failures (18456)',
    throttles: false,
    own: SQL_CONTENTION,
    sources: [{ provider: 'SQL Server', url: 'https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/database-engine-events-and-errors' }],
  },
  sql: {
    retry:
      'lost connections, timeouts, deadlocks and serialization failures (the database’s own retryable codes), re-running the whole transaction; constraint and data errors go to the DLQ',
    outage: 'connection failures and timeouts',
    credential: 'login failures',
    throttles: false,
    own: SQL_CONTENTION,
  },
  // DynamoDB answers throttling with HTTP 400 and an exception name, not 429.
  dynamodb: {
    retry:
      '`ProvisionedThroughputExceededException`, `ThrottlingException`, `RequestLimitExceeded` (throttling arrives as HTTP 400 with these names, not 429), 5xx and timeouts; `ConditionalCheckFailedException` means a newer version is stored: skip, never retry; other validation errors go to the DLQ',
    outage: '5xx and timeouts',
    credential: '`AccessDeniedException`, `UnrecognizedClientException`',
    refreshable: true,
    throttles: true,
    sources: [{ provider: 'DynamoDB', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html' }],
  },
  mongodb: {
    retry:
      'network errors and errors labelled `RetryableWriteError` (the driver has already retried once), and `TransientTransactionError` inside a transaction; document-validation errors go to the DLQ',
    outage: 'server selection timeouts, network errors',
    credential: 'authentication failures (code 18)',
    throttles: false,
    sources: [{ provider: 'MongoDB', url: 'https://www.mongodb.com/docs/manual/core/retryable-writes/' }],
  },
  // Error replies name their kind in the first word.
  redis: {
    retry:
      'connection errors, timeouts and `LOADING`, `BUSY` and `TRYAGAIN` replies (the server is loading its data, running a script, or resharding); `OOM` (memory full) goes to the DLQ and pages',
    outage: 'connection errors and timeouts',
    credential: '`NOAUTH` or `WRONGPASS` replies',
    throttles: false,
  },
  // Java client exception names; librdkafka and others map the same broker errors.
  kafka: {
    retry:
      'what outlasts the idempotent producer’s own retries (they stay on: idempotence needs them, bounded by `delivery.timeout.ms`): `TimeoutException`, `NotEnoughReplicasException`; `RecordTooLargeException` and authorization failures go to the DLQ',
    outage: 'produce timeouts, `NotEnoughReplicasException`',
    credential: 'SASL authentication and topic authorization failures',
    throttles: false,
    sources: [{ provider: 'Apache Kafka', url: 'https://kafka.apache.org/documentation/#producerconfigs' }],
  },
};

function byProtocol(flows: FlowPlan[]): [WriteProtocol, string[]][] {
  const groups = new Map<WriteProtocol, string[]>();
  for (const f of flows) {
    const p = writeProtocol(f);
    const names = groups.get(p) ?? [];
    if (!names.includes(f.to.name)) names.push(f.to.name);
    groups.set(p, names);
  }
  return [...groups];
}

/** Each protocol's part, prefixed with its destinations when the flows write over more than one protocol. */
function joined(flows: FlowPlan[], part: (f: ProtocolFailures) => string, separator: string): string {
  const groups = byProtocol(flows);
  if (groups.length === 1) return part(FAILURES[groups[0]![0]]);
  return groups.map(([p, names]) => `${names.join(', ')}: ${part(FAILURES[p])}`).join(separator);
}

/** "Retry …" for the flows' destinations, each in its own protocol's terms. */
export function retryClasses(flows: FlowPlan[], options: { short?: boolean } = {}): string {
  const classes = (p: WriteProtocol) => (options.short ? (FAILURES[p].retryShort ?? FAILURES[p].retry) : FAILURES[p].retry);
  const groups = byProtocol(flows);
  if (groups.length === 1) return `Retry ${classes(groups[0]![0])}.`;
  return `${groups.map(([p, names]) => `${names.join(', ')}: retry ${classes(p)}`).join('. ')}.`;
}

export function outageSignal(flows: FlowPlan[]): string {
  return joined(flows, (f) => f.outage, '; ');
}

export function credentialSignal(flows: FlowPlan[]): string {
  return joined(flows, (f) => f.credential, '; ');
}

/** What to do about a rejected credential: refresh a token once where there is one to refresh. */
export function credentialMitigation(flows: FlowPlan[]): string {
  return byProtocol(flows).some(([p]) => FAILURES[p].refreshable)
    ? 'refresh once, then pause, DLQ and page'
    : 'pause, DLQ and page; rotate the key or password (nothing to refresh)';
}

/** Some destination can answer "slow down" (429 or a throttling exception). */
export function canThrottle(flows: FlowPlan[]): boolean {
  return flows.some((f) => FAILURES[writeProtocol(f)].throttles);
}

/** Failure modes of the protocols in use beyond the common ones, each once. */
export function protocolFailureModes(flows: FlowPlan[]): [string, string, string][] {
  const rows = new Map<string, [string, string, string]>();
  for (const [p] of byProtocol(flows)) {
    const own = FAILURES[p].own;
    if (own) rows.set(own[0], own);
  }
  return [...rows.values()];
}

/** Where the protocols' codes named in the retry classes are defined, for the Sources list. */
export function writeFailureSources(flows: FlowPlan[]): FactRef[] {
  return byProtocol(flows).flatMap(([p]) => FAILURES[p].sources ?? []);
}
