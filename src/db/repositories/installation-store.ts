import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { NotFoundError } from '../errors.js';
import type { InstallationsRepository } from './installations.js';

/** Bolt's InstallationStore over the installations repository (OAuth / multi-workspace mode). */
export function createInstallationStore(repo: InstallationsRepository): InstallationStore {
  const teamOf = (q: InstallationQuery<boolean>) => (q.isEnterpriseInstall ? undefined : q.teamId);

  return {
    async storeInstallation(installation) {
      if (!installation.bot) {
        throw new Error('installation has no bot token: the app must be installed with bot scopes');
      }
      const isEnterpriseInstall = installation.isEnterpriseInstall === true;
      await repo.saveInstallation({
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall,
        botUserId: installation.bot.userId,
        botToken: installation.bot.token,
        scopes: installation.bot.scopes,
        raw: installation,
      });
    },

    async fetchInstallation(query) {
      const stored = await repo.getInstallation(teamOf(query), query.enterpriseId);
      if (!stored) {
        throw new NotFoundError('installation', query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`);
      }
      if (stored.raw) return stored.raw as Installation<'v1' | 'v2', boolean>;
      // Saved without the full object (e.g. by a script): rebuild what Bolt's authorize needs.
      return {
        team: stored.teamId ? { id: stored.teamId } : undefined,
        enterprise: stored.enterpriseId ? { id: stored.enterpriseId } : undefined,
        user: { id: stored.botUserId, token: undefined, scopes: undefined },
        bot: { token: stored.botToken, scopes: stored.scopes, id: '', userId: stored.botUserId },
        isEnterpriseInstall: stored.isEnterpriseInstall,
        tokenType: 'bot',
        authVersion: 'v2',
      } as Installation<'v2', boolean>;
    },

    async deleteInstallation(query) {
      await repo.deleteInstallation(teamOf(query), query.enterpriseId);
    },
  };
}
