// kafka-cluster api-versions (and kafka-broker-api-versions): ApiVersions to every broker or
// controller; piped, the tool's text (each node's APIs, the versions it takes and the newest Kafka
// 4.4's client would use); on a terminal, one row per API and a column per node, where versions
// that differ between nodes (a rolling upgrade) show.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { apiName, apiVersionsToolText, usableVersion } from '../../../format/api-versions-text.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { nodeApiVersions } = await import('../../../kafka/admin/api-versions.js');
  const brokers = await ctx.bounded(nodeApiVersions(client));
  const kind = client.options.controllers ? 'controller' : 'broker';
  // A node without an answer is data (the tools print `-> ERROR: ...` for it, exit 0); none answering fails.
  const answered = brokers.filter((b) => b.apis !== null);
  for (const b of brokers) if (b.apis === null && opts.output !== 'text') ctx.io.note(b.waitedMs === null ? `${kind} ${b.nodeId}: ${b.error}` : `${kind} ${b.nodeId} did not answer: its API versions are not shown`);
  if (answered.length === 0) throw new KfkError(`no ${kind} answered: ${brokers.map((b) => b.error).join('; ')}`);
  await render(ctx.io, opts.output, brokers, {
    text: (bs) => apiVersionsToolText(bs, Boolean(opts.brokerApiVersionsOrder)),
    table: (bs, style) => {
      const keys = [...new Set(answered.flatMap((b) => b.apis!.map((a) => a.apiKey)))].sort((a, b) => a - b);
      const cell = (b: (typeof bs)[number], key: number) => {
        const a = b.apis?.find((x) => x.apiKey === key);
        return a ? (a.minVersion === a.maxVersion ? String(a.minVersion) : `${a.minVersion}-${a.maxVersion}`) : '-';
      };
      return grid(['API', 'KEY', ...answered.map((b) => `${kind.toUpperCase()} ${b.nodeId}`)], keys.map((k) => [apiName(k), String(k), ...answered.map((b) => cell(b, k))]), style);
    },
    json: (bs) =>
      bs.map((b) => ({
        id: b.nodeId,
        host: b.host,
        port: b.port,
        rack: b.rack,
        error: b.error,
        apis: b.apis?.map((a) => ({ name: apiName(a.apiKey), key: a.apiKey, minVersion: a.minVersion, maxVersion: a.maxVersion, usable: usableVersion(a) })) ?? null,
      })),
  });
  return 0;
}
