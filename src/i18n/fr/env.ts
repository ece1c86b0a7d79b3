// French start-up messages; the English file explains the keys.
export const env = {
  env: {
    invalid: 'o2o ne peut pas démarrer : certaines variables d’environnement sont invalides.',
    present: '{{name}} vaut « {{value}} » : {{rule}}',
    missing: '{{name}} n’est pas définie : {{rule}}',
    hidden: '[masqué]',
    fallback: '{{detail}}. Indiquez une valeur valide, ou retirez la variable pour utiliser la valeur par défaut.',
    rules: {
      DATABASE_URL:
        'il faut une URL de connexion Postgres, par exemple postgres://o2o@127.0.0.1:5432/o2o. Corrigez-la, ou retirez la variable pour garder les données dans O2O_DATA_DIR.',
      DATABASE_MAX_CONNECTIONS:
        'il faut un nombre entier de 2 à 200. Indiquez par exemple 10, ou retirez la variable pour utiliser 10.',
      DATABASE_PREPARE:
        'il faut true ou false. Indiquez false derrière un pooler en mode transaction comme PgBouncer, ou retirez la variable pour utiliser true.',
      O2O_DATA_DIR:
        'il faut le chemin d’un dossier. Indiquez un dossier où o2o peut écrire, ou retirez la variable pour utiliser .o2o-data dans le répertoire courant.',
      LOG_LEVEL:
        'il faut l’un des niveaux fatal, error, warn, info, debug, trace ou silent. Choisissez-en un, ou retirez la variable pour utiliser info.',
      DEFAULT_LOCALE:
        'o2o parle en (anglais) et fr (français). Choisissez l’une de ces langues, ou retirez la variable pour utiliser en.',
      O2O_TENANT:
        'il faut une clé de 1 à 200 caractères sans espace, par exemple local:default. Corrigez-la, ou retirez la variable pour utiliser local:default.',
      O2O_ADMINS:
        'il faut la liste des administrateurs o2o séparés par des virgules : adresses e-mail, identifiants Slack (U…) ou identifiants d’objet Teams (GUID), par exemple ana@example.com,U024BE7LH. Corrigez-la, ou retirez la variable pour vous en remettre aux administrateurs de l’espace de travail.',
      O2O_WORKERS:
        'il faut un nombre entier de 1 à 64, et plus de 1 exige DATABASE_URL, car la base embarquée ne sert qu’un processus. Renseignez DATABASE_URL avec une base Postgres pour lancer plusieurs processus, ou retirez O2O_WORKERS pour utiliser 1.',
      PORT: 'il faut un nombre entier de 0 à 65535 ; 0 choisit un port libre. Indiquez par exemple 3000, ou retirez la variable pour utiliser 3000.',
      HOST: 'il faut un nom d’hôte ou une adresse IP d’écoute, sans protocole ni port, par exemple 0.0.0.0 ou 127.0.0.1. Corrigez-la, ou retirez la variable pour utiliser 0.0.0.0.',
      O2O_PUBLIC_URL:
        'il faut l’adresse publique de ce serveur, sans utilisateur, requête ni fragment, par exemple https://o2o.example.com. Les clients Teams y chargent les images des cartes : hors tests locaux, elle doit donc être en https. Corrigez-la, ou retirez la variable pour envoyer les images dans les messages Teams.',
      MicrosoftAppId:
        'il faut l’identifiant d’application Microsoft du bot Azure, un GUID comme 3f2b6f4e-1c1d-4c7a-9d5e-5b1f0c2a7e11. Indiquez-le avec MicrosoftAppPassword ou un certificat, ou retirez toutes les variables Microsoft pour désactiver Teams.',
      MicrosoftAppPassword:
        'il faut le secret client de l’inscription d’application du bot. Un bot à certificat (MicrosoftAppCertificateThumbprint et MicrosoftAppCertificateKeyFile) n’en a pas besoin, et une identité managée (UserAssignedMsi) n’en accepte pas.',
      MicrosoftAppType: 'il faut MultiTenant, SingleTenant ou UserAssignedMsi, selon le choix fait à la création du bot Azure. Retirez la variable pour utiliser MultiTenant.',
      MicrosoftAppTenantId: 'il faut l’identifiant du tenant Microsoft Entra (un GUID) de l’inscription d’application du bot, indispensable aux bots SingleTenant et UserAssignedMsi.',
      MicrosoftAppCertificateThumbprint: 'il faut l’empreinte du certificat du bot (40 chiffres hexadécimaux), avec MicrosoftAppCertificateKeyFile.',
      MicrosoftAppCertificateKeyFile: 'il faut le chemin d’un fichier PEM lisible contenant la clé privée du certificat du bot, avec MicrosoftAppCertificateThumbprint.',
      TEAMS_LOCAL_MODE:
        'il faut true ou false. true accepte les requêtes Teams non authentifiées, pour le développement local uniquement, et ne se combine pas avec MicrosoftAppId. Retirez la variable pour utiliser false.',
      TEAMS_APP_ID: 'il faut l’identifiant (un GUID) de l’application Teams dans son manifeste. Retirez la variable pour utiliser MicrosoftAppId.',
      SLACK_BOT_TOKEN: 'il faut le jeton du bot de l’application Slack, qui commence par xoxb-, à la page OAuth & Permissions. Corrigez-le, ou retirez la variable pour désactiver Slack.',
      SLACK_SIGNING_SECRET: 'il faut le secret de signature de la page Basic Information de l’application Slack. Corrigez-le, ou retirez la variable pour désactiver Slack.',
      SLACK_APP_TOKEN: 'il faut un jeton d’application qui commence par xapp-, avec la permission connections:write. Corrigez-le, ou retirez la variable pour recevoir les requêtes Slack en HTTP.',
      SLACK_CLIENT_ID: 'il faut l’identifiant client de la page Basic Information de l’application Slack, par exemple 1234567890.1234567890. Corrigez-le, ou retirez la variable pour un seul espace de travail.',
      SLACK_CLIENT_SECRET: 'il faut le secret client de la page Basic Information de l’application Slack. Corrigez-le, ou retirez la variable pour un seul espace de travail.',
      SLACK_STATE_SECRET: 'il faut une chaîne aléatoire d’au moins 16 caractères sans espace, qui signe l’état OAuth. Générez-en une, par exemple avec openssl rand -hex 32.',
      SLACK_REDIRECT_URI: 'il faut l’URL publique en https de /slack/oauth_redirect, telle qu’elle figure dans l’application Slack. Corrigez-la, ou retirez la variable pour utiliser la seule URL de redirection de l’application.',
      SLACK_API_URL: 'il faut une URL qui se termine par /, comme https://slack.com/api/. Retirez la variable en dehors des tests.',
    },
    startup: {
      storeUnreachable:
        'Impossible de joindre la base {{location}} ({{reason}}). Vérifiez DATABASE_URL et que Postgres est démarré, puis relancez.',
      storeAuth:
        'Postgres ({{location}}) a refusé l’utilisateur ou le mot de passe de DATABASE_URL. Corrigez les identifiants dans DATABASE_URL, puis relancez.',
      storeMissingDatabase:
        'La base {{location}} n’existe pas. Créez-la (par exemple avec createdb), ou faites pointer DATABASE_URL vers une base existante.',
      dataDirUnusable:
        'Le dossier de données {{path}} est inutilisable ({{reason}}). Indiquez dans O2O_DATA_DIR un dossier où o2o peut écrire.',
      dataDirInUse:
        'Le dossier de données {{path}} est déjà utilisé par un autre processus o2o (pid {{pid}}). Arrêtez ce processus, ou définissez DATABASE_URL pour que plusieurs processus partagent un même Postgres.',
      portInUse:
        'Le port {{port}} est déjà utilisé sur {{host}}. Arrêtez le programme qui l’occupe, ou choisissez un autre port avec PORT.',
      portForbidden: 'Ce processus n’a pas le droit d’écouter sur le port {{port}}. Indiquez dans PORT un port à partir de 1024.',
      hostUnavailable:
        'HOST {{host}} n’est pas une adresse de cette machine. Indiquez dans HOST 0.0.0.0, 127.0.0.1 ou l’une des adresses de la machine.',
      failed: 'o2o n’a pas pu démarrer : {{reason}}. Le journal ci-dessus donne le détail.',
    },
  },
};
