// Uninstalls and revoked tokens: the installation goes, the tenant and its data stay until an
// admin erases them.
import type { App } from '@slack/bolt';

import { removeInstallations, tenantKeyOf, type SlackOrganisation } from '../installation-store.js';
import type { SlackDeps } from '../surface.js';

interface EnvelopeLike {
  team_id?: string;
  enterprise_id?: string | null;
  authorizations?: Array<{ is_enterprise_install?: boolean; enterprise_id?: string | null; team_id?: string | null }>;
}

/** Returns the organisation an Events API envelope is about. */
export function organisationOfEnvelope(body: EnvelopeLike): SlackOrganisation {
  const authorization = body.authorizations?.[0];
  const isEnterpriseInstall = Boolean(authorization?.is_enterprise_install);
  return {
    teamId: isEnterpriseInstall ? null : authorization?.team_id ?? body.team_id ?? null,
    enterpriseId: authorization?.enterprise_id ?? body.enterprise_id ?? null,
    isEnterpriseInstall,
  };
}

export function registerLifecycle(app: App, deps: SlackDeps): void {
  app.event('app_uninstalled', async ({ body }) => {
    const organisation = organisationOfEnvelope(body as EnvelopeLike);
    const removed = await removeInstallations(deps.runtime.store.db, organisation);
    deps.logger.info({ tenant: tenantKeyOf(organisation), removed }, 'Slack app uninstalled: installation removed, tenant data kept');
  });

  app.event('tokens_revoked', async ({ body, event }) => {
    const organisation = organisationOfEnvelope(body as EnvelopeLike);
    const botUserIds = event.tokens.bot ?? [];
    const removed = await removeInstallations(deps.runtime.store.db, organisation, botUserIds);
    // o2o keeps no user tokens, so revoked user tokens need nothing removed.
    deps.logger.info({ tenant: tenantKeyOf(organisation), bots: botUserIds.length, users: event.tokens.oauth?.length ?? 0, removed }, 'Slack tokens revoked');
  });
}
