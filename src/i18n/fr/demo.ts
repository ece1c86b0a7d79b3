// Messages of `o2o demo` in French: what each example dataset loaded.
export const demo = {
  demo: {
    command: {
      description:
        'charger les données d’exemple (une équipe commerciale, Acme Energy, HM Treasury et qui y connaît qui), puis montrer qui connaît qui chez Acme Energy',
    },
    dataset: {
      members: 'Équipe commerciale, membres {{members}}.',
      'acme-energy': 'Acme Energy, contacts {{contacts}} ; liens d’influence {{influenceLinks}}.',
      'hm-treasury': 'HM Treasury, contacts {{contacts}} ; rattachements hiérarchiques {{reportingLines}}.',
      relationships: 'Relations de l’équipe commerciale {{relationships}}.',
    },
    notLoaded_one: '{{count}} ligne non chargée :',
    notLoaded_other: '{{count}} lignes non chargées :',
    issue: 'Ligne {{line}} du fichier {{file}} : {{reason}}',
    loaded: 'Données d’exemple chargées. Qui connaît qui chez {{account}} :',
  },
};
