// Messages of the charter view: the Slack Home tab's charter part and the Teams card where
// members accept the charter, opt out and change who sees each of their relationships.
export const charterView = {
  charterView: {
    heading: 'Privacy and sharing',
    standing: {
      accepted: 'You accepted version {{version}} of the relationship charter on {{date}}.',
      acceptedOlder: 'You accepted version {{accepted}} on {{date}}. The rules have changed since, so read version {{version}} and accept it.',
      notAccepted: 'You have not accepted version {{version}} of the relationship charter yet.',
      notSharing: 'Until you accept it, your relationships are visible to you alone.',
      optedOut: 'You opted out of sharing, so your relationships are visible to you alone.',
      sharing: 'Your relationships are shared as the visibility of each one says.',
      read: 'The `charter` command shows the full text of the charter.',
    },
    relationships: {
      heading: 'Your relationships',
      none: 'You have not recorded any relationship yet.',
      label: 'Visible to',
      choices: {
        private: 'Me only',
        deal_team: 'My deal team',
        tenant: 'Everyone in our team',
      },
      page: 'Relationships {{from}} to {{to}} of {{total}}.',
      previous: 'Previous page',
      next: 'Next page',
      save: 'Save visibility',
    },
    introductions: {
      heading: 'Introductions waiting for you',
      none: 'No introduction request is waiting for your answer.',
      more: 'More requests are waiting for your answer. The `introductions` command lists them all.',
    },
    unchanged: 'Nothing changed: each relationship already had the visibility you chose.',
    errors: {
      invalidAction: 'This button is no longer valid. Open the view again and retry.',
      invalidChoice: 'This visibility is not valid. Open the view again and choose me only, my deal team or everyone in our team.',
      relationshipGone: 'This relationship no longer exists or is not yours. Open the view again to see your current relationships.',
      personalOnly: 'Your relationships may include private ones, so o2o shows them only in your personal chat with it. Open a chat with o2o and type `my relationships` there.',
    },
  },
};
