import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/app.js';

/** The manifest people create the app from, the scopes an OAuth install asks for, and README's table must agree. */
const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
  features: { assistant_view?: { assistant_description?: string }; shortcuts?: { callback_id: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
};
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('manifest.yml', () => {
  it('asks for exactly the scopes an OAuth install asks for', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('explains every scope in README', () => {
    for (const scope of BOT_SCOPES) expect(readme, scope).toContain(`\`${scope}\``);
  });

  it('turns on the assistant panel and subscribes to its events', () => {
    expect(manifest.features.assistant_view?.assistant_description).toBeTruthy();
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['assistant_thread_started', 'assistant_thread_context_changed', 'message.im']));
    expect(manifest.features.shortcuts?.map((s) => s.callback_id)).toContain('design_from_message');
  });
});
