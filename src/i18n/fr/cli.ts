export const cli = {
  cli: {
    description: 'o2o : qui connaît qui chez vos clients. Les mêmes fonctions que les applications Slack et Teams.',
    options: {
      as: 'agir et consulter en tant que ce membre (nom ou e-mail) ; sans cette option, les relations privées restent masquées',
      lang: 'langue de sortie : en ou fr (par défaut : selon LANG, sinon DEFAULT_LOCALE)',
      json: 'afficher le résultat en JSON plutôt qu’en tableaux',
      help: 'afficher l’aide d’une commande',
    },
    helpCommand: 'afficher l’aide d’une commande, comme COMMANDE --help',
    lookupEmpty: {
      account: 'Aucun compte ne correspond à « {{query}} » : il n’y a encore aucun compte. Chargez les données d’exemple avec o2o demo, ou importez un fichier avec o2o import FICHIER.',
      contact: 'Aucun contact ne correspond à « {{query}} » : il n’y a encore aucun contact. Chargez les données d’exemple avec o2o demo, ou importez un fichier avec o2o import FICHIER.',
      member: 'Aucun membre de l’équipe ne correspond à « {{query}} » : l’équipe n’a encore aucun membre. Chargez les données d’exemple avec o2o demo, ou importez un fichier de relations avec o2o import FICHIER.',
    },
    commander: {
      unknownCommand: 'erreur : commande inconnue « {{name}} »',
      unknownOption: 'erreur : option inconnue « {{name}} »',
      missingArgument: 'erreur : l’argument obligatoire « {{name}} » manque',
      optionMissingArgument: 'erreur : l’option « {{name}} » attend une valeur',
      missingOption: 'erreur : l’option obligatoire « {{name}} » n’est pas indiquée',
      excessArguments: 'erreur : trop d’arguments pour « {{name}} » : {{expected}} attendus, {{count}} reçus.',
      excessArgumentsTop: 'erreur : trop d’arguments : {{expected}} attendus, {{count}} reçus.',
      invalidChoice: 'erreur : la valeur « {{value}} » de l’option « {{name}} » n’est pas valide. Valeurs possibles : {{choices}}.',
      invalidArgumentChoice: 'erreur : la valeur « {{value}} » de l’argument « {{name}} » n’est pas valide. Valeurs possibles : {{choices}}.',
      choices: 'valeurs possibles : {{choices}}',
      didYouMean: '(Vouliez-vous dire {{suggestion}} ?)',
      didYouMeanOneOf: '(Vouliez-vous dire l’une de ces options : {{suggestions}} ?)',
    },
    helpHint: '(lancez o2o --help pour la liste des commandes)',
  },
};
