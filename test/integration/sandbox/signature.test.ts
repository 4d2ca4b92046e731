import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackDriver, type DriverResponse } from '../../../src/sandbox/driver.js';
import { computeSlackSignature, signSlackRequest } from '../../../src/sandbox/signature.js';

const SECRET = 'sandbox-signing-secret';

describe('signSlackRequest', () => {
  it("reproduces Slack's published v0 example", () => {
    // The worked example from Slack's "verifying requests" documentation.
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618);
    expect(headers).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it('matches an independent HMAC computation and changes with body, secret and time', () => {
    const body = '{"type":"event_callback","event":{"text":"héllo ✓"}}';
    const ts = 1_700_000_000;
    const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`, 'utf8').digest('hex')}`;
    expect(signSlackRequest(SECRET, body, ts)['x-slack-signature']).toBe(expected);
    expect(computeSlackSignature(SECRET, `${body} `, ts)).not.toBe(expected);
    expect(computeSlackSignature(`${SECRET}x`, body, ts)).not.toBe(expected);
    expect(computeSlackSignature(SECRET, body, ts + 1)).not.toBe(expected);
  });

  it("is accepted by Bolt's verifySlackRequest, which rejects stale timestamps", () => {
    const body = 'payload=%7B%7D';
    const now = Math.floor(Date.now() / 1000);
    const fresh = signSlackRequest(SECRET, body, now);
    const asBolt = (h: { 'x-slack-signature': string; 'x-slack-request-timestamp': string }) => ({
      'x-slack-signature': h['x-slack-signature'],
      'x-slack-request-timestamp': Number(h['x-slack-request-timestamp']),
    });
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers: asBolt(fresh) })).not.toThrow();
    const stale = signSlackRequest(SECRET, body, now - 360);
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers: asBolt(stale) })).toThrow(/stale/);
    expect(isValidSlackRequest({ signingSecret: 'other', body, headers: asBolt(fresh) })).toBe(false);
  });
});

describe('driver signatures, checked by a Bolt-style verifying endpoint', () => {
  let server: Server;
  let botUrl: string;
  const received: { body: string; valid: boolean }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const valid = isValidSlackRequest({
          signingSecret: SECRET,
          body,
          headers: {
            'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
            'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
          },
        });
        received.push({ body, valid });
        res.writeHead(valid ? 200 : 401).end(valid ? 'ok' : 'invalid signature');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('accepts every kind of driver request', async () => {
    const driver = createSlackDriver({ botUrl, signingSecret: SECRET, teamId: 'T0SANDBOX1' });
    const responses: DriverResponse[] = [
      await driver.slashCommand({ command: '/integration-design', text: 'orders to erp', userId: 'U1', channelId: 'C1' }),
      await driver.messageEvent({ channel: 'C1', user: 'U1', text: 'hello', threadTs: '1.000001', retryNum: 1 }),
      await driver.appHomeOpened({ user: 'U1' }),
      await driver.blockAction({ userId: 'U1', channelId: 'C1', messageTs: '1.000001', actionId: 'a', value: 'v' }),
      await driver.viewSubmission({ userId: 'U1', callbackId: 'cb', values: {} }),
      await driver.urlVerification('challenge-1'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(responses[1]?.requestHeaders['x-slack-retry-num']).toBe('1');
    expect(responses[1]?.requestHeaders['x-slack-retry-reason']).toBe('http_timeout');
  });

  it('forged, stale and unsigned requests are rejected', async () => {
    const driver = createSlackDriver({ botUrl, signingSecret: SECRET, teamId: 'T0SANDBOX1' });
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'message' } });
    expect((await driver.raw({ body })).status).toBe(200);
    expect((await driver.raw({ body, signature: 'forged' })).status).toBe(401);
    expect((await driver.raw({ body, timestampOffsetSeconds: -360 })).status).toBe(401);
    expect((await driver.raw({ body, signature: 'missing' })).status).toBe(401);
    expect(received.slice(-4).map((r) => r.valid)).toEqual([true, false, false, false]);
  });
});
