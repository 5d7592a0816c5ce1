// A small OAuth 2 authorization server on 127.0.0.1 for the OAUTHBEARER tests: a JWKS (an RSA
// key made at start) for the broker's OAuthBearerValidatorCallbackHandler, and a token endpoint
// (client credentials, HTTP Basic) that signs JWTs with jose. Some client ids get tokens that
// the broker or kfk must refuse.
import { createServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export const OAUTH_AUDIENCE = 'kfk-test-cluster';
export const OAUTH_ISSUER = 'kfk-test-issuer';

export interface OAuthClient {
  secret: string;
  /** Token lifetime in seconds (negative: already expired when issued). */
  lifetime: number;
  audience?: string;
}

export interface OAuthServer {
  url: string;
  jwksUrl: string;
  tokenUrl: string;
  clients: Map<string, OAuthClient>;
  /** Tokens issued per client id. */
  issued: Map<string, number>;
  /** Authorization headers seen, for checks that the secret was sent as Kafka sends it. */
  close(): Promise<void>;
}

export async function startOAuthServer(): Promise<OAuthServer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'kfk-test-key', alg: 'RS256', use: 'sig' };
  const clients = new Map<string, OAuthClient>();
  const issued = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/jwks') return send(200, { keys: [jwk] });
    if (req.method !== 'POST' || req.url !== '/token') return send(404, { error: 'not_found' });
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const form = new URLSearchParams(body);
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      const [id, secret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
      const client = id === undefined ? undefined : clients.get(id);
      if (form.get('grant_type') !== 'client_credentials') return send(400, { error: 'unsupported_grant_type' });
      if (!client || client.secret !== secret) return send(401, { error: 'invalid_client', error_description: 'client authentication failed' });
      issued.set(id, (issued.get(id) ?? 0) + 1);
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ scope: form.get('scope') ?? '' })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setSubject(id)
        .setIssuer(OAUTH_ISSUER)
        .setAudience(client.audience ?? OAUTH_AUDIENCE)
        .setIssuedAt(client.lifetime < 0 ? now + client.lifetime - 60 : now)
        .setExpirationTime(now + client.lifetime)
        .sign(privateKey);
      send(200, { access_token: token, token_type: 'bearer', expires_in: client.lifetime });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    jwksUrl: `${url}/jwks`,
    tokenUrl: `${url}/token`,
    clients,
    issued,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
