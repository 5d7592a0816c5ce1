// kafka-configs --describe --entity-type users: a line per user with SCRAM credentials, after the
// quota lines, in the broker's order (ConfigCommand.describeClientQuotaAndUserScramCredentialConfigs).
import { javaExceptionName } from '../kafka/wire/error-codes.js';
import { scramMechanismName, type ScramUserResult } from '../kafka/admin/scram.js';

export function scramText(results: readonly ScramUserResult[]): string {
  return results
    .map((r) => {
      if (r.errorCode) return `Error retrieving SCRAM credential configs for user-principal '${r.user}': ${javaExceptionName(r.errorCode) ?? 'KafkaException'}: ${r.errorMessage ?? ''}\n`;
      return `SCRAM credential configs for user-principal '${r.user}' are ${r.credentials.map((c) => `${scramMechanismName(c.mechanism)}=iterations=${c.iterations}`).join(', ')}\n`;
    })
    .join('');
}
