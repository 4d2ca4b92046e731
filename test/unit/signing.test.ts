import { describe, expect, it } from 'vitest';
import { computeSlackSignature, hasValidSlackSignature } from '../../src/slack/signing.js';

describe('Slack request signatures', () => {
  const body = 'token=x&command=%2Fintegration-design&text=sync';
  const ts = 1_796_000_000;

  it("matches Slack's documented example", () => {
    // https://docs.slack.dev/authentication/verifying-requests-from-slack (the worked example's secret, body and timestamp)
    const exampleBody =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(computeSlackSignature('8f742231b10e8888abcd99yyyzzz85a5', exampleBody, 1531420618)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });

  it('accepts the right signature and refuses a forged, truncated or re-timed one', () => {
    const good = computeSlackSignature('secret', body, ts);
    expect(hasValidSlackSignature('secret', body, ts, good)).toBe(true);
    expect(hasValidSlackSignature('other-secret', body, ts, good)).toBe(false);
    expect(hasValidSlackSignature('secret', body, ts + 1, good)).toBe(false);
    expect(hasValidSlackSignature('secret', `${body}&x=1`, ts, good)).toBe(false);
    expect(hasValidSlackSignature('secret', body, ts, good.slice(0, -2))).toBe(false);
    expect(hasValidSlackSignature('secret', body, ts, '')).toBe(false);
  });
});
