// The command grammar shared by Slack, Teams and the CLI: help, usage errors, confirmations and forms.
// Command words (who, know, at, strength…) stay English in every language.
export const commands = {
  commands: {
    usage: {
      who: {
        syntax: 'who ACCOUNT [page N]',
        summary: 'who among us knows whom at an account',
        example: 'who "Société Générale"',
      },
      'who-knows': {
        syntax: 'who-knows PERSON [at ACCOUNT]',
        summary: 'who among us knows a contact, or whom a mentioned colleague knows',
        example: 'who-knows Théo Nguyen at Acme Energy',
      },
      reach: {
        syntax: 'reach PERSON [at ACCOUNT]',
        summary: 'the best ways to be introduced to a contact',
        example: 'reach "Olivia Rousseau"',
      },
      contacts: {
        syntax: 'contacts ACCOUNT [page N]',
        summary: 'the contacts of an account and how many of us know each',
        example: 'contacts HM Treasury',
      },
      'contact-add': {
        syntax: 'contact add NAME at ACCOUNT [title TITLE] [email E-MAIL] [phone PHONE]',
        summary: 'add a contact; without a name and account, opens the form',
        example: 'contact add "Théo Nguyen" at Acme Energy title "Mgr Trading"',
      },
      know: {
        syntax: 'know PERSON [at ACCOUNT] [strength 1-5]',
        summary: 'record that you know a contact (1 met once … 5 trusted); without a strength, opens the form',
        example: 'know Théo Nguyen at Acme Energy strength 4',
      },
      influence: {
        syntax: 'influence PERSON on PERSON [at ACCOUNT] [weight 0-1]',
        summary: 'record that one contact sways another',
        example: 'influence "Théo Nguyen" on "Olivia Rousseau" weight 0.8',
      },
      'reports-to': {
        syntax: 'reports-to PERSON MANAGER [at ACCOUNT]',
        summary: 'record who a contact reports to; quote names of several words or separate them with a comma',
        example: 'reports-to "Théo Nguyen" "Olivia Rousseau"',
      },
      log: {
        syntax: 'log [NOTE]',
        summary: 'open the form to log a meeting, call or message',
        example: 'log lunch with @Marc about the renewal',
      },
      help: {
        syntax: 'help [COMMAND]',
        summary: 'list the commands, or explain one',
        example: 'help know',
      },
    },
    help: {
      title: 'What you can ask o2o',
      example: 'Example: {{example}}',
      names:
        'Name people by @mention or by name, accounts by name. Put quotes around a name that contains a command word such as "at"; straight and curly quotes both work.',
      summary: 'Type help to list the commands.',
      more: 'Type help to see every command.',
    },
    errors: {
      unknownVerb: "'{{word}}' is not a command.",
      unexpected: "'{{word}}' is not expected here.",
      missingAccount: 'Name the account.',
      missingPerson: 'Name the person, or @mention them.',
      missingPeople: 'Name two people: the person, then their manager.',
      splitPeople: 'These words do not read as two known contacts. Quote each name or separate them with a comma.',
      contactAdd: 'To add a contact, type contact add.',
      invalidStrength: "The strength '{{value}}' is not valid: use a whole number from 1 (met once) to 5 (trusted).",
      invalidWeight: "The weight '{{value}}' is not valid: use a number from 0 to 1, such as 0.8, or a percentage.",
      invalidPage: "The page '{{value}}' is not valid: use a whole number from 1.",
      repeated: "'{{word}}' appears twice. Give it once.",
      emptyClause: 'A command word is missing its value.',
      mentionAlone: 'An @mention names a person on its own. Remove the other words, or type the name instead.',
      mentionNotAllowed: 'An @mention cannot name an account. Type the account name.',
      mentionUnsupported: '@mentions do not work here. Type the name instead.',
      unknownUser: 'o2o cannot read the profile of {{user}}. Type their name instead.',
      needActor: 'o2o does not know who you are, so it cannot record your relationships.',
    },
    didYouMeanCommand: 'Run: {{command}}',
    addContactOffer: 'Add {{name}} to {{account}}',
    done: {
      contact: {
        created: 'Added {{name}} to {{account}}.',
        updated: 'Updated {{name}} at {{account}}.',
        unchanged: '{{name}} at {{account}} was already up to date.',
      },
      accountCreated: 'The account {{account}} was new, so o2o created it.',
      accountCorrected: "'{{typed}}' was read as {{used}}.",
      relationship: {
        created: 'Saved: you know {{contact}}, strength {{strength}} ({{strengthLabel}}).',
        updated: 'Updated: you know {{contact}}, strength {{strength}} ({{strengthLabel}}).',
        unchanged: 'Confirmed: you know {{contact}}, strength {{strength}} ({{strengthLabel}}).',
      },
      influence: {
        created: 'Saved: {{from}} influences {{to}}.',
        updated: 'Updated: {{from}} influences {{to}}.',
        unchanged: 'Already known: {{from}} influences {{to}}.',
      },
      reportingLine: {
        created: 'Saved: {{contact}} reports to {{manager}}.',
        updated: 'Saved: {{contact}} now reports to {{manager}}. The previous line is kept as history.',
        unchanged: 'Already known: {{contact}} reports to {{manager}}.',
      },
      interaction_one: 'Logged the interaction of {{date}} with {{contacts}}.',
      interaction_other: 'Logged the interaction of {{date}} with {{count}} contacts: {{contacts}}.',
    },
    form: {
      required: 'Fill in this field.',
      gone: 'This record no longer exists. Pick another one.',
      newContactNeedsAccount: 'Pick the account of the new contact.',
      futureDate: 'This date is in the future. Pick today or an earlier day.',
      nameOrTitle: 'Give a name, or a job title when the name is unknown.',
    },
    overview: {
      relationships: 'My relationships',
      noRelationships: 'You have not recorded any relationship yet. Use "Log a relationship" below, or type /o2o know NAME at ACCOUNT strength 1-5.',
      staleCount_one: '{{count}} relationship has had no contact for {{days}} days or more.',
      staleCount_other: '{{count}} relationships have had no contact for {{days}} days or more.',
      stale: 'Stale: get back in touch.',
      more_one: 'And {{count}} more relationship.',
      more_other: 'And {{count}} more relationships.',
      accounts: 'My accounts',
      noAccounts: 'No accounts yet: your accounts are those where you know someone.',
      summary_one: 'You have {{count}} relationship, {{stale}} of them stale.',
      summary_other: 'You have {{count}} relationships, {{stale}} of them stale.',
      relationshipLine: 'Strength {{strength}} ({{strengthLabel}}), last contact {{last}}',
    },
  },
};
