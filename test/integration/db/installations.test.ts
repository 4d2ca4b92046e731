import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { decrypt, DecryptionError } from '../../../src/db/crypto.js';
import { NotFoundError } from '../../../src/db/errors.js';
import { createInstallationStore } from '../../../src/db/repositories/installation-store.js';
import { createInstallationsRepository } from '../../../src/db/repositories/installations.js';
import { forEachBackend } from '../../helpers/db.js';

const key = randomBytes(32);
const BOT_TOKEN = 'xoxb-1111-2222-supersecretbottoken';
const USER_TOKEN = 'xoxp-3333-4444-supersecretusertoken';

function boltInstallation(teamId: string, botToken = BOT_TOKEN): Installation<'v2', false> {
  return {
    team: { id: teamId, name: 'Acme' },
    enterprise: undefined,
    user: { id: 'U1', token: USER_TOKEN, scopes: ['search:read'] },
    bot: { token: botToken, scopes: ['commands', 'chat:write'], id: 'B1', userId: 'UBOT' },
    appId: 'A1',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

forEachBackend('installations', (t) => {
  beforeEach(() => t.reset());
  const repo = () => createInstallationsRepository(t.database, { encryptionKey: key });

  it('saves, reads back decrypted, replaces on re-install and deletes', async () => {
    const saved = await repo().saveInstallation({ teamId: 'T1', botUserId: 'UBOT', botToken: BOT_TOKEN, scopes: ['commands'] });
    expect(saved).toMatchObject({ teamId: 'T1', enterpriseId: null, botToken: BOT_TOKEN, scopes: ['commands'], raw: null });
    expect(await repo().getInstallation('T1')).toMatchObject({ id: saved.id, botToken: BOT_TOKEN });
    expect(await repo().getInstallation('T2')).toBeUndefined();

    const again = await repo().saveInstallation({ teamId: 'T1', botUserId: 'UBOT', botToken: 'xoxb-rotated', scopes: ['commands', 'chat:write'] });
    expect(again.id).toBe(saved.id);
    expect((await repo().getInstallation('T1'))?.botToken).toBe('xoxb-rotated');

    const org = await repo().saveInstallation({ enterpriseId: 'E1', isEnterpriseInstall: true, botUserId: 'UB2', botToken: 'xoxb-org', scopes: [] });
    expect(org).toMatchObject({ teamId: null, enterpriseId: 'E1', isEnterpriseInstall: true });
    expect((await repo().getInstallation(undefined, 'E1'))?.botToken).toBe('xoxb-org');

    expect(await repo().deleteInstallation('T1')).toBe(true);
    expect(await repo().deleteInstallation('T1')).toBe(false);
    expect(await repo().getInstallation('T1')).toBeUndefined();
    expect(await repo().getInstallation(undefined, 'E1')).toBeDefined();
  });

  it('stores no token in clear: the raw row holds only AES-GCM ciphertext', async () => {
    await createInstallationStore(repo()).storeInstallation(boltInstallation('T1'));
    const rows = rowsOf<Record<string, unknown>>(await t.database.db.execute(sql`SELECT * FROM installations`));
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows[0]);
    for (const secret of [BOT_TOKEN, USER_TOKEN, 'supersecret', 'xoxb-', 'xoxp-']) expect(raw).not.toContain(secret);
    const row = rows[0]!;
    expect(decrypt(String(row.bot_token_encrypted), key)).toBe(BOT_TOKEN);
    expect(row.team_id).toBe('T1');
  });

  it('refuses to decrypt a tampered stored token', async () => {
    await repo().saveInstallation({ teamId: 'T1', botUserId: 'UBOT', botToken: BOT_TOKEN, scopes: [] });
    // Swap two ciphertext characters in place: still base64, no longer authentic.
    await t.database.db.execute(sql`
      UPDATE installations SET bot_token_encrypted =
        split_part(bot_token_encrypted, '.', 1) || '.' || split_part(bot_token_encrypted, '.', 2) || '.' ||
        translate(split_part(bot_token_encrypted, '.', 3), 'ABCDEFGHabcdefgh', 'BADCFEHGbadcfehg')`);
    await expect(repo().getInstallation('T1')).rejects.toBeInstanceOf(DecryptionError);
    const otherKey = createInstallationsRepository(t.database, { encryptionKey: randomBytes(32) });
    await repo().saveInstallation({ teamId: 'T2', botUserId: 'UBOT', botToken: BOT_TOKEN, scopes: [] });
    await expect(otherKey.getInstallation('T2')).rejects.toBeInstanceOf(DecryptionError);
  });

  it('implements Bolt\'s InstallationStore', async () => {
    const store = createInstallationStore(repo());
    const installation = boltInstallation('T9');
    await store.storeInstallation(installation);
    const fetched = await store.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(fetched).toEqual(installation);

    const orgInstall: Installation<'v2', true> = {
      team: undefined,
      enterprise: { id: 'E7' },
      user: { id: 'U1', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-org-token', scopes: ['commands'], id: 'B2', userId: 'UB2' },
      isEnterpriseInstall: true,
      authVersion: 'v2',
    };
    await store.storeInstallation(orgInstall);
    expect(await store.fetchInstallation({ teamId: undefined, enterpriseId: 'E7', isEnterpriseInstall: true })).toEqual(orgInstall);

    await store.deleteInstallation!({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(store.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(store.storeInstallation({ ...installation, bot: undefined })).rejects.toThrow(/bot/);
  });
});
