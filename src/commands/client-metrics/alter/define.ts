// `kfk client-metrics alter`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommandWithoutOutput } from '../../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('alter', 'create or change a client metrics subscription; what is not given is kept, an empty value removes it (kafka-client-metrics --alter)', (cmd) => cmd
  .option('--name <name>', 'the subscription')
  .option('--generate-name', 'a new subscription with a random UUID as its name')
  .option('--metrics <m1,m2>', "metric name prefixes the clients push ('*' for all); empty: none")
  .option('--interval <ms>', 'the push interval, 100 to 3600000 ms; empty: the default')
  .option('--match <k1=v1,k2=v2>', 'the clients it applies to, by client_id, client_instance_id, client_software_name, client_software_version, client_source_address or client_source_port (regular expressions); empty: every client'),
  examples(
    'kfk client-metrics alter --name producers --metrics org.apache.kafka.producer. --interval 60000',
    "kfk client-metrics alter --name app --match 'client_id=app-.*' --metrics '*'",
    "kfk client-metrics alter --name app --interval ''",
  ));
