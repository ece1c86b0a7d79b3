// The platform-neutral command layer: parse a command line, run it, submit forms. Slack, Teams
// and the CLI each turn the results into their own messages and forms.
export { searchAccountChoices, searchContactChoices, type ChoiceOption } from './choices.js';
export { environmentWithoutMentions, type CommandEnvironment, type UserProfile } from './environment.js';
export { executeCommand, parseFailureReply, RUN_ACTION } from './execute.js';
export { formatCommand, quoteArgument } from './format.js';
export {
  submitContactForm,
  submitInfluenceForm,
  submitInteractionForm,
  submitRelationshipForm,
  type ContactForm,
  type FieldErrors,
  type FormOutcome,
  type InfluenceForm,
  type InteractionForm,
  type RelationshipForm,
} from './forms.js';
export { parseCommand, VERBS, verbText } from './grammar.js';
export { helpReply, usageReply } from './help.js';
export { loadMemberOverview, presentOverview, STALE_AFTER_DAYS, type MemberOverview } from './overview.js';
export { isReadCommand, PAGE_SIZE, revealsRelationships } from './read.js';
export { runSettingsCommand, settingsCommandOf, splitListArguments, type SettingsCommand } from './settings.js';
export { accountChoiceFor } from './resolve.js';
export type * from './types.js';
