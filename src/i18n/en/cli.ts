export const cli = {
  cli: {
    description: 'o2o: who knows whom at your customers. Runs the same use cases as the Slack and Teams apps.',
    options: {
      as: 'act and look as this member (name or e-mail); without it, private relationships stay hidden',
      lang: 'language of the output: en or fr (default: from LANG, else DEFAULT_LOCALE)',
      json: 'print the result as JSON instead of tables',
      help: 'show help for a command',
    },
    helpCommand: 'show help for a command, as COMMAND --help does',
    lookupEmpty: {
      account: "No account matches '{{query}}': there are no accounts yet. Load the example data with o2o demo, or import a file with o2o import FILE.",
      contact: "No contact matches '{{query}}': there are no contacts yet. Load the example data with o2o demo, or import a file with o2o import FILE.",
      member: "No member of our team matches '{{query}}': there are no members yet. Load the example data with o2o demo, or import a file of relationships with o2o import FILE.",
    },
    commander: {
      unknownCommand: "error: unknown command '{{name}}'",
      unknownOption: "error: unknown option '{{name}}'",
      missingArgument: "error: missing required argument '{{name}}'",
      optionMissingArgument: "error: option '{{name}}' argument missing",
      missingOption: "error: required option '{{name}}' not specified",
      excessArguments: "error: too many arguments for '{{name}}'. Expected {{expected}}, got {{count}}.",
      excessArgumentsTop: 'error: too many arguments. Expected {{expected}}, got {{count}}.',
      invalidChoice: "error: option '{{name}}' argument '{{value}}' is invalid. Allowed choices are {{choices}}.",
      invalidArgumentChoice: "error: command-argument value '{{value}}' is invalid for argument '{{name}}'. Allowed choices are {{choices}}.",
      choices: 'choices: {{choices}}',
      didYouMean: '(Did you mean {{suggestion}}?)',
      didYouMeanOneOf: '(Did you mean one of {{suggestions}}?)',
    },
    helpHint: '(run o2o --help to list the commands)',
  },
};
