// Microsoft Teams (identifiers and comments stay English).
export const teams = {
  teams: {
    welcome: {
      title: 'Bonjour, je suis o2o',
      personal:
        'Demandez-moi qui, chez nous, connaît qui chez un client, et comment se faire présenter. Essayez who suivi du nom d’un compte, ou who-knows suivi du nom d’une personne.',
      shared:
        'Mentionnez-moi avec votre question, par exemple @o2o who suivi du nom d’un compte. Dans cette conversation, mes réponses omettent les relations privées, puisque tout le monde les voit.',
      privacy: 'Les relations que vous marquez comme privées ne sont visibles que par vous, dans notre conversation personnelle.',
      help: 'Voir les commandes',
    },
    cards: {
      omitted_one: '{{count}} autre entrée ne tient pas dans ce message. Précisez la question ou demandez la page suivante.',
      omitted_other: '{{count}} autres entrées ne tiennent pas dans ce message. Précisez la question ou demandez la page suivante.',
      pictureTooLarge: 'L’image est trop lourde pour un message Teams : seule sa description est affichée.',
    },
    forms: {
      titles: {
        relationship: 'Consigner une relation',
        contact: 'Ajouter un contact',
        influence: 'Consigner une influence',
        interaction: 'Consigner un échange',
        outreach: 'Consigner le résultat d’une prise de contact',
      },
      intros: {
        relationship: 'Indiquez dans quelle mesure vous connaissez une personne chez un client.',
        contact: 'Ajoutez une personne d’un compte client, ou mettez à jour ce que nous savons d’elle.',
        influence: 'Indiquez qu’une personne en influence une autre au sein du même compte.',
        interaction: 'Consignez une réunion, un appel ou un message avec des personnes d’un client.',
        outreach: 'Comment s’est passée la prise de contact avec {{contact}} pour {{deal}} ?',
      },
      fields: {
        account: 'Compte',
        contact: 'Personne',
        strength: 'Votre degré de connaissance',
        kind: 'Nature de la relation',
        lastContactOn: 'Dernier contact',
        visibility: 'Visible par',
        note: 'Note',
        name: 'Nom',
        title: 'Fonction',
        email: 'E-mail',
        phone: 'Téléphone',
        from: 'Personne qui influence',
        to: 'Personne influencée',
        weight: 'Poids de l’influence',
        occurredOn: 'Date',
        channel: 'Type d’échange',
        contacts: 'Personnes côté client',
        members: 'Collègues présents (en plus de vous)',
        outcome: 'Résultat',
        strengthAfter: 'Relation désormais, si le contact est établi',
      },
      placeholders: {
        contacts: 'Noms, séparés par des virgules',
        members: 'Noms, séparés par des virgules',
      },
      channels: {
        meeting: 'Réunion',
        call: 'Appel',
        email: 'E-mail',
        chat: 'Message instantané',
        event: 'Événement',
        other: 'Autre',
      },
      outcomes: {
        reached: 'Contact établi',
        no_response: 'Sans réponse',
        declined: 'Refus',
      },
      weights: {
        '0_25': 'Légère (0,25)',
        '0_5': 'Modérée (0,5)',
        '0_75': 'Forte (0,75)',
        '1': 'Décisive (1)',
      },
      save: 'Enregistrer',
      close: 'Fermer',
      alreadySaved: 'Ce formulaire a déjà été enregistré.',
    },
    errors: {
      noTenant: 'Ce message ne porte aucun tenant Microsoft Entra : o2o ne peut pas savoir à quelle organisation il appartient. Envoyez-le depuis Microsoft Teams.',
      unknownAction: 'o2o ne connaît pas cette action. Mettez l’application à jour dans Teams, puis réessayez.',
    },
    manifest: {
      shortName: 'o2o',
      fullName: 'o2o : qui connaît qui chez vos clients',
      shortDescription: 'Qui, chez nous, connaît qui chez nos clients, et comment se faire présenter.',
      fullDescription:
        'o2o cartographie les relations entre vos commerciaux et les interlocuteurs de vos comptes clients. Demandez qui connaît qui dans un compte, qui connaît une personne, et le meilleur chemin pour se faire présenter ; consignez les personnes que vous connaissez, qui influence qui et qui rend compte à qui ; consignez une réunion ou ajoutez un contact directement depuis un message Teams.',
      commands: {
        who: 'Qui, chez nous, connaît qui dans un compte',
        'who-knows': 'Qui, chez nous, connaît une personne',
        reach: 'Les meilleurs chemins pour se faire présenter',
        contacts: 'Les contacts d’un compte',
        know: 'Indiquer que vous connaissez quelqu’un',
        log: 'Consigner une réunion, un appel ou un message',
        digest: 'Publier le point hebdomadaire de couverture dans ce canal',
        ask: 'Demander à un collègue s’il connaît bien quelqu’un',
        help: 'Voir les commandes',
      },
      actions: {
        logInteraction: {
          title: 'Consigner l’échange',
          description: 'Consigner une réunion, un appel ou un message avec un client',
        },
        addContact: {
          title: 'Ajouter un contact',
          description: 'Ajouter une personne d’un client, d’après la signature du message',
        },
      },
    },
  },
};
