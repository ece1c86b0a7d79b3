// Typeahead of the modals' account and contact selects (block_suggestion requests), served from
// the store, with a "create" option for a name that matches nothing exactly.
import type { App, BlockSuggestion } from '@slack/bolt';

import { searchAccountChoices, searchContactChoices } from '../../app/commands/index.js';
import { normalizeName } from '../../domain/names.js';
import { translator } from '../../i18n/index.js';
import { decodeDealForm } from '../modals/deal-forms.js';
import { choiceOf, choiceOption, option } from '../modals/elements.js';
import type { ViewState } from '../modals/state.js';
import { requestLog, reportFailure, scopeOf, type SlackDeps } from '../surface.js';

export const ACCOUNT_SELECTS = ['account'];
export const CONTACT_SELECTS = ['contact', 'contacts', 'from', 'to'];

// Slack shows at most 100 options; o2o offers the best 20 and a "create" option.
const OPTION_LIMIT = 20;
// Slack waits 3 seconds for options; this deadline leaves room for the network.
const OPTIONS_DEADLINE_MS = 2_500;

export function registerOptions(app: App, deps: SlackDeps): void {
  const selects = new RegExp(`^(${[...ACCOUNT_SELECTS, ...CONTACT_SELECTS].join('|')})$`);
  app.options<'block_suggestion'>({ type: 'block_suggestion', action_id: selects }, async ({ ack: sendOptions, body, client, context }) => {
    const scope = scopeOf(client, context, body.user.id, body.user.name);
    // Slack drops options that come after 3 seconds: a slow store gets a message option instead.
    let answered = false;
    let deadline: NodeJS.Timeout | undefined;
    const ack = async (response: { options: ReturnType<typeof option>[] }) => {
      if (answered) return;
      answered = true;
      clearTimeout(deadline);
      await sendOptions(response);
    };
    deadline = setTimeout(() => {
      const t = translator(deps.sessions.knownLocale(scope.organisation, scope.userId));
      deps.logger.warn(requestLog(context, body.user.id, `options:${body.action_id}`), 'Slack options timed out');
      void ack({ options: [option(t('slack.errors.searchSlow'), 'error:')] });
    }, OPTIONS_DEADLINE_MS);
    try {
      const session = await deps.sessions.open(scope);
      const query = body.value.trim();
      const t = session.t;
      if (ACCOUNT_SELECTS.includes(body.action_id)) {
        const found = await searchAccountChoices(session.ctx, query, OPTION_LIMIT);
        const options = found.map((account) => choiceOption(account, () => account.label));
        await ack({ options: withCreateOption(options, found, query, (name) => t('slack.forms.createAccount', { name })) });
        return;
      }
      const accountId = selectedAccountId(body);
      const found = await searchContactChoices(session.ctx, query, { ...(accountId && { accountId }), limit: OPTION_LIMIT });
      const options = found.map((contact) => choiceOption(contact, () => contact.label, contact.detail));
      await ack({ options: withCreateOption(options, found, query, (name) => t('slack.forms.createContact', { name })) });
    } catch (error) {
      const message = reportFailure(deps, error, requestLog(context, body.user.id, `options:${body.action_id}`), deps.sessions.knownLocale(scope.organisation, scope.userId));
      // A select shows options only: the failure becomes one option that cannot be saved.
      await ack({ options: [option(message, 'error:')] });
    }
  });
}

/** Returns the account chosen in the same modal, or the account of its deal, which narrows the contact search. */
function selectedAccountId(body: BlockSuggestion): string | undefined {
  const view = body.view as { state?: { values?: ViewState }; private_metadata?: string } | undefined;
  const choice = choiceOf(view?.state?.values?.account?.account?.selected_option);
  if (choice && 'id' in choice) return choice.id;
  return decodeDealForm(view?.private_metadata)?.accountId;
}

function withCreateOption<T extends { label: string }>(options: ReturnType<typeof option>[], found: T[], query: string, label: (name: string) => string) {
  const normalized = normalizeName(query);
  if (!normalized || found.some((candidate) => normalizeName(candidate.label) === normalized)) return options;
  return [...options, choiceOption({ newName: query }, label)];
}
