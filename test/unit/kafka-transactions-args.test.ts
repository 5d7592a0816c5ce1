// kafka-transactions' argument errors as argparse4j prints them (wrapped and justified at 75
// columns), and its command lines as kfk's: the texts below are what Kafka 4.4's
// TransactionsCommand printed for the same arguments.
import { describe, expect, it } from 'vitest';
import { argparseErrorText, translateTransactions } from '../../src/compat/kafka-transactions.js';

const BS = ['--bootstrap-server', 'localhost:9092'];
const errorOf = (args: string[]) => {
  try {
    translateTransactions(args);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('kafka-transactions arguments', () => {
  it('wraps and justifies the error line as argparse4j does', () => {
    expect(argparseErrorText('kafka-transactions.sh', "unrecognized arguments: '--foo'")).toBe("kafka-transactions.sh: error: unrecognized arguments: '--foo'");
    expect(errorOf([...BS, 'list', '--duration-filter', '99999999999999999999'])).toBe(
      'kafka-transactions.sh:  error:   argument   --duration-filter:   could  not\nconvert    \'99999999999999999999\'    to    Long    (For    input    string:\n"99999999999999999999")',
    );
    expect(errorOf([...BS, 'abort', '--topic', 't', '--partition', '0', '--producer-epoch', '70000'])).toBe(
      "kafka-transactions.sh: error: argument --producer-epoch:  could not convert\n'70000' to Short (Value out of range. Value:\"70000\" Radix:10)",
    );
    expect(errorOf([...BS, 'find-hanging', '--max-transaction-timeout', '1.5'])).toBe(
      'kafka-transactions.sh:  error:  argument  --max-transaction-timeout:  could\nnot convert \'1.5\' to Integer (For input string: "1.5")',
    );
    expect(errorOf([...BS, 'forceTerminateTransaction', '--transactionalId'])).toBe('kafka-transactions.sh:  error:  argument  --transactionalId:  expected  one\nargument');
  });

  it('reports the first bad argument, then the required ones in the order the tool checks them', () => {
    expect(errorOf(['abort'])).toBe('kafka-transactions.sh: error: argument --bootstrap-server is required');
    expect(errorOf([...BS, 'abort'])).toBe('kafka-transactions.sh: error: argument --partition is required');
    expect(errorOf([...BS, 'abort', '--foo', '--partition', 'x'])).toBe("kafka-transactions.sh: error: unrecognized arguments: '--foo'");
    expect(errorOf([...BS, 'abort', '--partition', 'x', '--foo'])).toBe('kafka-transactions.sh: error: argument --partition:  could  not convert \'x\'\nto Integer (For input string: "x")');
    expect(errorOf([...BS])).toBe('kafka-transactions.sh: error: too few arguments');
    expect(errorOf([...BS, 'list', 'extra'])).toBe("kafka-transactions.sh: error: unrecognized arguments: 'extra'");
    expect(errorOf([...BS, 'forceTerminateTransaction', '--transactional-id', 'x'])).toBe("kafka-transactions.sh: error: unrecognized arguments: '--transactional-id'");
  });

  it('translates abbreviations, --flag=value and negative numbers', () => {
    expect(translateTransactions(['--boot', 'h:1', 'abort', '--top', 't', '--par=0', '--producer-id', '5', '--producer-epoch=-1', '--coordinator-epoch', '-1'])).toEqual([
      'transaction', 'abort', '-o', 'text', '--kafka-errors', '--bootstrap-server', 'h:1', '--topic', 't', '--partition', '0', '--producer-id', '5', '--producer-epoch', '-1', '--coordinator-epoch', '-1',
    ]);
    expect(translateTransactions([...BS, 'forceTerminateTransaction', '--transactionalId', 'tx'])).toEqual(['transaction', 'force-terminate', '-o', 'text', '--kafka-errors', ...BS, '--transactional-id', 'tx']);
    expect(translateTransactions([...BS, 'find-hanging', '--broker-id', '1'])).toEqual(['transaction', 'find-hanging', '-o', 'text', '--kafka-errors', ...BS, '--broker-id', '1']);
  });
});
