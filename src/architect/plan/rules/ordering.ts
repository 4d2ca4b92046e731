import { article, capitalize, listing } from '../../prose.js';
import type { Rule } from '../context.js';
import type { FlowPlan } from '../types.js';

/**
 * Ordering and two-way sync. Where the source delivers in order per key (a partitioned log, a change stream),
 * the design keeps it by partitioning on the entity; otherwise a change applies only if it is newer — by a
 * version where one exists, by a status precedence for things that move through states. Two flows between the
 * same pair need an owner per field and echo-loop prevention.
 */

const PRECEDENCE: [RegExp, string][] = [
  [/order|payment|invoice|charge/, 'created < paid < fulfilled < refunded'],
  [/ticket|incident|case|issue/, 'new < open < pending < solved < closed'],
  [/pull request|merge request/, 'opened < merged or closed'],
  [/shipment|delivery/, 'label created < in transit < delivered'],
];
const STATEFUL = /\b(?:pull requests?|merge requests?|orders?|tickets?|incidents?|payments?|invoices?|shipments?|fulfil\w*|subscriptions?|deals?|opportunit\w*|cases?|tasks?|issues?|applications?|bookings?|claims?)\b/i;

export const orderingRule: Rule = {
  id: 'ordering',
  write(ctx) {
    const ordered = ctx.flows.filter((f) => ['per-key', 'ordered'].includes(f.push?.delivery?.ordering ?? '') || f.ingress === 'cdc' || f.ingress === 'outbox');
    const unordered = ctx.flows.filter((f) => !ordered.includes(f));
    const keyedOnly = ordered.filter((f) => f.ingress === 'consumer');
    if (keyedOnly.length > 0) {
      ctx.decide({
        id: 'ordering:keyed',
        section: 'pattern',
        order: 40,
        priority: 1,
        block: {
          kind: 'bullet',
          label: 'Ordering',
          text: `${listing([...new Set(keyedOnly.map((f) => f.from.name))])} orders delivery only within one key (a partition key, ordering key or FIFO group) and only when the producer sets it: key every record by the id whose order matters (${listing([...new Set(keyedOnly.map((f) => `${f.entity} id`))])}, or the account it belongs to), and still apply a change only if its version is newer.`,
        },
        short: {
          kind: 'bullet',
          label: 'Ordering',
          text: `ordered per partition key only: key records by ${listing([...new Set(keyedOnly.map((f) => `${f.entity} id`))])} (or the account it belongs to); apply a change only if its version is newer.`,
        },
      });
    }
    const logOrdered = ordered.filter((f) => f.ingress !== 'consumer');
    if (logOrdered.length > 0) {
      const keys = listing([...new Set(logOrdered.map((f) => `${f.entity} id`))]);
      ctx.decide({
        id: 'ordering:ordered',
        section: 'pattern',
        order: 40,
        priority: 1,
        block: { kind: 'bullet', label: 'Ordering', text: `${listing([...new Set(logOrdered.map((f) => f.from.name))])} keep${logOrdered.length === 1 ? 's' : ''} each record's changes in commit order; the queue is partitioned on ${keys} so one worker handles a key at a time.` },
      });
    }
    if (unordered.length > 0) {
      const stateful = unordered.filter((f) => STATEFUL.test(f.data));
      const precedence = stateful.length
        ? ` ${capitalize(listing([...new Set(stateful.map((f) => `${article(f.entity)}'s`))]))} status never moves backwards (a precedence table${precedenceExample(stateful[0]!.entity)}).`
        : '';
      const which = ordered.length > 0 ? ` (${listing(unordered.map((f) => `${f.from.name} → ${f.to.name}`))})` : '';
      ctx.decide({
        id: 'ordering:unordered',
        section: 'pattern',
        order: 40,
        priority: 1,
        block: { kind: 'bullet', label: `Ordering${which}`, text: `at least once and unordered: apply a change only if its \`updated_at\`/version is newer than the stored one.${precedence}` },
        short: { kind: 'bullet', label: `Ordering${which}`, text: `at least once, unordered: only a newer version applies${stateful.length ? '; statuses never move backwards' : ''}.` },
      });
    }
    ctx.expect({
      label: 'Out-of-order and duplicate deliveries handled',
      section: 'any',
      near: null,
      all: [/order/i, /newer|version|precedence|partition|sequence/i],
      instruction: 'Say how ordering is kept or repaired: apply a change only if newer (version or updated_at), a status precedence for stateful entities, or per-key partitioning where the source orders.',
      kind: 'mechanic',
    });
  },
};

function precedenceExample(entity: string): string {
  const example = PRECEDENCE.find(([re]) => re.test(entity))?.[1];
  return example ? `: ${example}` : '';
}

export const bidirectionalRule: Rule = {
  id: 'bidirectional',
  write(ctx) {
    const pairs = new Map<string, FlowPlan[]>();
    for (const f of ctx.flows.filter((x) => x.bidirectional)) {
      const key = [f.from.slug, f.to.slug].sort().join('|');
      pairs.set(key, [...(pairs.get(key) ?? []), f]);
    }
    for (const [key, flows] of pairs) {
      const [a, b] = [flows[0]!.from, flows[0]!.to];
      const dataOf = (s: typeof a) => listing(flows.filter((f) => f.from === s).map((f) => f.data));
      // Long flow descriptions are already in Requirements: point to them rather than repeat them.
      const spelled = `${dataOf(a)} ${dataOf(b)}`.split(/\s+/).length <= 14;
      const owners = spelled ? `each field has one owner (${a.name}: ${dataOf(a)}; ${b.name}: ${dataOf(b)})` : 'each field has one owner: the side whose flow above carries it';
      ctx.decide({
        id: `bidirectional:${key}`,
        section: 'pattern',
        order: 41,
        priority: 1,
        short: {
          kind: 'bullet',
          label: 'Two-way sync',
          text: `${owners}, newer \`updated_at\` wins; an origin marker drops echoes of our own writes.`,
        },
        block: {
          kind: 'bullet',
          label: 'Two-way sync',
          text:
            `${owners}; ` +
            `a field both edit goes to the newer \`updated_at\`, ties to ${a.name}. Echo loops: our writes carry an origin marker (the integration user plus a hash of the values), and a change matching the last hash we wrote is dropped.`,
        },
      });
      ctx.expect({
        label: `Two-way sync between ${a.name} and ${b.name}: field ownership and loop prevention`,
        section: 'any',
        near: null,
        all: [/own(?:er|s|ership)|conflict|wins/i, /loop|echo|origin/i],
        instruction: `${a.name} and ${b.name} sync both ways: state who owns each field (or the conflict rule) and how the integration's own writes are recognised so they do not echo back.`,
        kind: 'mechanic',
      });
      ctx.decide({
        id: `failure:loop:${key}`,
        section: 'failure-modes',
        order: 60,
        priority: 2,
        block: { kind: 'row', cells: ['Sync loop', 'echo counter, same hash twice', 'origin marker drops our own writes'] },
      });
    }
  },
};
