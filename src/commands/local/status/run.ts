import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { localStatus } from '../../../local/cluster.js';
import { localDir } from '../../../local/state.js';
import { readRegistryState, registryRunning } from '../../../local/registry.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const dir = localDir(ctx.io.env);
  const { state, running } = localStatus(dir);
  const up = Boolean(state && running.length > 0);
  const reg = readRegistryState(dir);
  const registry = reg && registryRunning(reg) ? reg : undefined;
  const registryLine = registry ? `schema registry: ${registry.url} (pid ${registry.pid}, log ${registry.logFile})\n` : '';
  await render(ctx.io, opts.output, { dir, state, running, up }, {
    json: () => ({
      running: up,
      dir,
      version: state?.version ?? null,
      bootstrap: up ? state!.bootstrap : null,
      saslBootstrap: up ? (state!.saslBootstrap ?? null) : null,
      tlsBootstrap: up ? (state!.tlsBootstrap ?? null) : null,
      schemaRegistry: registry ? registry.url : null,
      brokers: (state?.nodes ?? []).map((n) => ({ id: n.nodeId, pid: n.pid, port: n.port, running: running.includes(n) })),
    }),
    text: () => {
      if (!up) return `not running (${dir})\n` + registryLine;
      const lines = [
        `running: Apache Kafka ${state!.version}, ${running.length}/${state!.nodes.length} broker(s), since ${state!.startedAt}`,
        `bootstrap: ${state!.bootstrap}`,
      ];
      if (state!.saslBootstrap) lines.push(`sasl: ${state!.saslBootstrap} (${state!.saslClientConfig})`);
      if (state!.tlsBootstrap) lines.push(`tls: ${state!.tlsBootstrap} (${state!.tlsClientConfig})`);
      for (const n of state!.nodes) lines.push(`broker ${n.nodeId}: pid ${n.pid} ${running.includes(n) ? 'running' : 'stopped'}, log ${n.logFile}`);
      return lines.join('\n') + '\n' + registryLine;
    },
  });
  return up ? 0 : 1;
}
