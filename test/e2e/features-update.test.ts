// kafka-features upgrade|downgrade|disable through kfk's drop-in and `kfk cluster features`,
// against Kafka 4.4's FeatureCommand on the shared test broker. Other tests run on that broker at
// the same time, so levels change only where they stay as they are: dry runs (validated by the
// controller, nothing done) and an upgrade to the level a feature already has.
import { describe, expect, inject, it } from 'vitest';
import { kfk } from '../helpers/cli.js';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { CLUSTER_KAFKA_VERSION, KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const BS = ['--bootstrap-server', bootstrap];
const real = (args: string[]) => kafkaTool('org.apache.kafka.tools.FeatureCommand', [...BS, ...args], { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-features', ...BS, ...args]);
// The features and levels of Kafka 4.4: a 3.x broker has other ones (npm run test:compat).
const KAFKA3 = isKafka3(CLUSTER_KAFKA_VERSION);

describe.skipIf(KAFKA3)('kfk cluster features --upgrade|--downgrade|--disable (kafka-features upgrade|downgrade|disable)', () => {
  it('prints what FeatureCommand prints for each feature, and its failures with exit 1', async () => {
    const levels = JSON.parse((await kfk(['cluster', 'features', ...BS, '-o', 'json'])).stdout) as Array<{ feature: string; finalizedVersionLevel: string; supportedMaxVersion: string }>;
    const tv = levels.find((f) => f.feature === 'transaction.version')!;
    expect(Number(tv.finalizedVersionLevel)).toBeGreaterThan(0);
    const cases: Array<{ args: string[]; code: number; stdout: string; stderr?: string }> = [
      { args: ['upgrade', '--feature', `transaction.version=${tv.finalizedVersionLevel}`], code: 0, stdout: `transaction.version was upgraded to ${tv.finalizedVersionLevel}.\n` },
      { args: ['downgrade', '--feature', 'transaction.version=0', '--feature', 'group.version=0', '--dry-run'], code: 0, stdout: 'group.version can be downgraded to 0.\ntransaction.version can be downgraded to 0.\n' },
      {
        args: ['upgrade', '--feature', 'transaction.version=9', '--dry-run'],
        code: 1,
        stdout: `Can not upgrade transaction.version to 9. The update failed for all features since the following feature had an error: Invalid update version 9 for feature transaction.version. Local controller 1 only supports versions 0-${tv.supportedMaxVersion}\n`,
        stderr: '1 out of 1 operation(s) failed.\n',
      },
      { args: ['disable', '--feature', 'transaction.version', '--unsafe', '--dry-run'], code: 0, stdout: 'transaction.version can be disabled.\n' },
    ];
    const runs = await Promise.all(cases.map((c) => Promise.all([real(c.args), ours(c.args)])));
    runs.forEach(([r, o], i) => {
      const c = cases[i];
      expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: c.code, stdout: c.stdout });
      if (c.stderr) expect(r.stderr.endsWith(c.stderr)).toBe(true);
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr ?? '' });
    });
    // Checked once against the tool by hand: its lines for bad features.
    const bad = await Promise.all([ours(['upgrade']), ours(['upgrade', '--feature', 'x=y']), ours(['upgrade', '--feature', 'a=1', '--feature', 'a=2'])]);
    expect(bad.map((b) => [b.code, b.stdout, b.stderr])).toEqual([
      [1, '', 'You must specify at least one feature to upgrade\n'],
      [1, '', "Can't parse feature=level string x=y: unable to parse y as a short.\n"],
      [1, '', 'Feature a was specified more than once.\n'],
    ]);
    const own = await kfk(['cluster', 'features', ...BS, '--downgrade', 'group.version=0', '--dry-run', '-o', 'json']);
    expect(own).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(own.stdout)).toEqual([{ feature: 'group.version', level: 0, dryRun: true, ok: true, error: null }]);
    const after = JSON.parse((await kfk(['cluster', 'features', ...BS, '-o', 'json'])).stdout) as typeof levels;
    expect(after.map((f) => [f.feature, f.finalizedVersionLevel])).toEqual(levels.map((f) => [f.feature, f.finalizedVersionLevel]));
  });
});

describe.skipIf(KAFKA3)('kafka-features --release-version, version-mapping and feature-dependencies (Kafka 4.4 table)', () => {
  it("prints and sets a release's levels as FeatureCommand does", async () => {
    const cases: Array<{ args: string[]; code: number }> = [
      { args: ['version-mapping'], code: 0 },
      { args: ['version-mapping', '--release-version', '3.7'], code: 0 },
      { args: ['version-mapping', '--release-version', '4.0-IV1'], code: 0 },
      { args: ['feature-dependencies', '--feature', 'eligible.leader.replicas.version=1', '--feature', 'share.version=2', '--feature', 'metadata.version=33'], code: 0 },
      { args: ['upgrade', '--release-version', '4.4', '--dry-run'], code: 0 },
      { args: ['downgrade', '--release-version', '3.9', '--dry-run'], code: 1 },
    ];
    const runs = await Promise.all(cases.map((c) => Promise.all([real(c.args), ours(c.args)])));
    runs.forEach(([r, o], i) => {
      expect(r.code, r.stderr).toBe(cases[i].code);
      expect({ code: o.code, stdout: o.stdout }).toEqual({ code: r.code, stdout: r.stdout });
    });
    expect(runs[1][1].stdout).toBe('metadata.version=19 (3.7)\nkraft.version=0\ntransaction.version=0\ngroup.version=0\neligible.leader.replicas.version=0\nshare.version=0\nstreams.version=0\n');
    expect(runs[3][1].stdout).toBe('eligible.leader.replicas.version=1 requires:\n    metadata.version=23 (4.0-IV1)\nshare.version=2 has no dependencies.\nmetadata.version=33 (4.4-IV2) has no dependencies.\n');
    expect(runs[4][1].stdout.split('\n')).toContain('metadata.version can be upgraded to 33.');
    expect(runs[5][1].stderr).toBe('7 out of 7 operation(s) failed.\n');

    // Checked against the tool by hand: a release without production levels, unknown features and levels.
    const bad = await Promise.all([ours(['version-mapping', '--release-version', '4.5']), ours(['feature-dependencies', '--feature', 'nope=1']), ours(['feature-dependencies', '--feature', 'share.version=9']), ours(['feature-dependencies'])]);
    expect(bad.map((b) => [b.code, b.stdout, b.stderr])).toEqual([
      [1, '', expect.stringMatching(/^Unknown metadata.version '4.5'. Supported metadata.version are: 3.3-IV3, 3.4-IV0, .*, 4.4-IV2, 4.5-IV0\n$/)],
      [1, '', 'Unknown feature: nope\n'],
      [1, '', 'No feature:share.version with feature level 9\n'],
      [1, '', 'Command line error: argument --feature is required. Type --help for help.\n'],
    ]);
    const own = await Promise.all([
      kfk(['cluster', 'features', ...BS, '--version-mapping', '3.9', '-o', 'json']),
      kfk(['cluster', 'features', ...BS, '--upgrade-release', '4.4', '--dry-run']),
    ]);
    expect(JSON.parse(own[0].stdout)).toEqual({
      metadataVersion: { level: 21, name: '3.9' },
      features: { 'kraft.version': 1, 'transaction.version': 0, 'group.version': 0, 'eligible.leader.replicas.version': 0, 'share.version': 0, 'streams.version': 0 },
    });
    expect({ code: own[1].code, stdout: own[1].stdout }).toEqual({ code: 0, stdout: runs[4][0].stdout });
  });
});
