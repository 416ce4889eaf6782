/**
 * Opens the connector a dataset of the policy names. Connection strings and secrets are read from the
 * environment variables the policy names, never from the policy itself; an error names the variable,
 * never its value (a connection string usually carries a password).
 */
import type { Dataset } from '../domain/policy/schema.js';
import { openMysqlConnector } from './mysql.js';
import { openPostgresConnector } from './postgres.js';
import { openSqliteConnector } from './sqlite.js';
import { type Connector, ConnectorError } from './types.js';
import { openWebhookConnector, type WebhookOptions } from './webhook.js';

export { SIGNATURE_HEADER, signWebhookBody, verifyWebhookSignature } from './signature.js';
export type {
  Connector,
  Key,
  Match,
  Row,
  SqlConnector,
  SubjectIdentities,
  WebhookConnector,
} from './types.js';
export { ConnectorError } from './types.js';

function required(dataset: Dataset, name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConnectorError(
      `dataset '${dataset.id}': environment variable ${name} is not set (it holds the ${dataset.kind} connection)`,
      'connection_unset',
    );
  }
  return value.trim();
}

/** Opening is lazy for the pooled kinds: a wrong address surfaces at the first query, as a ConnectorError. */
export function openConnector(
  dataset: Dataset,
  env: NodeJS.ProcessEnv,
  options: WebhookOptions = {},
): Connector {
  switch (dataset.kind) {
    case 'postgres':
      return openPostgresConnector(required(dataset, dataset.connection.env, env));
    case 'mysql':
      return openMysqlConnector(required(dataset, dataset.connection.env, env));
    case 'sqlite':
      return openSqliteConnector(required(dataset, dataset.connection.env, env));
    case 'webhook':
      return openWebhookConnector(
        dataset.id,
        required(dataset, dataset.url.env, env),
        required(dataset, dataset.secret.env, env),
        options,
      );
  }
}
