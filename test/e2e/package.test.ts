// The packed tarball installs globally and runs from any directory, as a user installs kfk.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { bootstrap } = inject('cluster');

describe('npm pack', () => {
  it('packs only what kfk needs; `npm install -g` of the tarball gives a kfk that runs anywhere', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kfk-pack-'));
    const name = execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
    const tgz = join(out, name);
    const listing = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listing).toContain('package/bin/kfk.js');
    expect(listing).toContain('package/dist/kfk.cjs');
    expect(listing).toContain('package/dist/vendor/kafkajs.cjs');
    // the bundle only: not the ES modules it was made from
    expect(listing.filter((f) => /^package\/dist\/.*\.js$/.test(f))).toEqual([]);
    expect(listing.filter((f) => /^package\/(src|test|bench|scripts|\.ci)\//.test(f))).toEqual([]);

    const prefix = join(out, 'global');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tgz], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'kfk');
    const elsewhere = mkdtempSync(join(tmpdir(), 'kfk-cwd-'));
    const version = spawnSync(bin, ['--version'], { cwd: elsewhere, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    const list = spawnSync(bin, ['topic', 'list', '--bootstrap-server', bootstrap], { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, HOME: elsewhere } });
    expect(list.status, list.stderr).toBe(0);
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toContain('kfk');

    // npx: a project that depends on kfk runs it with `npx kfk`; `npx --package <tarball> kfk`
    // runs it without installing anything into a project.
    const project = mkdtempSync(join(tmpdir(), 'kfk-npx-'));
    writeFileSync(join(project, 'package.json'), '{"name":"runbook","version":"1.0.0","private":true}\n');
    const local = spawnSync('npm', ['install', '--no-audit', '--no-fund', tgz], { cwd: project, encoding: 'utf8' });
    expect(local.status, local.stderr).toBe(0);
    const npx = spawnSync('npx', ['--no-install', 'kfk', 'topic', 'list', '--bootstrap-server', bootstrap], { cwd: project, encoding: 'utf8' });
    expect(npx.status, npx.stderr).toBe(0);
    const adHoc = spawnSync('npx', ['--yes', '--package', tgz, 'kfk', '--version'], { cwd: elsewhere, encoding: 'utf8' });
    expect(adHoc.stdout.trim(), adHoc.stderr).toBe(version.stdout.trim());

    // the size budget stated in the README
    const packed = statSync(tgz).size;
    expect(packed).toBeLessThan(460 * 1024);
  }, 300_000);
});
