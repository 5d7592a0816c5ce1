import { describe, expect, it } from 'vitest';
import { noticesFor, translate } from '../../src/compat/kafka-scripts.js';
import { KfkError } from '../../src/errors.js';
import { MissingTopicsError } from '../../src/kafka/admin/missing-topics.js';

describe('Kafka script command lines', () => {
  it('kafka-topics actions become kfk topic subcommands with Kafka text output', () => {
    expect(translate('kafka-topics', ['--bootstrap-server', 'b:9092', '--create', '--topic', 't', '--partitions', '3', '--if-not-exists']).argv).toEqual([
      'topic', 'create', '-o', 'text', '--bootstrap-server', 'b:9092', '--topic', 't', '--partitions', '3', '--if-not-exists',
    ]);
    expect(translate('kafka-topics.sh', ['--list', '--exclude-internal', '--bootstrap-server=b:1']).argv).toEqual(['topic', 'list', '-o', 'text', '--exclude-internal', '--bootstrap-server', 'b:1']);
    expect(translate('kafka-topics', ['--describe', '--if-not-exists', '--under-replicated-partitions']).argv).toEqual(['topic', 'describe', '-o', 'text', '--under-replicated-partitions']);
  });

  it('kafka-topics without exactly one action, with --zookeeper, or with an unknown flag is refused', () => {
    expect(() => translate('kafka-topics', ['--topic', 't'])).toThrow('Command must include exactly one action');
    expect(() => translate('kafka-topics', ['--list', '--describe'])).toThrow('Command must include exactly one action');
    expect(() => translate('kafka-topics', ['--list', '--zookeeper', 'z:2181'])).toThrow('--zookeeper is not supported');
    expect(() => translate('kafka-topics', ['--list', '--frobnicate'])).toThrow('--frobnicate is not a recognized option');
  });

  it('console tools: 3.x names renamed, JVM-only flags dropped, 4.x notices for deprecated flags', () => {
    const p = translate('kafka-console-producer', ['--broker-list', 'b:1', '--topic', 't', '--property', 'parse.key=true', '--producer-property', 'acks=1']);
    expect(p.argv).toEqual(['produce', '--bootstrap-server', 'b:1', '--topic', 't', '--property', 'parse.key=true', '--producer-property', 'acks=1']);
    expect(p.notices).toEqual([
      'Warning: --producer-property is deprecated and will be removed in a future version. Use --command-property instead.',
      'Warning: --property is deprecated and will be removed in a future version. Use --reader-property instead.',
    ]);
    const c = translate('kafka-console-consumer', ['--whitelist', 'a.*', '--value-deserializer', 'X', '--enable-systest-events', '--property', 'print.key=true']);
    expect(c.argv).toEqual(['consume', '--property', 'value.deserializer=X', '--include', 'a.*', '--property', 'print.key=true']);
    expect(c.notices).toEqual(['Option --property is deprecated and will be removed in a future version. Use --formatter-property instead.']);
    expect(() => translate('kafka-frobnicate', [])).toThrow("unknown Kafka tool 'kafka-frobnicate'");
  });

  it('kafka-acls: the action becomes the subcommand, --force only where it removes, its usage errors in its words', () => {
    const b = ['--bootstrap-server', 'b:1'];
    expect(translate('kafka-acls', [...b, '--add', '--allow-principal=User:a', '--topic', 't', '--force']).argv).toEqual([
      'acl', 'create', '-o', 'text', '--kafka-acls-text', '--bootstrap-server', 'b:1', '--allow-principal', 'User:a', '--topic', 't',
    ]);
    expect(translate('kafka-acls', [...b, '--remove', '--cluster', '--force']).argv).toEqual(['acl', 'delete', '-o', 'text', '--kafka-acls-text', '--bootstrap-server', 'b:1', '--cluster', '--force']);
    expect(translate('kafka-acls', [...b, '--list', '--principal']).argv).toEqual(['acl', 'list', '-o', 'text', '--kafka-acls-text', '--bootstrap-server', 'b:1']);
    expect(() => translate('kafka-acls', ['--list'])).toThrow('One of --bootstrap-server or --bootstrap-controller must be specified');
    expect(() => translate('kafka-acls', [...b, '--list', '--remove'])).toThrow('Command must include exactly one action: --list, --add, --remove. ');
    expect(() => translate('kafka-acls', [...b, '--list', '--topic'])).toThrow('Option topic requires an argument');
    expect(() => translate('kafka-acls', [...b, '--list', '--frob'])).toThrow('frob is not a recognized option');
  });

  it('the text of the cluster\'s Kafka version: 3.x prints no notices and Optional[...] for a missing topic', () => {
    const p = translate('kafka-console-producer', ['--bootstrap-server', 'b:1', '--topic', 't', '--property', 'parse.key=true']);
    expect(noticesFor(p, 4)).toEqual(p.notices);
    expect(noticesFor(p, undefined)).toEqual(p.notices); // not connected: 4.x prints them before it connects
    expect(noticesFor(p, 3)).toEqual([]);
    const t = translate('kafka-topics', ['--bootstrap-server', 'b:1', '--describe', '--topic', 'x']);
    const missing = new MissingTopicsError(['x']);
    expect(missing.message).toBe("Topic 'x' does not exist as expected");
    expect(t.errorText?.(missing, 4)).toBeUndefined();
    expect(t.errorText?.(missing, undefined)).toBeUndefined();
    expect(t.errorText?.(missing, 3)).toBe("Topic 'Optional[x]' does not exist as expected");
    expect(t.errorText?.(new KfkError("Topic 'x' already exists."), 3)).toBeUndefined();
    expect(p.errorText).toBeUndefined();
  });
});
