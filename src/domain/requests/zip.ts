/**
 * A minimal ZIP writer (PKWARE APPNOTE.TXT 6.3.x): local file headers (§4.3.7), central directory
 * (§4.3.12) and end of central directory record (§4.3.16). Entries are DEFLATEd (method 8) or STOREd
 * (method 0) when deflate would not shrink them. Names are UTF-8 with general purpose bit 11 set
 * (APPNOTE Appendix D). No ZIP64, no encryption, no data descriptors: an access export is small, and the
 * fewer features, the more readers open it (GDPR Art. 15(3): "a commonly used electronic form").
 */
import { deflateRawSync } from 'node:zlib';
import { AppError } from '../../errors/app-error.js';

export interface ZipFile {
  /** Relative path inside the archive, `/`-separated ("data/shop/customers.json"). */
  readonly name: string;
  readonly data: Buffer | string;
  /** Stored as MS-DOS date and time, read in UTC so the archive does not depend on the server's zone. */
  readonly modified?: Date;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800; // general purpose bit 11 (APPNOTE §4.4.4)
const STORE = 0;
const DEFLATE = 8;
const MADE_BY_UNIX = (3 << 8) | 20; // §4.4.2: host 3 (UNIX), spec version 2.0
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0; // external attributes: st_mode in the high 16 bits
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;
const DOS_EPOCH = Date.UTC(1980, 0, 1);

/** CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as APPNOTE §4.4.7 requires; Node 20 has no zlib.crc32. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A name an extractor writes where it says ("zip slip" otherwise): relative, `/`-separated, no `.` or `..`
 * segment, no empty segment, no drive letter, no control character.
 */
function assertSafeName(name: string): void {
  const segments = name.split('/');
  const safe =
    name.length > 0 &&
    !name.includes('\\') &&
    !/^[A-Za-z]:/.test(name) &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
    !/[\u0000-\u001f\u007f]/.test(name) &&
    segments.every((s) => s.length > 0 && s !== '.' && s !== '..');
  if (!safe) throw new AppError('internal', 'a ZIP entry name is not a safe relative path');
}

/** MS-DOS date and time (APPNOTE §4.4.6): 2-second resolution, 1980–2107; clamped to that range. */
function dosDateTime(date: Date): { time: number; date: number } {
  const ms = Math.min(Math.max(date.getTime(), DOS_EPOCH), Date.UTC(2107, 11, 31, 23, 59, 58));
  const d = new Date(Number.isNaN(ms) ? DOS_EPOCH : ms);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface Entry {
  readonly name: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly body: Buffer;
  readonly time: number;
  readonly date: number;
  readonly offset: number;
}

/** The fields local and central headers share (APPNOTE §4.3.7 and §4.3.12, from "version needed"). */
function commonFields(e: Entry): Buffer {
  const b = Buffer.alloc(26);
  b.writeUInt16LE(e.method === DEFLATE ? 20 : 10, 0);
  b.writeUInt16LE(UTF8_NAMES, 2);
  b.writeUInt16LE(e.method, 4);
  b.writeUInt16LE(e.time, 6);
  b.writeUInt16LE(e.date, 8);
  b.writeUInt32LE(e.crc, 10);
  b.writeUInt32LE(e.body.length, 14);
  b.writeUInt32LE(e.size, 18);
  b.writeUInt16LE(e.name.length, 22);
  b.writeUInt16LE(0, 24); // extra field length
  return b;
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value, 0);
  return b;
}

/** The archive, in the order given. Equal input gives equal bytes. */
export function createZip(files: readonly ZipFile[]): Buffer {
  if (files.length > MAX_U16) throw new AppError('internal', 'too many ZIP entries for a non-ZIP64 archive');
  const seen = new Set<string>();
  const entries: Entry[] = [];
  const parts: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    assertSafeName(file.name);
    if (seen.has(file.name)) throw new AppError('internal', 'duplicate ZIP entry name');
    seen.add(file.name);
    const name = Buffer.from(file.name, 'utf8');
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : data;
    if (name.length > MAX_U16 || data.length >= MAX_U32 || offset + body.length >= MAX_U32)
      throw new AppError('internal', 'ZIP entry too large for a non-ZIP64 archive');
    const entry: Entry = {
      name,
      method,
      crc: crc32(data),
      size: data.length,
      body,
      ...dosDateTime(file.modified ?? new Date(DOS_EPOCH)),
      offset,
    };
    const local = Buffer.concat([u32(LOCAL_HEADER), commonFields(entry), name, body]);
    parts.push(local);
    entries.push(entry);
    offset += local.length;
  }

  const central = entries.map((e) => {
    // The central header has "version made by" before the shared fields, and these 14 bytes after them.
    const tail = Buffer.alloc(14);
    tail.writeUInt16LE(0, 0); // file comment length
    tail.writeUInt16LE(0, 2); // disk number start
    tail.writeUInt16LE(0, 4); // internal attributes
    tail.writeUInt32LE(REGULAR_FILE_0644, 6);
    tail.writeUInt32LE(e.offset, 10);
    const madeBy = Buffer.alloc(2);
    madeBy.writeUInt16LE(MADE_BY_UNIX, 0);
    return Buffer.concat([u32(CENTRAL_HEADER), madeBy, commonFields(e), tail, e.name]);
  });
  const directory = Buffer.concat(central);
  if (offset + directory.length >= MAX_U32) throw new AppError('internal', 'ZIP archive too large');

  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(0, 4); // number of this disk
  end.writeUInt16LE(0, 6); // disk where the central directory starts
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20); // comment length
  return Buffer.concat([...parts, directory, end]);
}
