// Start-up messages: invalid environment variables and a store or port that cannot be used.
// Each variable of src/config/env.ts has a rule under env.rules, named exactly like the variable.
export const env = {
  env: {
    invalid: 'o2o cannot start because some environment variables are invalid:',
    present: "{{name}} is '{{value}}': {{rule}}",
    missing: '{{name}} is missing: {{rule}}',
    hidden: '[hidden]',
    fallback: '{{detail}}. Set a valid value, or unset it to use the default.',
    rules: {
      DATABASE_URL:
        'it must be a Postgres connection URL such as postgres://o2o@127.0.0.1:5432/o2o. Fix it, or unset it to keep the data in O2O_DATA_DIR.',
      DATABASE_MAX_CONNECTIONS: 'it must be a whole number from 2 to 200. Set it to 10, for example, or unset it to use 10.',
      DATABASE_PREPARE:
        'it must be true or false. Set it to false behind a transaction-mode pooler such as PgBouncer, or unset it to use true.',
      O2O_DATA_DIR:
        'it must be the path of a folder. Set it to a folder o2o may write to, or unset it to use .o2o-data in the working directory.',
      LOG_LEVEL:
        'it must be one of fatal, error, warn, info, debug, trace or silent. Set one of them, or unset it to use info.',
      DEFAULT_LOCALE: 'o2o speaks en (English) and fr (French). Set one of them, or unset it to use en.',
      O2O_TENANT:
        'it must be a key of 1 to 200 characters without spaces, such as local:default. Fix it, or unset it to use local:default.',
      O2O_ADMINS:
        'it must list o2o administrators separated by commas: e-mail addresses, Slack user ids (U…) or Teams object ids (GUIDs), such as ana@example.com,U024BE7LH. Fix it, or unset it to rely on workspace administrators.',
      O2O_WORKERS:
        'it must be a whole number from 1 to 64, and more than 1 needs DATABASE_URL because the embedded store serves one process. Set DATABASE_URL to a Postgres database to run several workers, or unset O2O_WORKERS to use 1.',
      PORT: 'it must be a whole number from 0 to 65535, where 0 picks a free port. Set it to 3000, for example, or unset it to use 3000.',
      HOST: 'it must be a host name or IP address to listen on, without a scheme or port, such as 0.0.0.0 or 127.0.0.1. Fix it, or unset it to use 0.0.0.0.',
      O2O_PUBLIC_URL:
        'it must be the public URL of this server, without a user, query or fragment, such as https://o2o.example.com. Teams clients fetch map pictures from it, so outside local tests it must be an https URL. Fix it, or unset it to send pictures inside Teams messages.',
      MicrosoftAppId:
        'it must be the Microsoft app id of the Azure bot, a GUID such as 3f2b6f4e-1c1d-4c7a-9d5e-5b1f0c2a7e11. Set it with MicrosoftAppPassword or a certificate, or unset every Microsoft variable to turn Teams off.',
      MicrosoftAppPassword:
        "it must be the client secret of the bot's app registration. A bot with a certificate (MicrosoftAppCertificateThumbprint and MicrosoftAppCertificateKeyFile) needs none, and a managed identity (UserAssignedMsi) takes none.",
      MicrosoftAppType: 'it must be MultiTenant, SingleTenant or UserAssignedMsi, as chosen when the Azure bot was created. Unset it to use MultiTenant.',
      MicrosoftAppTenantId: "it must be the Microsoft Entra tenant id (a GUID) of the bot's app registration, which SingleTenant and UserAssignedMsi bots need.",
      MicrosoftAppCertificateThumbprint: "it must be the thumbprint of the bot's certificate (40 hexadecimal digits), set together with MicrosoftAppCertificateKeyFile.",
      MicrosoftAppCertificateKeyFile: "it must be the path of a readable PEM file that holds the private key of the bot's certificate, set together with MicrosoftAppCertificateThumbprint.",
      TEAMS_LOCAL_MODE:
        'it must be true or false. true accepts unauthenticated Teams requests, for local development only, and cannot be combined with MicrosoftAppId. Unset it to use false.',
      TEAMS_APP_ID: 'it must be the id (a GUID) of the Teams app in its manifest. Unset it to use MicrosoftAppId.',
      SLACK_BOT_TOKEN: 'it must be the bot token of the Slack app, starting with xoxb-, from OAuth & Permissions. Fix it, or unset it to turn Slack off.',
      SLACK_SIGNING_SECRET: 'it must be the signing secret from the Basic Information page of the Slack app. Fix it, or unset it to turn Slack off.',
      SLACK_APP_TOKEN: 'it must be an app-level token starting with xapp-, with the connections:write scope. Fix it, or unset it to receive Slack requests over HTTP.',
      SLACK_CLIENT_ID: 'it must be the client id from the Basic Information page of the Slack app, such as 1234567890.1234567890. Fix it, or unset it for a single workspace.',
      SLACK_CLIENT_SECRET: 'it must be the client secret from the Basic Information page of the Slack app. Fix it, or unset it for a single workspace.',
      SLACK_STATE_SECRET: 'it must be a random string of at least 16 characters without spaces, used to sign the OAuth state. Generate one, for example with openssl rand -hex 32.',
      SLACK_REDIRECT_URI: 'it must be the public https URL of /slack/oauth_redirect, as listed in the Slack app. Fix it, or unset it to use the app’s only redirect URL.',
      SLACK_API_URL: 'it must be a URL ending in /, such as https://slack.com/api/. Unset it outside tests.',
    },
    startup: {
      storeUnreachable:
        'The database at {{location}} cannot be reached ({{reason}}). Check DATABASE_URL and that Postgres is running, then start again.',
      storeAuth:
        'Postgres at {{location}} rejected the user or password in DATABASE_URL. Fix the credentials in DATABASE_URL, then start again.',
      storeMissingDatabase:
        'The database {{location}} does not exist. Create it (for example with createdb), or set DATABASE_URL to an existing database.',
      dataDirUnusable: 'The data folder {{path}} cannot be used ({{reason}}). Set O2O_DATA_DIR to a folder o2o may write to.',
      dataDirInUse:
        'The data folder {{path}} is in use by another o2o process (pid {{pid}}). Stop that process, or set DATABASE_URL so that several processes share one Postgres.',
      portInUse: 'Port {{port}} on {{host}} is already in use. Stop the program that uses it, or set PORT to another port.',
      portForbidden: 'This process may not listen on port {{port}}. Set PORT to 1024 or above.',
      hostUnavailable:
        "HOST {{host}} is not an address of this machine. Set HOST to 0.0.0.0, 127.0.0.1 or one of this machine's addresses.",
      failed: 'o2o failed to start: {{reason}}. The log above has the details.',
    },
  },
};
