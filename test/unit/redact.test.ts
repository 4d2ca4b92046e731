import { describe, expect, it } from 'vitest';
import { redactSecrets, redactSecretsDeep } from '../../src/conversation/redact.js';

// Fake credentials are assembled at run time so the repository never contains anything a secret scanner
// (or a reader) could mistake for a real key.
const rep = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const b64 = (n: number) => rep('aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz', n);
const upper = (n: number) => rep('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', n);
const jwt = ['eyJ' + b64(20), 'eyJ' + b64(40), b64(43).replace(/[+/]/g, '_')].join('.');
const pem = ['-----BEGIN RSA ' + 'PRIVATE KEY-----', b64(64), b64(64), '-----END RSA ' + 'PRIVATE KEY-----'].join('\n');

const positives: { name: string; input: string; kind: string; secret: string; keep?: string }[] = [
  { name: 'Stripe live secret key', input: `key is ${'sk_' + 'live_' + b64(24)}`, kind: 'stripe_key', secret: 'sk_' + 'live_' },
  { name: 'Stripe test secret key', input: `use ${'sk_' + 'test_' + b64(24)} in CI`, kind: 'stripe_key', secret: 'sk_' + 'test_' },
  { name: 'Stripe restricted key', input: `${'rk_' + 'live_' + b64(30)}`, kind: 'stripe_key', secret: 'rk_' + 'live_' },
  { name: 'Stripe webhook secret', input: `signing ${'whsec_' + b64(32)}`, kind: 'stripe_webhook_secret', secret: 'whsec_' },
  { name: 'Slack bot token', input: `token ${'xox' + 'b-' + '1234567890-0987654321-' + b64(24)}`, kind: 'slack_token', secret: 'xoxb-' },
  { name: 'Slack user token', input: `${'xox' + 'p-' + '1234567890-1234-' + b64(20)}`, kind: 'slack_token', secret: 'xoxp-' },
  { name: 'Slack app token', input: `SLACK_APP_TOKEN ${'xapp-' + '1-A0123-4567-' + b64(30)}`, kind: 'slack_token', secret: 'xapp-' },
  { name: 'GitHub classic PAT', input: `${'gh' + 'p_' + b64(36)}`, kind: 'github_token', secret: 'ghp_' },
  { name: 'GitHub OAuth token', input: `oauth ${'gh' + 'o_' + b64(36)}`, kind: 'github_token', secret: 'gho_' },
  { name: 'GitHub fine-grained PAT', input: `${'github_' + 'pat_' + b64(22) + '_' + b64(59)}`, kind: 'github_token', secret: 'github_pat_' },
  { name: 'AWS access key id', input: `id ${'AK' + 'IA' + upper(16)} here`, kind: 'aws_access_key_id', secret: 'AKIA' },
  {
    name: 'AWS secret access key',
    input: `aws_secret_access_key = ${b64(40)}`,
    kind: 'aws_secret_access_key',
    secret: b64(40),
    keep: 'aws_secret_access_key = ',
  },
  { name: 'Google API key', input: `maps ${'AI' + 'za' + b64(35)}`, kind: 'google_api_key', secret: 'AIza' },
  { name: 'OpenAI key', input: `OPENAI ${'sk-' + 'proj-' + b64(40)}`, kind: 'openai_key', secret: 'sk-proj-' },
  { name: 'Anthropic key', input: `${'sk-' + 'ant-' + 'api03-' + b64(60)}`, kind: 'anthropic_key', secret: 'sk-ant-' },
  { name: 'generic api_key=', input: `api_key=${b64(12)}`, kind: 'api_key', secret: b64(12), keep: 'api_key=' },
  { name: 'generic x-api-key header', input: `x-api-key: ${b64(24)}`, kind: 'api_key', secret: b64(24), keep: 'x-api-key: ' },
  { name: 'JSON "apiKey"', input: `{"apiKey": "${b64(10)}"}`, kind: 'api_key', secret: b64(10), keep: '"apiKey": ' },
  { name: 'Bearer token', input: `Authorization: Bearer ${b64(30)}`, kind: 'bearer_token', secret: b64(30), keep: 'Bearer ' },
  { name: 'JWT', input: `id_token ${jwt} expired`, kind: 'jwt', secret: jwt, keep: 'expired' },
  {
    name: 'password in URL',
    input: 'connect to postgres://app:' + 's3cr3t-pw' + '@db.internal:5432/app',
    kind: 'url_password',
    secret: 's3cr3t-pw',
    keep: 'postgres://app:[REDACTED:url_password]@db.internal:5432/app',
  },
  { name: 'password= pair', input: 'login with password=' + 'hunter22' + '&user=bob', kind: 'password', secret: 'hunter22', keep: '&user=bob' },
  { name: 'YAML password:', input: 'password: ' + 'Tr0ub4dor&3', kind: 'password', secret: 'Tr0ub4dor', keep: 'password: ' },
  { name: 'client_secret=', input: 'client_secret=' + b64(20), kind: 'secret', secret: b64(20), keep: 'client_secret=' },
  { name: 'secret: quoted', input: `secret: "${'correct horse'}"`, kind: 'secret', secret: 'correct horse', keep: 'secret: ' },
  { name: 'access_token= in query', input: `https://api.example.com/v1?access_token=${b64(24)}`, kind: 'token', secret: b64(24) },
  { name: 'PEM private key', input: `Here:\n${pem}\nthanks`, kind: 'private_key', secret: b64(64), keep: 'thanks' },
  { name: 'Slack incoming webhook', input: `post to https://hooks.slack.com/services/T000/B000/${b64(24)}`, kind: 'slack_webhook', secret: b64(24) },
  {
    name: 'Basic auth header',
    input: `Authorization: Basic ${Buffer.from('user:' + 'pw12345').toString('base64')}`,
    kind: 'basic_auth',
    secret: Buffer.from('user:' + 'pw12345').toString('base64'),
  },
  { name: 'AWS secret access key on its own', input: `the key is ${b64(40)} for prod`, kind: 'aws_secret_access_key', secret: b64(40), keep: 'for prod' },
  { name: 'password in prose', input: 'the admin password is ' + 'hunter2!' + ' please rotate', kind: 'password', secret: 'hunter2', keep: 'please rotate' },
  { name: 'passphrase in prose, quoted', input: `passphrase is "${'blue tiger 42'}"`, kind: 'password', secret: 'blue tiger' },
  { name: 'GitLab PAT', input: `${'gl' + 'pat-' + b64(20)}`, kind: 'gitlab_token', secret: 'glpat-' },
  { name: 'npm token', input: `${'np' + 'm_' + b64(36)}`, kind: 'npm_token', secret: b64(36) },
  { name: 'SendGrid key', input: `${'S' + 'G.' + b64(22) + '.' + b64(43)}`, kind: 'sendgrid_key', secret: 'SG.' },
  { name: 'Shopify admin token', input: `X-Shopify-Access-Token ${'shp' + 'at_' + 'a1b2c3d4'.repeat(4)}`, kind: 'shopify_token', secret: 'shpat_' },
  { name: 'HubSpot private app token', input: `${'pat-' + 'na1-' + '1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f'}`, kind: 'hubspot_token', secret: 'pat-na1-' },
  { name: 'Twilio API key', input: `${'S' + 'K' + 'a1b2c3d4'.repeat(4)}`, kind: 'twilio_key', secret: 'a1b2c3d4a1b2' },
  {
    name: 'Azure storage connection string',
    input: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${b64(60)}==;EndpointSuffix=core.windows.net`,
    kind: 'azure_key',
    secret: b64(60),
    keep: 'EndpointSuffix=core.windows.net',
  },
  { name: 'ADO.NET connection string password', input: 'Server=db;User Id=app;Password=' + 'Sup3r$ecret' + ';', kind: 'password', secret: 'Sup3r$ecret' },
  { name: 'Telegram bot token', input: `${'123456789:AA' + b64(33)}`, kind: 'telegram_token', secret: b64(33) },
  { name: 'Atlassian API token', input: `${'ATATT3' + b64(60)}`, kind: 'atlassian_token', secret: 'ATATT3' },
];

describe('redactSecrets: positives', () => {
  it.each(positives)('$name', ({ input, kind, secret, keep }) => {
    const { text, redactions } = redactSecrets(input);
    expect(text).not.toContain(secret);
    expect(text).toContain(`[REDACTED:${kind}]`);
    expect(redactions).toContainEqual({ kind, count: 1 });
    if (keep) expect(text).toContain(keep);
  });

  it('counts several secrets of several kinds', () => {
    const a = 'sk_' + 'live_' + b64(24);
    const b = 'sk_' + 'test_' + b64(24);
    const c = 'gh' + 'p_' + b64(36);
    const { text, redactions } = redactSecrets(`${a} and ${b}; also ${c}`);
    expect(text).toBe('[REDACTED:stripe_key] and [REDACTED:stripe_key]; also [REDACTED:github_token]');
    expect(redactions).toEqual([
      { kind: 'stripe_key', count: 2 },
      { kind: 'github_token', count: 1 },
    ]);
  });

  it('redacts a PEM block that was pasted without its END line', () => {
    const { text } = redactSecrets(`key:\n-----BEGIN ${'PRIVATE KEY'}-----\n${b64(64)}\n${b64(30)}`);
    expect(text).toBe('key:\n[REDACTED:private_key]');
  });

  it('is stable: redacting twice changes nothing more', () => {
    const once = redactSecrets(positives.map((p) => p.input).join('\n')).text;
    const twice = redactSecrets(once);
    expect(twice.text).toBe(once);
    expect(twice.redactions).toEqual([]);
  });
});

const negatives: { name: string; input: string }[] = [
  { name: 'prose about API keys', input: 'Stripe uses restricted API keys; the api key is stored in AWS Secrets Manager.' },
  { name: 'api key label without a value', input: 'API key: provided by the vendor during onboarding' },
  { name: 'UUIDs', input: 'conversation 123e4567-e89b-12d3-a456-426614174000 and 9b2f3c1e-0000-4a5b-8c7d-111122223333' },
  { name: 'Slack timestamps', input: 'thread_ts 1712345678.123456, ts=1712345679.000200' },
  { name: 'URLs without credentials', input: 'https://api.stripe.com/v1/charges?limit=10 and postgres://db.internal:5432/app and https://user@host.example/x' },
  { name: 'password prose', input: 'The password reset flow sends a link. Password: required for admins, rotated every 90 days.' },
  { name: 'bearer prose and placeholder', input: 'Send Authorization: Bearer <token> — Bearer authentication over TLS only.' },
  { name: 'git SHA and versions', input: 'commit 3f786850e387550fdab836ed7e6dc881de23001b on node 20.19.1, api.example.com' },
  { name: 'email addresses', input: 'Contact ops@example.com or billing+stripe@example.org.' },
  { name: 'env var references', input: 'password=${DB_PASSWORD} api_key=$STRIPE_KEY secret: "<your secret>"' },
  { name: 'near-miss prefixes', input: 'risk-averse-approach-chosen-by-the-team, sk_live_ is the prefix, ghp_ too, AKIA alone' },
  { name: 'secret as a word', input: 'The secret: keep retries idempotent. Secrets are rotated.' },
  { name: 'password policy prose', input: 'The password is rotated monthly; the password of the admin account is kept in Vault. PIN is 4 digits.' },
  { name: 'long lower-case hex and words', input: 'sha1 3f786850e387550fdab836ed7e6dc881de23001b and internationalizationlocalizationmodules' },
  { name: 'Slack mentions and channel ids', input: '<@U0123ABCD> in <#C0123ABCD|integrations> asked about xoxb tokens' },
];

describe('redactSecrets: negatives', () => {
  it.each(negatives)('$name', ({ input }) => {
    const { text, redactions } = redactSecrets(input);
    expect(text).toBe(input);
    expect(redactions).toEqual([]);
  });
});

describe('redactSecretsDeep', () => {
  it('redacts every string of nested inputs (the form), keeps other values, and counts per kind', () => {
    const key = 'sk_' + 'live_' + b64(24);
    const inputs = {
      systems: [{ name: 'Stripe', description: `payments, key ${key}` }],
      volumePerDay: 500,
      auth: `postgres://svc:${b64(12)}@db:5432/x and ${key}`,
      compliance: 'PCI',
    };
    const { value, redactions } = redactSecretsDeep(inputs);
    expect(JSON.stringify(value)).not.toContain(key);
    expect(value.auth).toBe('postgres://svc:[REDACTED:url_password]@db:5432/x and [REDACTED:stripe_key]');
    expect(value.systems[0]!.description).toBe('payments, key [REDACTED:stripe_key]');
    expect(value.volumePerDay).toBe(500);
    expect(value.compliance).toBe('PCI');
    expect(redactions).toEqual(expect.arrayContaining([{ kind: 'stripe_key', count: 2 }, { kind: 'url_password', count: 1 }]));
    expect(inputs.auth).toContain(key); // the input is not modified in place
  });
});
