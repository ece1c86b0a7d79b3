// Messages of `o2o import` in French: options, progress, the summary and the reasons a row is rejected.
export const importText = {
  import: {
    command: {
      description:
        'importer des contacts et des relations depuis un fichier CSV (format o2o, Salesforce, HubSpot, LinkedIn, Outlook ou Google Contacts)',
      file: 'le fichier CSV à importer',
      format: 'lire le fichier dans ce format au lieu de le reconnaître à sa ligne d’en-tête',
      account:
        'compte de toutes les lignes : pour les fichiers sans colonne société (les exports API de Salesforce ne donnent que l’AccountId), ou pour la remplacer',
      visibility: 'visibilité des nouvelles relations dont la ligne n’en précise pas (par défaut : tenant, toute l’équipe)',
    },
    // cli-progress placeholders, in single braces so i18next leaves them alone.
    progress: '{bar} {percentage} % | {rows} lignes | {speed} lignes/s',
    formats: {
      o2o: 'CSV o2o',
      salesforce: 'contacts Salesforce',
      hubspot: 'contacts HubSpot',
      linkedin: 'relations LinkedIn',
      outlook: 'contacts Outlook',
      'outlook-web': 'contacts Outlook.com',
      google: 'Google Contacts',
      'google-legacy': 'Google Contacts (ancien CSV)',
      records: 'enregistrements',
    },
    summary: {
      heading_one: '{{source}} importé ({{format}}, {{count}} ligne).',
      heading_other: '{{source}} importé ({{format}}, {{count}} lignes).',
      contacts: 'Contacts',
      relationships: 'Relations',
      reportingLines: 'Rattachements hiérarchiques',
      influenceLinks: 'Liens d’influence',
      created: 'Créés',
      updated: 'Mis à jour',
      unchanged: 'Inchangés',
      rejected: 'Rejetés',
      contactCounts: 'créés : {{created}}, mis à jour : {{updated}}, inchangés : {{unchanged}}, rejetés : {{rejected}}',
      linkCounts: 'créés : {{created}}, mis à jour : {{updated}}, inchangés : {{unchanged}}',
      relationshipCounts: 'créées : {{created}}, mises à jour : {{updated}}, inchangées : {{unchanged}}',
      correctedAccounts: 'Noms de compte lus comme un compte existant mal orthographié :',
      correctedAccount: '« {{typed}} » lu comme « {{used}} »',
      rejectedRows_one: '{{count}} ligne rejetée (corrigez-la et importez de nouveau le fichier ; les lignes déjà importées ne seront pas dupliquées) :',
      rejectedRows_other: '{{count}} lignes rejetées (corrigez-les et importez de nouveau le fichier ; les lignes déjà importées ne seront pas dupliquées) :',
      warnings_one: '{{count}} avertissement (la ligne a été importée) :',
      warnings_other: '{{count}} avertissements (les lignes ont été importées) :',
      issue: 'Ligne {{line}} : {{reason}}',
      more_one: '… et {{count}} autre ; --json en liste jusqu’à 1 000.',
      more_other: '… et {{count}} autres ; --json en liste jusqu’à 1 000.',
    },
    notice: {
      contactsOnly:
        'Les relations LinkedIn ont été importées comme simples contacts. Pour les enregistrer comme vos relations (force 1, rencontré une fois), importez de nouveau le fichier avec --as "votre nom ou e-mail".',
    },
    reason: {
      noAccountIn: 'aucun compte. Renseignez la colonne {{column}}, ou importez le fichier avec --account "Nom du compte".',
      noAccount: 'aucun compte. Renseignez la colonne société, ou importez le fichier avec --account "Nom du compte".',
      contactNotFound: 'aucun contact de référence ou d’e-mail « {{reference}} » chez {{account}}. Importez d’abord ce contact, ou ajoutez son nom à la ligne.',
      memberNotFound: 'aucun membre de l’équipe ne correspond à « {{member}} ». Indiquez l’adresse e-mail du membre telle qu’elle figure dans o2o.',
      memberAmbiguous: '{{count}} membres s’appellent « {{member}} ». Indiquez plutôt l’adresse e-mail du membre.',
      memberMissing: 'la force est renseignée mais la colonne {{column}} est vide. Ajoutez l’e-mail du membre qui connaît ce contact, ou effacez la force.',
      strengthMissing: 'le membre est renseigné mais la colonne {{column}} est vide. Indiquez une force de 1 (rencontré une fois) à 5 (confiance totale).',
      invalidValue: '« {{value}} » n’est pas une valeur valide pour {{column}}. Utilisez l’une de celles-ci : {{options}}.',
      deletedRecord: 'l’enregistrement est marqué supprimé dans Salesforce (IsDeleted). Retirez la ligne ou excluez-la de l’export.',
      duplicate: 'un autre contact a déjà cette adresse e-mail ou cette référence. Comparez la ligne au contact existant.',
      writeFailed: 'la base de données a refusé cette ligne. Vérifiez ses valeurs ; si elles semblent correctes, prévenez votre administrateur.',
    },
    warning: {
      invalidDate: '« {{value}} » dans {{column}} n’est pas une date : la date du dernier contact est restée vide.',
      managerNotFound: 'la référence de responsable « {{reference}} » ne correspond à aucun contact du même compte : aucun rattachement n’a été créé.',
      influenceTargetNotFound: 'la cible d’influence « {{reference}} » ne correspond à aucun contact du même compte : le lien a été ignoré.',
      memberSkipped: 'le propriétaire du contact « {{member}} » n’est pas membre de l’équipe : aucune relation n’a été enregistrée pour lui.',
    },
    errors: {
      fileNotFound: 'Fichier « {{path}} » introuvable. Vérifiez le chemin et réessayez.',
      notAFile: '« {{path}} » n’est pas un fichier. Indiquez le chemin d’un fichier CSV.',
      fileUnreadable: 'Le fichier « {{path}} » ne peut pas être lu. Vérifiez ses droits d’accès.',
      emptyFile: 'Le fichier est vide. Exportez de nouveau les contacts, avec leur ligne d’en-tête.',
      unknownFormat:
        'La ligne d’en-tête ({{header}}) ne correspond à aucun format lu par o2o. Exportez depuis un outil pris en charge, utilisez les colonnes o2o décrites dans docs/import-format.fr.md, ou imposez un format avec --format ({{formats}}).',
      formatMismatch: 'La ligne d’en-tête ({{header}}) n’est pas celle d’un fichier {{format}}. Vérifiez le fichier, ou retirez --format pour le reconnaître automatiquement.',
      csvSyntax: 'Le CSV est mal formé vers la ligne {{line}} (souvent un guillemet jamais refermé). Corrigez cette ligne et importez de nouveau le fichier ; les lignes précédentes ont été importées.',
    },
  },
};
