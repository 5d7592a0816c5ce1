// `kfk quota describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', 'quotas of users, client ids and IPs: all of them, or the entities named (kafka-configs --describe --entity-type users|clients|ips)', (cmd) => cmd
  .option('--user [name]', 'a user principal; without a name, every user')
  .option('--client [id]', 'a client id; without an id, every client id')
  .option('--ip [address]', 'an IP address; without one, every IP')
  .option('--user-default', 'the default user quota')
  .option('--client-default', 'the default client-id quota')
  .option('--ip-default', 'the default IP quota')
  // kafka-configs --describe --entity-type users: the users' SCRAM credentials after their quotas.
  .addOption(new Option('--with-scram', "kafka-configs' SCRAM credential lines").hideHelp()),
  examples('kfk quota describe', 'kfk quota describe --user alice', 'kfk quota describe --user alice --client', 'kfk quota describe --ip -o json'));
