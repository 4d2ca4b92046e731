import type { SlackState } from './state.js';

/** The people and channels a fresh Local Slack starts with; the sandbox page and tests can rely on them. */
export const SANDBOX_USERS = {
  alice: { id: 'U0ALICE001', name: 'alice', realName: 'Alice Architect' },
  bob: { id: 'U0BOB00002', name: 'bob', realName: 'Bob Builder' },
  carol: { id: 'U0CAROL003', name: 'carol', realName: 'Carol Outsider' },
} as const;

export const SANDBOX_CHANNELS = {
  /** Public, bot and alice + bob are members. */
  general: { id: 'C0GENERAL1', name: 'general' },
  /** Private, bot and alice only. */
  secret: { id: 'G0SECRET01', name: 'secret-integrations' },
  /** Public, the bot is not a member (not_in_channel). */
  random: { id: 'C0RANDOM01', name: 'random' },
} as const;

export function seedState(state: SlackState): void {
  const { botUserId } = state.identity;
  state.addUser({ id: botUserId, name: 'integration-architect', realName: 'Integration Architect', isBot: true });
  for (const u of Object.values(SANDBOX_USERS)) state.addUser(u);
  const { alice, bob, carol } = SANDBOX_USERS;
  state.addChannel({ ...SANDBOX_CHANNELS.general, members: [botUserId, alice.id, bob.id] });
  state.addChannel({ ...SANDBOX_CHANNELS.secret, isPrivate: true, members: [botUserId, alice.id] });
  state.addChannel({ ...SANDBOX_CHANNELS.random, members: [alice.id, bob.id, carol.id] });
}
