// Delegation tokens as kafka-delegation-tokens prints them (DelegationTokenCommand.printToken):
// every row after an empty line, columns padded as its printf pads them, times to the minute in
// local time (Java's SimpleDateFormat in the JVM's default time zone).
import type { DelegationToken, Principal } from '../kafka/admin/tokens.js';
import { principalText } from '../kafka/admin/tokens.js';

const ROW = [15, 30, 15, 15, 25, 15, 15, 15];
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const row = (cells: string[]) => `\n${cells.map((c, i) => pad(c, ROW[i])).join(' ')}\n`;
const two = (n: number) => String(n).padStart(2, '0');

/** yyyy-MM-dd'T'HH:mm in local time. */
export function tokenDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A Java List of principals: `[User:bob, User:carol]`. */
export const principalList = (ps: readonly Principal[]) => `[${ps.map(principalText).join(', ')}]`;

/** What the HMAC column shows when HMACs are not to be printed. */
export const HIDDEN_HMAC = '[hidden]';

/** The tool's table: its header, then each token. `showHmac` false: the HMAC column says [hidden]. */
export function tokensText(tokens: readonly DelegationToken[], showHmac: boolean): string {
  let out = row(['TOKENID', 'HMAC', 'OWNER', 'REQUESTER', 'RENEWERS', 'ISSUEDATE', 'EXPIRYDATE', 'MAXDATE']);
  for (const t of tokens) {
    out += row([
      t.tokenId,
      showHmac ? t.hmac.toString('base64') : HIDDEN_HMAC,
      principalText(t.owner),
      principalText(t.requester),
      principalList(t.renewers),
      tokenDate(t.issueTimestamp),
      tokenDate(t.expiryTimestamp),
      tokenDate(t.maxTimestamp),
    ]);
  }
  return out;
}

/** -o json: one object per token; times in ISO 8601 (UTC). */
export function tokenJson(t: DelegationToken, showHmac: boolean) {
  return {
    tokenId: t.tokenId,
    ...(showHmac ? { hmac: t.hmac.toString('base64') } : {}),
    owner: principalText(t.owner),
    requester: principalText(t.requester),
    renewers: t.renewers.map(principalText),
    issued: new Date(t.issueTimestamp).toISOString(),
    expires: new Date(t.expiryTimestamp).toISOString(),
    maxLifetime: new Date(t.maxTimestamp).toISOString(),
  };
}

/** -o table's rows. */
export const TOKEN_COLUMNS = ['TOKEN ID', 'OWNER', 'REQUESTER', 'RENEWERS', 'ISSUED', 'EXPIRES', 'MAX LIFETIME'];
export const tokenRow = (t: DelegationToken) => [t.tokenId, principalText(t.owner), principalText(t.requester), t.renewers.map(principalText).join(', '), tokenDate(t.issueTimestamp), tokenDate(t.expiryTimestamp), tokenDate(t.maxTimestamp)];
