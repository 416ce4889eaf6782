/**
 * MySQL and MariaDB through a mysql2 pool with server-side prepared statements (`execute`), so values are
 * bound by the server, not escaped into the text.
 *
 * Their default collations fold case and accents (`utf8mb4_general_ci`: 'adé@x.io' = 'ade@x.io'), which
 * would hand one person's rows to another with a similar address (GDPR Art. 15(4)). Identity comparisons
 * therefore convert to utf8mb4 and compare with the binary collation.
 */
import mysql from 'mysql2/promise';
import { createSqlConnector, type SqlDialect } from './sql.js';
import { ConnectorError, type Row, type SqlConnector } from './types.js';

type Values = Parameters<mysql.Pool['execute']>[1];

const binary = (expression: string) => `${expression} collate utf8mb4_bin`;

/**
 * Those conversions hide the column from its index (a full scan: ~0.45 s per million rows here), so the
 * column's own `IN` narrows first where that is safe: always for an exact test (equal bytes are equal in
 * every collation), and for a lower-case test when the column's collation ignores case (checked once per
 * column in information_schema).
 */
function mysqlDialect(caseInsensitive: (table: string, column: string) => Promise<boolean>): SqlDialect {
  return {
    kind: 'mysql',
    quote: (part) => `\`${part}\``,
    param: () => '?',
    exact: (column) => binary(`cast(${column} as char character set utf8mb4)`),
    lower: (column) => binary(`lower(cast(${column} as char character set utf8mb4))`),
    narrows: async (table, column, compare) => compare === 'exact' || caseInsensitive(table, column),
  };
}

const COLLATION_SQL =
  'select collation_name from information_schema.columns ' +
  'where table_schema = coalesce(?, database()) and table_name = ? and column_name = ?';

export function openMysqlConnector(url: string): SqlConnector {
  let pool: mysql.Pool;
  try {
    pool = mysql.createPool({
      uri: url,
      connectionLimit: 4,
      connectTimeout: 10_000,
      // DATETIME values are read and written as UTC, so retention anchors mean the same on every server.
      timezone: 'Z',
      // BIGINT keys: numbers when exact, strings beyond 2^53.
      supportBigNumbers: true,
      multipleStatements: false,
    });
  } catch (error) {
    // The driver's message may quote the connection string; only the code leaves here.
    throw new ConnectorError('the MySQL connection string cannot be used', 'mysql_url', { cause: error });
  }
  const collations = new Map<string, Promise<boolean>>();
  const caseInsensitive = (table: string, column: string): Promise<boolean> => {
    const [schema, name] = table.includes('.') ? table.split('.') : [null, table];
    let known = collations.get(`${table}.${column}`);
    if (!known) {
      known = pool
        .execute<mysql.RowDataPacket[]>(COLLATION_SQL, [schema ?? null, name ?? table, column])
        .then(([rows]) => /_ci$/i.test(String(rows[0]?.collation_name ?? '')))
        .catch(() => false);
      collations.set(`${table}.${column}`, known);
    }
    return known;
  };
  return createSqlConnector(mysqlDialect(caseInsensitive), {
    async all(sql, params) {
      const [rows] = await pool.execute<mysql.RowDataPacket[]>(sql, params as Values);
      return rows.map((row) => ({ ...row }) as Row);
    },
    async run(sql, params) {
      const [result] = await pool.execute<mysql.ResultSetHeader>(sql, params as Values);
      return result.affectedRows;
    },
    close: () => pool.end(),
  });
}
