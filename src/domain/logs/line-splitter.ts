/**
 * Splits a byte stream into lines without ever holding more than one bounded line: a line longer than
 * `maxLineBytes` is skipped to its end and reported as `null` (so the caller can count it), and reading
 * stops once `maxBytes` have been seen, leaving `exceeded` set. Bytes are decoded as UTF-8 per line
 * (invalid sequences become U+FFFD); `\r\n` endings are accepted. Every line is yielded, blank ones too,
 * so a caller counting them gets the file's line numbers.
 *
 * Lines come in arrays, one per input chunk (a few hundred lines): one `await` per chunk instead of one
 * per line, which was a quarter of the time of a whole ingestion.
 */
export interface SplitOptions {
  readonly maxLineBytes: number;
  readonly maxBytes?: number;
}

/** Lines in order; null for a line over the length limit. */
export type LineBatch = readonly (string | null)[];

export interface LineSource {
  batches(): AsyncGenerator<LineBatch>;
  /** True once the input went past `maxBytes`; the line cut at the limit is not yielded. */
  readonly exceeded: boolean;
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function decode(buffer: Buffer, start: number, end: number): string {
  return buffer.toString('utf8', start, end > start && buffer[end - 1] === RETURN ? end - 1 : end);
}

export function splitLines(source: AsyncIterable<Uint8Array | string>, options: SplitOptions): LineSource {
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const state = { exceeded: false };
  async function* batches(): AsyncGenerator<LineBatch> {
    // The start of a line begun in an earlier chunk, while it is within the limit.
    let carry: Buffer[] = [];
    let carried = 0;
    let tooLong = false;
    let seen = 0;
    // Iterated by hand, not with for-await: leaving early (at the limit, or when the caller stops) must not
    // destroy the source. For an HTTP request that would close the socket before the answer is sent.
    const chunks = source[Symbol.asyncIterator]();
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      const buffer = toBuffer(next.value);
      seen += buffer.length;
      // Only the bytes up to the limit count; a line cut by it is dropped.
      const usable = seen > maxBytes ? buffer.length - (seen - maxBytes) : buffer.length;
      const out: (string | null)[] = [];
      let start = 0;
      while (start < usable) {
        const nl = buffer.indexOf(NEWLINE, start);
        const found = nl !== -1 && nl < usable;
        const end = found ? nl : usable;
        if (!tooLong && carried + (end - start) > options.maxLineBytes) {
          tooLong = true;
          carry = [];
          carried = 0;
        }
        if (!found) {
          if (!tooLong && end > start) {
            carry.push(buffer.subarray(start, end));
            carried += end - start;
          }
          break;
        }
        if (tooLong) out.push(null);
        else if (carried === 0) out.push(decode(buffer, start, end));
        else {
          const line = Buffer.concat([...carry, buffer.subarray(start, end)]);
          out.push(decode(line, 0, line.length));
        }
        carry = [];
        carried = 0;
        tooLong = false;
        start = nl + 1;
      }
      if (out.length > 0) yield out;
      if (seen > maxBytes) {
        state.exceeded = true;
        return;
      }
    }
    if (tooLong) yield [null];
    else if (carried > 0) {
      const line = Buffer.concat(carry);
      yield [decode(line, 0, line.length)];
    }
  }
  return {
    batches,
    get exceeded() {
      return state.exceeded;
    },
  };
}
