import type { AuthKind, Push, Signature } from '../../knowledge/schema.js';
import { durS, literal } from '../../prose.js';
import type { PlanContext, Rule } from '../context.js';
import type { FlowPlan, SystemPlan } from '../types.js';
import { cite, cites } from './facts.js';

/**
 * Authentication from the facts: how each inbound push is verified (the vendor's exact signature scheme, or
 * its handshake when it signs nothing), and how we authenticate to each system we call (the vendor's method
 * for unattended integrations, token lifetimes and rotation, scopes), with the person's stated constraints
 * first. An unknown scheme is named as unknown, never replaced by a generic one.
 */

const SCHEME: Record<Signature['scheme'], string> = {
  'hmac-sha256': 'HMAC-SHA256',
  'hmac-sha1': 'HMAC-SHA1',
  'hmac-sha512': 'HMAC-SHA512',
  'rsa-sha256': 'an RSA-SHA256 signature',
  ecdsa: 'an ECDSA signature',
  ed25519: 'an Ed25519 signature',
  jwt: 'a signed JWT',
  'shared-token': 'a shared secret token',
  'basic-auth': 'HTTP Basic credentials',
  none: 'no signature',
};

const METHOD: Record<AuthKind, string> = {
  'oauth-authorization-code': 'per-user OAuth 2.0 (authorization code)',
  'oauth-client-credentials': 'OAuth 2.0 client credentials',
  'oauth-jwt-bearer': 'OAuth 2.0 JWT bearer',
  'app-installation-token': 'app installation tokens',
  'bot-token': 'a bot token',
  'api-key': 'an API key',
  'personal-access-token': 'a personal access token',
  basic: 'HTTP Basic',
  'oauth1-signature': 'OAuth 1.0a signed requests',
  'service-account': 'a service account',
  'cloud-iam': 'cloud IAM roles',
  mtls: 'mutual TLS',
  'ssh-key': 'an SSH key',
  'database-credentials': 'database credentials',
  sasl: 'SASL',
};

/**
 * How to verify one vendor's deliveries. With `shared` the practice every receiver follows (raw bytes,
 * constant-time compare, two secrets during rotation) is left out: it is stated once for all of them.
 */
export function verification(sig: Signature, shared = false): string {
  const name = sig.header ? sig.header.split(/\s+\(/)[0]!.trim() : null;
  const header = name ? `\`${name}\`` : sig.scheme === 'shared-token' ? 'the secret token in each delivery' : 'the signature';
  switch (sig.scheme) {
    case 'hmac-sha256':
    case 'hmac-sha1':
    case 'hmac-sha512': {
      const encoding = sig.encoding ? `, ${sig.encoding}-encoded` : '';
      const signsTimestamp = !!sig.timestampHeader || /timestamp/i.test(sig.signedContent ?? '');
      const replay = sig.replayWindowSeconds
        ? `reject a signed timestamp older than ${durS(sig.replayWindowSeconds)}`
        : signsTimestamp
          ? 'reject stale signed timestamps (the vendor states no window: confirm one)'
          : shared
            ? 'no signed timestamp, so the event-id dedupe stops replays'
            : 'no timestamp is signed, so replays are stopped by the event-id dedupe';
      const what = `verify ${header}: ${SCHEME[sig.scheme]} of ${sig.signedContent ?? 'the raw body'} with ${sig.key ?? 'the webhook secret'}${encoding}`;
      return shared ? `${what}; ${replay}` : `${what}; raw bytes, constant-time compare; ${replay}; keep two secrets during rotation`;
    }
    case 'rsa-sha256':
    case 'ecdsa':
    case 'ed25519':
      return `verify ${header}: ${SCHEME[sig.scheme]} over ${sig.signedContent ?? 'the payload'} with ${sig.key ?? "the vendor's public key"} (cache the key; refresh on unknown key ids)${sig.replayWindowSeconds ? `; reject timestamps older than ${durS(sig.replayWindowSeconds)}` : ''}`;
    case 'jwt':
      return `verify the JWT in ${header}: signature with ${sig.key ?? "the vendor's keys"}, issuer, audience and expiry`;
    case 'shared-token':
      return `compare ${name ? `${header} (${sig.key ?? 'the shared secret'})` : (sig.key ?? header)} with the secret we registered (constant time); it signs nothing, so act only on objects fetched back from the API`;
    case 'basic-auth':
      return `check the HTTP Basic credentials${name ? ` in ${header}` : ''} we registered (constant time); they sign nothing, so act only on objects fetched back from the API`;
    case 'none':
      return `deliveries are not signed${sig.note ? ` (${sig.note})` : ''}: treat each as a hint and fetch the object from the API before acting`;
  }
}

const HMAC = new Set(['hmac-sha256', 'hmac-sha1', 'hmac-sha512']);

function signatureOf(f: FlowPlan): Signature | null {
  return (f.ingress === 'webhook' || f.ingress === 'subscription') && f.push && 'signature' in f.push ? f.push.signature : null;
}

function inbound(ctx: PlanContext, f: FlowPlan, shared: boolean): void {
  const src = f.from;
  const push: Push | null = f.push;
  const id = `auth:in:${src.slug}`;
  if (ctx.decisions.some((d) => d.id === id)) return;
  if (f.ingress === 'webhook' || f.ingress === 'subscription') {
    const sig = push && 'signature' in push ? push.signature : null;
    let text: string;
    if (sig) text = verification(sig, shared);
    else {
      text = `${src.name}'s signature scheme is not documented here: confirm it before go-live; until then accept only HTTPS and fetch each object back from the API before acting`;
      ctx.toConfirm(src.name, 'how it signs webhook deliveries', 'webhook signing');
    }
    const handshake = push?.type === 'webhook' ? push.validation : push?.type === 'subscription' ? push.validation : null;
    text = `${text}.${handshake ? ` Handshake: ${handshake}.` : ''}`;
    if (handshake) {
      ctx.expect({
        label: `${src.name}'s endpoint handshake`,
        section: 'any',
        near: src.name,
        all: [/handshake|challenge|validat|verif|echo|intent to receive/i],
        instruction: `${src.name} checks the receiving endpoint: ${handshake}. Say how the receiver answers it.`,
        kind: 'mechanic',
      });
    }
    // The essentials: header, algorithm, what is signed, encoding, replay window.
    const short = sig
      ? `verify ${sig.header ? `\`${sig.header.split(/\s+\(/)[0]}\`` : 'each delivery'}: ${SCHEME[sig.scheme]}${HMAC.has(sig.scheme) && sig.signedContent ? ` of ${sig.signedContent}` : ''}${sig.encoding ? `, ${sig.encoding}` : ''}${sig.replayWindowSeconds ? `, timestamp within ${durS(sig.replayWindowSeconds)}` : ''}${shared ? '' : '; constant-time compare'}.`
      : text;
    ctx.decide({
      id,
      section: 'authentication',
      order: 10,
      priority: 1,
      fixed: true,
      block: { kind: 'bullet', label: `${src.name} → receiver`, text },
      short: { kind: 'bullet', label: `${src.name} → receiver`, text: short },
      facts: cites(cite(src, sig?.source ?? push?.source)),
    });
    if (sig) signatureChecks(ctx, src, sig);
  } else if (f.ingress === 'webhook-assumed') {
    ctx.decide({
      id,
      section: 'authentication',
      order: 10,
      priority: 1,
      block: { kind: 'bullet', label: `${src.name} → receiver`, text: `use the signature scheme ${src.name} documents (confirm it); reject unsigned or stale deliveries, compare in constant time, keep two secrets during rotation.` },
    });
  } else if ((f.ingress === 'ingest-api' || f.ingress === 'request') && src.kind === 'api-gateway') {
    ctx.decide({
      id,
      section: 'authentication',
      order: 10,
      priority: 1,
      block: { kind: 'bullet', label: `${src.name} → our API`, text: 'callers are partner servers: each partner gets its own credential (an API key on a usage plan, OAuth client credentials or mTLS), throttled per partner at the gateway; keys rotate without downtime (two valid at once).' },
    });
  } else if (f.ingress === 'ingest-api' || (f.ingress === 'request' && src.kind === 'client-app')) {
    ctx.decide({
      id,
      section: 'authentication',
      order: 10,
      priority: 1,
      block: { kind: 'bullet', label: `${src.name} → ${f.via?.name ?? 'ingest API'}`, text: 'users sign in with OIDC (short-lived access tokens, refresh tokens in the platform keychain); the gateway validates each JWT (issuer, audience, expiry) and rate-limits per user and device. The app holds no integration credentials.' },
    });
  }
}

function signatureChecks(ctx: PlanContext, src: SystemPlan, sig: Signature): void {
  if (sig.header) {
    ctx.expect({
      label: `${src.name} signature header`,
      section: 'authentication',
      near: src.name,
      all: [literal(sig.header.split(/[\s(]/)[0]!)],
      instruction: `Verify ${src.name}'s deliveries with its documented scheme: ${verification(sig)}.`,
      kind: 'fact',
    });
  }
  const wrong: RegExp[] = [];
  if (sig.scheme.startsWith('hmac')) {
    const others = ['sha1', 'sha256', 'sha512'].filter((a) => `hmac-${a}` !== sig.scheme);
    wrong.push(new RegExp(`hmac[- ]?(?:${others.join('|')})\\b`, 'i'), /\b(?:rsa|ecdsa|ed25519)\b/i);
  } else wrong.push(/\bhmac\b/i);
  if (sig.encoding === 'base64') wrong.push(/\bhex(?:adecimal)?\b(?!-?\s*(?:encoded\s+)?(?:HMAC\s+)?key)/i);
  if (sig.encoding === 'hex') wrong.push(/\bbase64\b/i);
  if (!sig.timestampHeader && !/timestamp/i.test(sig.signedContent ?? '')) wrong.push(/timestamp\s*(?:\+|and|\.)\s*(?:the )?raw body|\+\s*raw body/i);
  for (const pattern of wrong) {
    ctx.prohibit({
      label: `${src.name}'s signature scheme`,
      near: src.name,
      context: /signature|signed|hmac|verify/i,
      pattern,
      instruction: `${src.name} signs deliveries as documented: ${verification(sig)}. Do not describe another scheme.`,
    });
  }
}

function statedFor(ctx: PlanContext, s: SystemPlan): string | null {
  const text = ctx.raw.auth;
  if (!text) return null;
  const sentence = text.split(/(?<=[;\n])\s*|(?<=\.)\s+/).find((x) => x.toLowerCase().includes(s.name.toLowerCase()));
  return sentence?.trim().replace(/[.;]$/, '') ?? null;
}

function kindCredential(s: SystemPlan, ctx: PlanContext): string {
  switch (s.kind) {
    case 'database':
      return `a dedicated database role with only the grants it needs${ctx.flows.some((f) => f.from === s && f.ingress === 'cdc') ? ' (read plus replication for CDC)' : ' (write on the target tables)'}; TLS; the password from ${ctx.queue.secrets}, rotated`;
    case 'event-stream':
    case 'queue':
      return `${ctx.queue.cloud ? 'the workload’s IAM role' : 'SASL/SCRAM or mTLS'}, with ACLs limited to the topics or queues it reads and writes`;
    case 'warehouse':
      return 'a service user with key-pair or workload-identity auth, granted only load and MERGE on the target schema';
    case 'search-index':
      return 'an API key (or role) limited to writing the target indices';
    case 'object-store':
      return 'an IAM role (no static keys) whose policy covers only the integration prefix';
    case 'file-drop':
      return 'an SSH key (no password), the server’s host key pinned, the account confined to the drop folder';
    case 'internal-service':
    case 'api-gateway':
      return 'OAuth 2.0 client credentials from our identity provider (or mTLS between services), scoped to the calls it makes';
    case 'client-app':
      return 'the user’s own session; nothing shared';
    case 'saas-api':
      return `the method ${s.name} documents for unattended integrations (confirm which it offers)`;
  }
}

function outbound(ctx: PlanContext, s: SystemPlan): void {
  const stated = statedFor(ctx, s);
  const auth = s.provider && !s.provider.generic ? s.provider.auth : null;
  const reads = ctx.flows.some((f) => f.from === s) && !ctx.flows.some((f) => f.to === s);
  const label = `${s.name}${reads ? ' (reads)' : ''}`;
  if (!auth) {
    if (s.kind === 'saas-api') ctx.toConfirm(s.name, 'which authentication method it offers for unattended integrations', 'auth method');
    const text = stated ? `as stated ("${stated}"); ${kindCredential(s, ctx)}.` : `${kindCredential(s, ctx)}.`;
    ctx.decide({ id: `auth:out:${s.slug}`, section: 'authentication', order: 20, priority: 1, block: { kind: 'bullet', label, text } });
    return;
  }
  const method = auth.methods.find((m) => m.kind === auth.recommended) ?? auth.methods.find((m) => m.unattended) ?? auth.methods[0]!;
  const parts = [method.detail];
  const oauth = method.kind.startsWith('oauth') || method.kind === 'app-installation-token' || method.kind === 'service-account';
  // The vendor's detail may already give the lifetime ("access tokens expire after 30 days"): do not say it twice.
  const lifetimeSaid = /\btokens?\b[^;]*\b(?:expire|last|valid)/i.test(method.detail);
  if (auth.accessTokenLifetimeSeconds && oauth) parts.push(lifetimeSaid ? 'refresh before expiry and once more on 401' : `access tokens last ${durS(auth.accessTokenLifetimeSeconds)}, refreshed before expiry and once more on 401`);
  const perUser = method.kind === 'oauth-authorization-code';
  if (auth.refreshTokenRotates && perUser) parts.push(`each refresh returns a new refresh token that replaces the old one (store it atomically)${auth.refreshTokenLifetime ? `; refresh tokens: ${auth.refreshTokenLifetime}` : ''}`);
  else if (auth.refreshTokenLifetime && perUser) parts.push(`refresh tokens: ${auth.refreshTokenLifetime}`);
  // Tokens belong to whoever granted them: a user, or a store, company or seller that installed the app.
  const holder = /\bper (store|shop|company|realm|organi[sz]ation|account|seller|tenant|workspace|site)\b/i.exec(method.detail)?.[1] ?? null;
  if (method.kind === 'oauth-authorization-code') {
    parts.push(holder ? `one token set per ${holder}, encrypted at rest; a revoked grant asks its admin to reconnect` : 'one token set per connected user, encrypted at rest; a revoked or expired grant asks that user to reconnect');
  }
  if (method.kind === 'api-key' || method.kind === 'personal-access-token' || method.kind === 'basic') parts.push('rotate on a schedule: the new credential first, then revoke the old');
  if (auth.scopes) parts.push(`least privilege: ${auth.scopes.split(/;\s*/)[0]}`);
  const text = `${stated ? `as stated ("${stated}"); ` : ''}${parts.join('; ')}.`;
  ctx.decide({
    id: `auth:out:${s.slug}`,
    section: 'authentication',
    order: 20,
    priority: 1,
    block: { kind: 'bullet', label, text },
    // The vendor's specifics stay; the generic advice (rotation schedule, refresh timing) goes.
    short: {
      kind: 'bullet',
      label,
      text: `${parts
        .filter((p) => !p.startsWith('rotate on a schedule') && !p.startsWith('refresh before expiry'))
        .map((p) => (p.startsWith('one token set per') ? p.split(/;\s*/)[0]! : p.replace(/, refreshed before expiry and once more on 401$/, '')))
        .join('; ')}.`,
    },
    minimal: { kind: 'bullet', label, text: `${[method.detail.split(/;\s*/)[0]!, ...(auth.scopes ? [`least privilege: ${auth.scopes.split(/[;(]\s*/)[0]!.trim()}`] : [])].join('; ')}.` },
    facts: cites(cite(s, auth.source)),
  });
  // Any method the vendor documents for unattended use is right; the recommended one is what we suggest.
  const acceptable = auth.methods.filter((m) => m.unattended || m === method);
  ctx.expect({
    label: `${s.name}'s documented auth method`,
    section: 'authentication',
    near: s.name,
    all: [new RegExp(acceptable.map((m) => `${methodPattern(m.kind).source}|${m.detail.split(/[^A-Za-z0-9-]+/).filter(Boolean).slice(0, 2).join('\\W+')}`).join('|'), 'i')],
    instruction: `Authenticate to ${s.name} with a method it documents: ${METHOD[method.kind]} (${method.detail}).`,
    kind: 'fact',
  });
  const offered = new Set(auth.methods.map((m) => m.kind));
  if (!offered.has('oauth-client-credentials') && !/client credentials/i.test(stated ?? '')) {
    ctx.prohibit({
      label: `${s.name} offers no client-credentials grant`,
      near: s.name,
      context: /oauth|token|credential|auth/i,
      pattern: /client[- ]credentials/i,
      instruction: `${s.name} does not document an OAuth client-credentials grant; use ${METHOD[method.kind]}.`,
    });
  }
  if (!offered.has('oauth-jwt-bearer') && !offered.has('service-account') && !/jwt/i.test(stated ?? '')) {
    ctx.prohibit({
      label: `${s.name} offers no JWT bearer grant`,
      near: s.name,
      context: /oauth|token|credential|auth/i,
      pattern: /jwt[- ]bearer/i,
      instruction: `${s.name} does not document a JWT bearer grant; use ${METHOD[method.kind]}.`,
    });
  }
}

function methodPattern(kind: AuthKind): RegExp {
  const words: Record<AuthKind, RegExp> = {
    'oauth-authorization-code': /oauth|authori[sz]ation code|per-user/i,
    'oauth-client-credentials': /client[ _]credentials/i,
    'oauth-jwt-bearer': /jwt/i,
    'app-installation-token': /installation/i,
    'bot-token': /bot token|xoxb/i,
    'api-key': /api key|restricted key|secret key|\bkey\b/i,
    'personal-access-token': /access token|\bpat\b/i,
    basic: /basic/i,
    'oauth1-signature': /oauth 1|token-based auth|\btba\b/i,
    'service-account': /service account/i,
    'cloud-iam': /\biam\b|role/i,
    mtls: /mtls|mutual tls|client cert/i,
    'ssh-key': /ssh/i,
    'database-credentials': /role|credential|password/i,
    sasl: /sasl|scram/i,
  };
  return words[kind];
}

export const authRule: Rule = {
  id: 'auth',
  write(ctx) {
    if (ctx.raw.auth) {
      ctx.decide({ id: 'auth:given', section: 'authentication', order: 1, priority: 2, block: { kind: 'paragraph', text: `Given: "${ctx.raw.auth}".` } });
    }
    // Two or more HMAC receivers: the common practice once, each vendor's specifics on its own line.
    const hmacSources = new Set(ctx.flows.filter((f) => HMAC.has(signatureOf(f)?.scheme ?? '')).map((f) => f.from));
    const shared = hmacSources.size >= 2;
    for (const f of ctx.flows) inbound(ctx, f, shared);
    if (shared) {
      ctx.decide({
        id: 'auth:in:shared',
        section: 'authentication',
        order: 11,
        priority: 1,
        fixed: true,
        block: { kind: 'bullet', label: 'Every receiver', text: 'computes the HMAC over the raw bytes before parsing, compares in constant time, and keeps two secrets valid during rotation.' },
      });
    }
    for (const s of ctx.connected()) outbound(ctx, s);
    ctx.decide({
      id: 'auth:secrets',
      section: 'authentication',
      order: 90,
      priority: 1,
      block: { kind: 'bullet', label: 'Secrets', text: `in ${ctx.queue.secrets}, one per system and environment, re-read on rotation; never in code, logs or queued messages.` },
      short: { kind: 'bullet', label: 'Secrets', text: `in ${ctx.queue.secrets}, one per system and environment.` },
    });
  },
};
