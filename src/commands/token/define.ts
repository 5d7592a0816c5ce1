// `kfk token`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const cmd = program
    .command('token')
    .description('delegation tokens (KIP-48): create, renew, expire and describe them; a token authenticates as SCRAM (kafka-delegation-tokens)');
  cmd.addHelpText(
    'after',
    examples(
      'kfk token create --command-config admin.properties --renewer-principal User:ops',
      'kfk token describe --command-config admin.properties',
      'kfk token renew --command-config admin.properties --hmac-file ./token.hmac --renew-time-period 86400000',
      'kfk token expire --command-config admin.properties --hmac-env KFK_TOKEN_HMAC',
    ) +
      '\nA token\'s id and HMAC authenticate a client as its owner: security.protocol=SASL_PLAINTEXT (or SASL_SSL),\n' +
      'sasl.mechanism=SCRAM-SHA-256 (or -512) and sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule\n' +
      'required username="<token id>" password="<HMAC>" tokenauth="true"; in a --command-config file.\n',
  );
  return cmd;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['create', 'describe', 'renew', 'expire'] as const;
