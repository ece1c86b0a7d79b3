// Messages of `o2o demo`: what each example dataset loaded.
export const demo = {
  demo: {
    command: {
      description: 'load the example data (a seller team, Acme Energy, HM Treasury and who knows whom there), then show who knows whom at Acme Energy',
    },
    dataset: {
      members: 'Seller team: members {{members}}.',
      'acme-energy': 'Acme Energy: contacts {{contacts}}; influence links {{influenceLinks}}.',
      'hm-treasury': 'HM Treasury: contacts {{contacts}}; reporting lines {{reportingLines}}.',
      relationships: 'Relationships of the seller team: {{relationships}}.',
    },
    notLoaded_one: '{{count}} row not loaded:',
    notLoaded_other: '{{count}} rows not loaded:',
    issue: 'Line {{line}} of {{file}}: {{reason}}',
    loaded: 'Example data loaded. Who knows whom at {{account}}:',
  },
};
