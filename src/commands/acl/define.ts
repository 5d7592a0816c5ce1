// `kfk acl`: the group of subcommands and its help, and the flags they share (kafka-acls' own
// names, so that a runbook's flags work as they are).
import { Option, type AnyCommand, type Command } from '../../cli/commander.js';
import { collect, examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const acl = program.command('acl').description('list, create and delete ACLs (kafka-acls)');
  acl.addHelpText(
    'after',
    examples(
      'kfk acl list --topic orders',
      'kfk acl create --allow-principal User:alice --operation Read --topic orders',
      'kfk acl create --producer --allow-principal User:app --topic orders --idempotent',
      'kfk acl delete --topic orders --force',
    ),
  );
  return acl;
}

const RESOURCES = 'Resources:';

/** The resource flags of every `kfk acl` subcommand. */
export function resourceFlags<A extends unknown[], O extends Record<string, unknown>, G extends Record<string, unknown>>(cmd: Command<A, O, G>) {
  return cmd
    .addOption(new Option('--topic <topic>', "topic ('*': all topics); repeatable").argParser(collect).helpGroup(RESOURCES))
    .addOption(new Option('--group <group>', "consumer group ('*': all groups); repeatable").argParser(collect).helpGroup(RESOURCES))
    .addOption(new Option('--cluster', 'the cluster').helpGroup(RESOURCES))
    .addOption(new Option('--transactional-id <id>', "transactional id ('*': all); repeatable").argParser(collect).helpGroup(RESOURCES))
    .addOption(new Option('--delegation-token <id>', "delegation token ('*': all); repeatable").argParser(collect).helpGroup(RESOURCES))
    .addOption(new Option('--user-principal <user>', 'a user principal as the resource (CreateTokens, DescribeTokens); repeatable').argParser(collect).helpGroup(RESOURCES))
    .addOption(
      new Option('--resource-pattern-type <type>', 'literal or prefixed; to list or delete also any or match (default: literal)').helpGroup(RESOURCES),
    );
}

/** Who, from where, what: the entry flags of create and delete. */
export function entryFlags<A extends unknown[], O extends Record<string, unknown>, G extends Record<string, unknown>>(cmd: Command<A, O, G>) {
  return cmd
    .option('--allow-principal <principal>', "principal to allow, Type:name (User:alice, User:'*'); repeatable", collect)
    .option('--deny-principal <principal>', 'principal to deny (deny wins over allow); repeatable', collect)
    .option('--allow-host <host>', "host the allowed principals may come from (default '*'); repeatable", collect)
    .option('--deny-host <host>', "host the denied principals are denied from (default '*'); repeatable", collect)
    .option(
      '--operation <op>',
      'All, Read, Write, Create, Delete, Alter, Describe, ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite, CreateTokens, DescribeTokens, TwoPhaseCommit (default All); repeatable',
      collect,
    )
    .option('--producer', 'producer role: Write, Describe, Create on the topics (Write, Describe on transactional ids)')
    .option('--consumer', 'consumer role: Read, Describe on the topics, Read on the groups')
    .option('--idempotent', 'with --producer: IdempotentWrite on the cluster');
}

/** kafka-acls takes --principal with any action and refuses it but with --list, in its words. */
export function listOnlyPrincipalFlag() {
  return new Option('--principal <principal>').argParser(collect).hideHelp();
}

/** Kafka's wording for prompts and errors (set by the kafka-acls drop-in). */
export function kafkaTextFlag() {
  return new Option('--kafka-acls-text').hideHelp();
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['list', 'create', 'delete'] as const;
