export const cli = {
  cli: {
    description: 'o2o: who knows whom at your customers. Runs the same use cases as the Slack and Teams apps.',
    options: {
      as: 'act and look as this member (name or e-mail); without it, private relationships stay hidden',
      lang: 'language of the output: en or fr (default: from LANG, else DEFAULT_LOCALE)',
      json: 'print the result as JSON instead of tables',
      help: 'show help for a command',
    },
    helpHint: '(run o2o --help to list the commands)',
  },
};
