// Microsoft Teams: welcome, card and form texts, and the app manifest's names and descriptions.
export const teams = {
  teams: {
    welcome: {
      title: 'Hello, I am o2o',
      personal:
        'Ask me who among us knows whom at a customer, and how to be introduced. Try who followed by an account name, or who-knows followed by a person.',
      shared:
        'Mention me with a question, such as @o2o who followed by an account name. In this conversation my answers leave out private relationships, since everyone here sees them.',
      privacy: 'Relationships you mark private are shown to you alone, in our personal chat.',
      help: 'List the commands',
    },
    cards: {
      omitted_one: '{{count}} more entry does not fit in this message. Narrow the question or ask for the next page.',
      omitted_other: '{{count}} more entries do not fit in this message. Narrow the question or ask for the next page.',
      pictureTooLarge: 'The picture is too large for a Teams message, so only its description is shown.',
    },
    forms: {
      titles: {
        relationship: 'Log a relationship',
        contact: 'Add a contact',
        influence: 'Log an influence',
        interaction: 'Log an interaction',
        outreach: 'Log the result of an outreach',
      },
      intros: {
        relationship: 'Record how well you know someone at a customer.',
        contact: 'Add a person at a customer account, or update what we know of them.',
        influence: 'Record that one person sways another at the same account.',
        interaction: 'Record a meeting, call or message with people at a customer.',
        outreach: 'How did the outreach to {{contact}} for {{deal}} go?',
      },
      fields: {
        account: 'Account',
        contact: 'Person',
        strength: 'How well you know them',
        kind: 'Kind of relationship',
        lastContactOn: 'Last contact',
        visibility: 'Who may see it',
        note: 'Note',
        name: 'Name',
        title: 'Job title',
        email: 'E-mail',
        phone: 'Phone',
        from: 'Person who influences',
        to: 'Person influenced',
        weight: 'Weight of the influence',
        occurredOn: 'Date',
        channel: 'Kind of interaction',
        contacts: 'People at the customer',
        members: 'Colleagues who took part (besides you)',
        outcome: 'Outcome',
        strengthAfter: 'Relationship now, if reached',
      },
      placeholders: {
        contacts: 'Names, separated by commas',
        members: 'Names, separated by commas',
      },
      channels: {
        meeting: 'Meeting',
        call: 'Call',
        email: 'E-mail',
        chat: 'Chat message',
        event: 'Event',
        other: 'Other',
      },
      outcomes: {
        reached: 'Reached',
        no_response: 'No response',
        declined: 'Declined',
      },
      weights: {
        '0_25': 'Slight (0.25)',
        '0_5': 'Moderate (0.5)',
        '0_75': 'Strong (0.75)',
        '1': 'Decisive (1)',
      },
      save: 'Save',
      close: 'Close',
      alreadySaved: 'This form was already saved.',
    },
    errors: {
      noTenant: 'This message carries no Microsoft Entra tenant, so o2o cannot tell which organisation it belongs to. Send it from Microsoft Teams.',
      unknownAction: 'o2o does not know this action. Update the app in Teams, then try again.',
    },
    manifest: {
      shortName: 'o2o',
      fullName: 'o2o: who knows whom at your customers',
      shortDescription: 'Who among us knows whom at our customers, and how to be introduced.',
      fullDescription:
        'o2o maps the relationships between your sellers and the people at your customer accounts. Ask who knows whom at an account, who knows a person, and the best path to an introduction; record the people you know, who influences whom and who reports to whom; log a meeting or add a contact straight from a Teams message.',
      commands: {
        who: 'Who among us knows whom at an account',
        'who-knows': 'Who among us knows a person',
        reach: 'The best ways to be introduced to someone',
        contacts: 'The contacts of an account',
        know: 'Record that you know someone',
        log: 'Log a meeting, call or message',
        digest: 'Post the weekly coverage digest in this channel',
        ask: 'Ask a colleague how well they know someone',
        help: 'List the commands',
      },
      actions: {
        logInteraction: {
          title: 'Log interaction',
          description: 'Log a meeting, call or message with people at a customer',
        },
        addContact: {
          title: 'Add contact',
          description: 'Add a person at a customer, filled from the message signature',
        },
      },
    },
  },
};
