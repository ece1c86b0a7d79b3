// Slack installations in Postgres: one row per workspace, or per Enterprise Grid organisation for
// an org-wide install. Installing creates the tenant; uninstalling removes the row only, so the
// tenant's data stays until an admin erases it.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';

import { ensureTenant } from '../app/tenants.js';
import type { Locale } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import type { Database, Executor } from '../store/database.js';
import { slackInstallations } from '../store/schema.js';

/** The Slack organisation a request or installation belongs to. */
export interface SlackOrganisation {
  teamId?: string | null;
  enterpriseId?: string | null;
  isEnterpriseInstall?: boolean;
}

/** Returns the tenant key of a Slack organisation: the Grid organisation for an org-wide install, else the workspace. */
export function tenantKeyOf(organisation: SlackOrganisation): string {
  if (organisation.isEnterpriseInstall && organisation.enterpriseId) return `slack-org:${organisation.enterpriseId}`;
  if (organisation.teamId) return `slack:${organisation.teamId}`;
  if (organisation.enterpriseId) return `slack-org:${organisation.enterpriseId}`;
  throw new Error('A Slack request names neither a workspace nor an organisation');
}

/** Selects the rows of one installation: the org-wide one of an organisation, or one workspace's. */
function installationKey(organisation: SlackOrganisation): SQL {
  if (organisation.isEnterpriseInstall && organisation.enterpriseId) {
    return and(eq(slackInstallations.enterpriseId, organisation.enterpriseId), eq(slackInstallations.isEnterpriseInstall, true))!;
  }
  return and(
    sql`${slackInstallations.teamId} is not distinct from ${organisation.teamId ?? null}`,
    sql`${slackInstallations.enterpriseId} is not distinct from ${organisation.enterpriseId ?? null}`,
  )!;
}

export class PostgresInstallationStore implements InstallationStore {
  constructor(
    private readonly db: Database,
    private readonly defaultLocale: Locale,
    private readonly logger: Logger,
  ) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    const organisation = {
      teamId: installation.isEnterpriseInstall ? null : installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
    };
    const key = tenantKeyOf(organisation);
    const name = (installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? key;

    await this.db.transaction(async (tx) => {
      const tenant = await ensureTenant(tx as unknown as Executor, key, { name, defaultLocale: this.defaultLocale });
      await tx.delete(slackInstallations).where(installationKey(organisation));
      await tx.insert(slackInstallations).values({
        tenantId: tenant.id,
        teamId: organisation.teamId,
        enterpriseId: organisation.enterpriseId,
        isEnterpriseInstall: organisation.isEnterpriseInstall,
        botUserId: installation.bot?.userId ?? null,
        botToken: installation.bot?.token ?? null,
        userId: installation.user.id,
        installation: installation as unknown as Record<string, unknown>,
      });
    });
    this.logger.info({ tenant: key, team: organisation.teamId, enterprise: organisation.enterpriseId }, 'Slack app installed');
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const [row] = await this.db
      .select({ installation: slackInstallations.installation })
      .from(slackInstallations)
      .where(installationKey(query))
      .limit(1);
    if (!row) throw new Error(`No Slack installation for ${tenantKeyOf(query)}`);
    return row.installation as unknown as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await removeInstallations(this.db, query);
  }
}

/**
 * Removes the installation of a workspace or organisation, or only the rows of the given bot users
 * when their tokens were revoked. Returns the number of rows removed; tenants are kept.
 */
export async function removeInstallations(db: Executor, organisation: SlackOrganisation, botUserIds?: string[]): Promise<number> {
  if (botUserIds && botUserIds.length === 0) return 0;
  const condition = botUserIds ? and(installationKey(organisation), inArray(slackInstallations.botUserId, botUserIds)) : installationKey(organisation);
  const removed = await db.delete(slackInstallations).where(condition).returning({ id: slackInstallations.id });
  return removed.length;
}
