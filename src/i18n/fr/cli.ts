export const cli = {
  cli: {
    description: 'o2o : qui connaît qui chez vos clients. Les mêmes fonctions que les applications Slack et Teams.',
    options: {
      as: 'agir et consulter en tant que ce membre (nom ou e-mail) ; sans cette option, les relations privées restent masquées',
      lang: 'langue de sortie : en ou fr (par défaut : selon LANG, sinon DEFAULT_LOCALE)',
      json: 'afficher le résultat en JSON plutôt qu’en tableaux',
      help: 'afficher l’aide d’une commande',
    },
    helpHint: '(lancez o2o --help pour la liste des commandes)',
  },
};
