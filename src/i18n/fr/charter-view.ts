// Messages de la vue de la charte : la partie charte de l’onglet Accueil de Slack et la carte
// Teams où les membres adhèrent à la charte, cessent de partager et choisissent qui voit chacune de leurs relations.
export const charterView = {
  charterView: {
    heading: 'Confidentialité et partage',
    standing: {
      accepted: 'Vous avez adhéré à la version {{version}} de la charte des relations le {{date}}.',
      acceptedOlder: 'Vous avez adhéré à la version {{accepted}} le {{date}}. Les règles ont changé depuis : lisez la version {{version}} et adhérez-y.',
      notAccepted: 'Vous n’avez pas encore adhéré à la version {{version}} de la charte des relations.',
      notSharing: 'Tant que vous n’y avez pas adhéré, vos relations ne sont visibles que de vous.',
      optedOut: 'Vous avez cessé de partager : vos relations ne sont visibles que de vous.',
      sharing: 'Vos relations sont partagées selon la visibilité de chacune.',
      read: 'La commande `charter` affiche le texte complet de la charte.',
    },
    relationships: {
      heading: 'Vos relations',
      none: 'Vous n’avez encore enregistré aucune relation.',
      label: 'Visible de',
      choices: {
        private: 'Moi uniquement',
        deal_team: 'Mon équipe de l’affaire',
        tenant: 'Toute notre équipe',
      },
      page: 'Relations {{from}} à {{to}} sur {{total}}.',
      previous: 'Page précédente',
      next: 'Page suivante',
      save: 'Enregistrer la visibilité',
    },
    introductions: {
      heading: 'Mises en relation qui attendent votre réponse',
      none: 'Aucune demande de mise en relation n’attend votre réponse.',
      more: 'D’autres demandes attendent votre réponse. La commande `introductions` les affiche toutes.',
    },
    unchanged: 'Rien n’a changé : chaque relation avait déjà la visibilité choisie.',
    errors: {
      invalidAction: 'Ce bouton n’est plus valable. Rouvrez la vue et réessayez.',
      invalidChoice: 'Cette visibilité n’est pas valable. Rouvrez la vue et choisissez moi uniquement, mon équipe de l’affaire ou toute notre équipe.',
      relationshipGone: 'Cette relation n’existe plus ou n’est pas la vôtre. Rouvrez la vue pour voir vos relations actuelles.',
      personalOnly: 'Vos relations peuvent être privées : o2o ne les montre donc que dans votre conversation personnelle avec lui. Ouvrez une conversation avec o2o et tapez `my relationships`.',
    },
  },
};
