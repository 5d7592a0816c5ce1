// The token server of `kfk local start --oauth`, run as a process of its own (node
// dist/local/oauth-dev-server.js DIR) beside the local Kafka: a JWKS (an RSA key made at start)
// for the broker's OAuthBearerValidatorCallbackHandler, and a client-credentials token endpoint
// (HTTP Basic) that signs JWTs with jose. On 127.0.0.1 only.
//
// DIR/oauth-clients.json lists the clients, read again at every request so that they can be
// changed while it runs: {"id": {"secret": "...", "lifetime": 3600, "audience": "..."}} (lifetime in
// seconds, negative: already expired; audience: another than the cluster's, to try a refusal).
// It writes DIR/oauth-server.json ({port, pid}) once listening, and a line per token it issues to
// DIR/oauth-tokens.log (the client id and the time; never the token).
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

// As in node-config.ts (LOCAL_OAUTH): this file runs on its own and imports nothing of kfk's.
const LOCAL_OAUTH_AUDIENCE = 'kfk-local';
const LOCAL_OAUTH_ISSUER = 'kfk-local';

interface Client {
  secret: string;
  lifetime?: number;
  audience?: string;
}

async function main(dir: string): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'kfk-local-key', alg: 'RS256', use: 'sig' };
  const clients = (): Record<string, Client> => {
    try {
      return JSON.parse(readFileSync(join(dir, 'oauth-clients.json'), 'utf8')) as Record<string, Client>;
    } catch {
      return {};
    }
  };
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/jwks') return send(200, { keys: [jwk] });
    if (req.method !== 'POST' || req.url !== '/token') return send(404, { error: 'not_found' });
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
      if (body.length > 65536) req.destroy();
    });
    req.on('end', () => {
      void (async () => {
        const form = new URLSearchParams(body);
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
        const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
        const colon = decoded.indexOf(':');
        const [id, secret] = colon < 0 ? ['', ''] : [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
        const client = Object.hasOwn(clients(), id) ? clients()[id] : undefined;
        if (form.get('grant_type') !== 'client_credentials') return send(400, { error: 'unsupported_grant_type' });
        if (!client || client.secret !== secret) return send(401, { error: 'invalid_client', error_description: 'client authentication failed' });
        const lifetime = client.lifetime ?? 3600;
        const now = Math.floor(Date.now() / 1000);
        const token = await new SignJWT({ scope: form.get('scope') ?? '' })
          .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
          .setSubject(id)
          .setIssuer(LOCAL_OAUTH_ISSUER)
          .setAudience(client.audience ?? LOCAL_OAUTH_AUDIENCE)
          .setIssuedAt(lifetime < 0 ? now + lifetime - 60 : now)
          .setExpirationTime(now + lifetime)
          .sign(privateKey);
        appendFileSync(join(dir, 'oauth-tokens.log'), `${id} ${new Date().toISOString()}\n`);
        send(200, { access_token: token, token_type: 'bearer', expires_in: lifetime });
      })().catch(() => send(500, { error: 'server_error' }));
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    writeFileSync(join(dir, 'oauth-server.json'), JSON.stringify({ port, pid: process.pid }) + '\n');
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2]) {
  main(process.argv[2]).catch((err: Error) => {
    process.stderr.write(`kfk oauth server: ${err.message}\n`);
    process.exit(1);
  });
}
