/**
 * Secret redaction, applied to user text before anything is sent to the model or stored. Precise
 * token formats are matched first; the generic `name: value` rules then require a value that looks like a
 * secret, so prose such as "the API key is rotated monthly" is left alone.
 */

export interface Redaction {
  kind: string;
  count: number;
}

export interface RedactionResult {
  text: string;
  redactions: Redaction[];
}

const mark = (kind: string) => `[REDACTED:${kind}]`;

/** Values that are references or placeholders, not secrets: `${DB_PASSWORD}`, `$TOKEN`, `<your key>`, `***`. */
function isPlaceholder(value: string): boolean {
  return (
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value) ||
    /^<[^<>]*>$/.test(value) ||
    /^\{\{[^{}]*\}\}$/.test(value) ||
    /^(?:\*+|x+|\.{3}|…|null|none|redacted|changeme)$/i.test(value) ||
    value.startsWith('[REDACTED')
  );
}

/**
 * Whether the value in `name<sep>value` is worth redacting. After `=` (query strings, env files) any concrete
 * value is; after `:` (prose and YAML alike) it must be quoted or look machine-generated.
 */
function looksSecret(raw: string, separator: string): boolean {
  const quoted = /^(["']).*\1$/.test(raw);
  const value = quoted ? raw.slice(1, -1) : raw;
  if (value === '' || isPlaceholder(value)) return false;
  if (quoted || separator === '=') return true;
  return (value.length >= 6 && /[^A-Za-z]/.test(value)) || value.length >= 16;
}

type Replacer = (match: string, ...groups: string[]) => string;

interface Rule {
  kind: string;
  pattern: RegExp;
  /** Returns the replacement, or the match itself to leave it (not counted). Defaults to the whole match. */
  replace?: (kind: string) => Replacer;
}

/** `prefix` keeps the name and separator; only the value is replaced. */
const valueOnly =
  (kind: string): Replacer =>
  (match, prefix, value) =>
    looksSecret(value!, prefix!.trimEnd().endsWith('=') ? '=' : ':') ? `${prefix}${mark(kind)}` : match;

const VALUE = String.raw`("[^"\n]*"|'[^'\n]*'|[^\s,;&"'}\])]+)`;
const pair = (names: string) => new RegExp(String.raw`(["']?\b(?:${names})["']?\s*[:=]\s*)${VALUE}`, 'gi');

const RULES: Rule[] = [
  {
    kind: 'private_key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*$)/g,
  },
  {
    kind: 'url_password',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]+):([^\s@/]+)@/gi,
    replace: (kind) => (match, scheme, user, pass) =>
      pass!.startsWith('[REDACTED') ? match : `${scheme}${user}:${mark(kind)}@`,
  },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g },
  { kind: 'private_key', pattern: /\bAGE-SECRET-KEY-1[A-Z0-9]{50,}/g },
  { kind: 'anthropic_key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'openai_key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'stripe_key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { kind: 'stripe_webhook_secret', pattern: /\bwhsec_[A-Za-z0-9+/=]{20,}/g },
  { kind: 'slack_token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack_token', pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack_webhook', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g },
  { kind: 'github_token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}/g },
  { kind: 'github_token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/g },
  { kind: 'aws_access_key_id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  {
    kind: 'aws_secret_access_key',
    pattern: /(aws_secret_access_key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    replace: (kind) => (_m, prefix) => `${prefix}${mark(kind)}`,
  },
  {
    // On its own, without its name: 40 characters of base64 alphabet with upper, lower and digits together
    // (a git SHA is lower-case hex; a word is not 40 letters long).
    kind: 'aws_secret_access_key',
    pattern: /(?<![A-Za-z0-9/+=_-])(?=[A-Za-z0-9/+]{0,39}[0-9])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=_-])/g,
  },
  { kind: 'google_api_key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'gitlab_token', pattern: /\bgl(?:pat|dt|rt|ptt|cbt)-[A-Za-z0-9_-]{20,}/g },
  { kind: 'npm_token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'sendgrid_key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { kind: 'shopify_token', pattern: /\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b/g },
  { kind: 'hubspot_token', pattern: /\bpat-(?:na|eu|ap)\d-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b/g },
  { kind: 'square_token', pattern: /\b(?:EAAA[A-Za-z0-9_-]{40,}|sq0(?:atp|csp)-[A-Za-z0-9_-]{22,})/g },
  { kind: 'twilio_key', pattern: /\bSK[a-f0-9]{32}\b/g },
  { kind: 'atlassian_token', pattern: /\bATATT3[A-Za-z0-9_=-]{40,}/g },
  { kind: 'digitalocean_token', pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/g },
  { kind: 'huggingface_token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/g },
  { kind: 'docker_token', pattern: /\bdckr_pat_[A-Za-z0-9_-]{20,}/g },
  { kind: 'pypi_token', pattern: /\bpypi-[A-Za-z0-9_-]{50,}/g },
  { kind: 'linear_key', pattern: /\blin_(?:api|oauth)_[A-Za-z0-9]{32,}/g },
  { kind: 'notion_token', pattern: /\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b/g },
  { kind: 'azure_key', pattern: /((?:AccountKey|SharedAccessKey|SharedAccessSignature)\s*=\s*)([^;\s"']+)/gi, replace: (kind) => (_m, prefix) => `${prefix}${mark(kind)}` },
  { kind: 'telegram_token', pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g },
  {
    kind: 'bearer_token',
    pattern: /\b(Bearer\s+)([A-Za-z0-9\-._~+/]{16,}=*)/g,
    // "Bearer authentication" is prose; tokens carry digits or are long.
    replace: (kind) => (match, prefix, token) => (/\d/.test(token!) || token!.length >= 32 ? `${prefix}${mark(kind)}` : match),
  },
  {
    kind: 'basic_auth',
    pattern: /(Authorization["']?\s*[:=]\s*["']?Basic\s+)([A-Za-z0-9+/]{8,}={0,2})/gi,
    replace: (kind) => (_m, prefix) => `${prefix}${mark(kind)}`,
  },
  { kind: 'password', pattern: pair('password|passwd|pwd|passphrase|db_password|database_password'), replace: valueOnly },
  {
    // Prose: "the admin password is hunter2!", "pw was Tr0ub4dor" — the value must look like one (see looksSecret).
    kind: 'password',
    pattern: /(\b(?:password|passwd|passphrase|pwd|pw|pin|passcode)\s+(?:is|was|=|of|:)\s+)("[^"\n]*"|'[^'\n]*'|[^\s,;"']+)/gi,
    replace: (kind) => (match, prefix, value) => {
      const bare = value!.replace(/[.!?]+$/, '');
      return looksSecret(bare, ':') ? `${prefix}${mark(kind)}${value!.slice(bare.length)}` : match;
    },
  },
  { kind: 'secret', pattern: pair('(?:[a-z]+_)*secret(?:_key)?'), replace: valueOnly },
  { kind: 'token', pattern: pair('(?:access|refresh|auth|api|bot|session)_token'), replace: valueOnly },
  { kind: 'api_key', pattern: pair('(?:x-)?api[_-]?key'), replace: valueOnly },
  { kind: 'private_key', pattern: pair('private[_-]?key'), replace: valueOnly },
];

/** The kinds of redaction markers a text carries, whoever put them there (an earlier pass at the edge, or this one). */
export function redactionMarkers(text: string): Redaction[] {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\[REDACTED:([a-z_]+)\]/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, count }));
}

export function redactSecrets(text: string): RedactionResult {
  const counts = new Map<string, number>();
  let out = text;
  for (const rule of RULES) {
    const replacer = rule.replace?.(rule.kind) ?? (() => mark(rule.kind));
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // Callback arguments: the capture groups, then the numeric offset, the whole string (and named groups).
      const groups = rest.slice(0, rest.findIndex((a) => typeof a === 'number')) as string[];
      const replaced = replacer(match, ...groups);
      if (replaced !== match) counts.set(rule.kind, (counts.get(rule.kind) ?? 0) + 1);
      return replaced;
    });
  }
  return { text: out, redactions: [...counts].map(([kind, count]) => ({ kind, count })) };
}

/** Redacts every string inside a JSON-like value, e.g. inputs typed into the form (user text like any other). */
export function redactSecretsDeep<T>(value: T): { value: T; redactions: Redaction[] } {
  const counts = new Map<string, number>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const result = redactSecrets(v);
      for (const r of result.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.count);
      return result.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value) as T;
  return { value: out, redactions: [...counts].map(([kind, count]) => ({ kind, count })) };
}
