// kafka-metadata-quorum add-controller: the controller's id, metadata directory id (its
// meta.properties) and listeners, from its server.properties, then AddRaftVoter; the tool's line.
import { join } from 'node:path';
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { parseProperties, readPropertiesFile, type Properties } from '../../../config/properties.js';
import { existsSync, readFileSync } from 'node:fs';
import type { VoterEndpoint } from '../../../kafka/admin/quorum.js';

type Flags = FlagsOf<typeof define>;

const INVALID = 'Is this a valid controller configuration file?';

/** node.id and process.roles, checked as the tool checks them. */
function controllerId(p: Properties): number {
  if (!p.has('node.id')) throw new KfkError(`node.id not found in configuration file. ${INVALID}`);
  const id = Number(p.get('node.id'));
  if (!Number.isInteger(id)) throw new KfkError(`invalid node.id '${p.get('node.id')}'`);
  if (id < 0) throw new KfkError(`node.id was negative in configuration file. ${INVALID}`);
  if (!(p.get('process.roles') ?? '').includes('controller')) throw new KfkError(`process.roles did not contain 'controller' in configuration file. ${INVALID}`);
  return id;
}

/** metadata.log.dir, else the first of log.dirs. */
function metadataDirectory(p: Properties): string {
  const dir = p.get('metadata.log.dir') ?? p.get('log.dirs')?.trim().split(',')[0];
  if (dir === undefined) throw new KfkError(`Neither metadata.log.dir nor log.dirs were found. ${INVALID}`);
  return dir;
}

function directoryId(dir: string): string {
  let text: string;
  try {
    text = readFileSync(join(dir, 'meta.properties'), 'utf8');
  } catch {
    throw new KfkError(`Unable to read meta.properties from ${dir}`);
  }
  const id = parseProperties(text, join(dir, 'meta.properties')).get('directory.id');
  if (!id) throw new KfkError(`No directory id found in ${dir}`);
  return id;
}

/** The controller listeners' endpoints: advertised.listeners over listeners, in controller.listener.names' order. */
function endpoints(p: Properties): VoterEndpoint[] {
  const byName = new Map<string, VoterEndpoint>();
  for (const key of ['listeners', 'advertised.listeners']) {
    for (const l of (p.get(key) ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
      const m = /^([^:]+):\/\/(\[[^\]]*\]|[^:]*):(\d+)$/.exec(l);
      if (!m) throw new KfkError(`Unable to parse ${l} to a broker endpoint`);
      const host = m[2].replace(/^\[|\]$/g, '');
      byName.set(m[1].toUpperCase(), { name: m[1].toUpperCase(), host: host === '' ? 'localhost' : host, port: Number(m[3]) });
    }
  }
  if (!p.has('controller.listener.names')) throw new KfkError(`controller.listener.names was not found. ${INVALID}`);
  const out: VoterEndpoint[] = [];
  for (const raw of p.get('controller.listener.names')!.split(',')) {
    const name = raw.trim().toUpperCase();
    const e = byName.get(name);
    if (!e) throw new KfkError(`Cannot find information about controller listener name: ${name}`);
    if (!out.some((o) => o.name === e.name)) out.push(e);
  }
  return out;
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  // The tool's words for a missing file (it reads the controller's file as its --command-config).
  if (!existsSync(opts.controllerConfig)) throw new KfkError(`Properties file ${opts.controllerConfig} does not exist.`);
  const props = readPropertiesFile(opts.controllerConfig);
  const id = controllerId(props);
  const dirId = directoryId(metadataDirectory(props));
  const eps = endpoints(props);
  const dry = opts.dryRun === true;
  if (!dry) {
    const client = await ctx.kafka();
    const { addRaftVoter } = await import('../../../kafka/admin/quorum.js');
    await ctx.bounded(addRaftVoter(client, id, dirId, eps));
  }
  const ep = (e: VoterEndpoint) => `${e.name}://${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
  await render(ctx.io, opts.output, { controllerId: id, directoryId: dirId, endpoints: eps.map(ep), dryRun: dry }, {
    text: (r) => `${r.dryRun ? 'DRY RUN of adding' : 'Added'} controller ${r.controllerId} with directory id ${r.directoryId} and endpoints: ${r.endpoints.join(', ')}\n`,
  });
  return 0;
}
