import { eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { decrypt, encrypt } from '../crypto.js';
import { installations, type InstallationRow } from '../schema.js';

/** A workspace (or org-wide) installation with its secrets decrypted. */
export interface StoredInstallation {
  id: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botToken: string;
  scopes: string[];
  installedAt: Date;
  /** The full installation object as saved (e.g. Bolt's), or null when none was given. */
  raw: unknown;
}

export interface NewInstallation {
  teamId?: string | null;
  enterpriseId?: string | null;
  /** Org-wide install: keyed by enterprise id, no team. */
  isEnterpriseInstall?: boolean;
  botUserId: string;
  botToken: string;
  scopes: string[];
  /** Stored encrypted: Bolt's installation may carry user and refresh tokens. */
  raw?: unknown;
}

/**
 * Slack team ids are globally unique, so a workspace install is keyed by team; an org-wide install has no team
 * and is keyed by enterprise. One non-null unique column avoids NULLs defeating a (team_id, enterprise_id) UNIQUE.
 */
export function installKey(teamId: string | null | undefined, enterpriseId: string | null | undefined, isEnterpriseInstall = false): string {
  if (isEnterpriseInstall || !teamId) {
    if (!enterpriseId) throw new Error('an installation needs a team id, or an enterprise id for org-wide installs');
    return `enterprise:${enterpriseId}`;
  }
  return `team:${teamId}`;
}

export function createInstallationsRepository(database: Database, options: { encryptionKey: Buffer }) {
  const { db } = database;
  const key = options.encryptionKey;
  if (key.length !== 32) throw new RangeError('encryptionKey must be 32 bytes (AES-256-GCM)');

  const toStored = (row: InstallationRow): StoredInstallation => ({
    id: row.id,
    teamId: row.teamId,
    enterpriseId: row.enterpriseId,
    isEnterpriseInstall: row.isEnterpriseInstall,
    botUserId: row.botUserId,
    botToken: decrypt(row.botTokenEncrypted, key),
    scopes: row.scopes,
    installedAt: row.installedAt,
    raw: row.installationEncrypted === null ? null : (JSON.parse(decrypt(row.installationEncrypted, key)) as unknown),
  });

  return {
    /** Inserts or replaces (re-install, token rotation) the installation for its team/org. */
    async saveInstallation(input: NewInstallation): Promise<StoredInstallation> {
      const isEnterpriseInstall = input.isEnterpriseInstall ?? false;
      const values = {
        installKey: installKey(input.teamId, input.enterpriseId, isEnterpriseInstall),
        teamId: isEnterpriseInstall ? null : (input.teamId ?? null),
        enterpriseId: input.enterpriseId ?? null,
        isEnterpriseInstall,
        botUserId: input.botUserId,
        botTokenEncrypted: encrypt(input.botToken, key),
        installationEncrypted: input.raw === undefined ? null : encrypt(JSON.stringify(input.raw), key),
        scopes: input.scopes,
        installedAt: new Date(),
      };
      const { installKey: _key, ...updatable } = values;
      const [row] = await db
        .insert(installations)
        .values(values)
        .onConflictDoUpdate({ target: installations.installKey, set: updatable })
        .returning();
      if (!row) throw new Error('installation upsert returned no row');
      return toStored(row);
    },

    /** By team for workspace installs; by enterprise alone (teamId undefined) for org-wide installs. */
    async getInstallation(teamId: string | undefined, enterpriseId?: string): Promise<StoredInstallation | undefined> {
      const [row] = await db
        .select()
        .from(installations)
        .where(eq(installations.installKey, installKey(teamId, enterpriseId)));
      return row ? toStored(row) : undefined;
    },

    /** Returns whether an installation was deleted. */
    async deleteInstallation(teamId: string | undefined, enterpriseId?: string): Promise<boolean> {
      const deleted = await db
        .delete(installations)
        .where(eq(installations.installKey, installKey(teamId, enterpriseId)))
        .returning({ id: installations.id });
      return deleted.length > 0;
    },
  };
}

export type InstallationsRepository = ReturnType<typeof createInstallationsRepository>;
