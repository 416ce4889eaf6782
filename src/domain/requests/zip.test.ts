import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, createZip } from './zip.js';

interface ReadEntry {
  name: string;
  method: number;
  flags: number;
  time: number;
  date: number;
  crc: number;
  data: Buffer;
}

/**
 * A reader written from APPNOTE 6.3 independently of the writer: end record → central directory → local
 * header → data, checking that local and central headers agree and that every CRC-32 matches.
 */
function readZip(zip: Buffer): ReadEntry[] {
  const eocd = zip.length - 22;
  expect(zip.readUInt32LE(eocd)).toBe(0x06054b50);
  const count = zip.readUInt16LE(eocd + 10);
  const directorySize = zip.readUInt32LE(eocd + 12);
  const directoryOffset = zip.readUInt32LE(eocd + 16);
  expect(directoryOffset + directorySize).toBe(eocd);
  const entries: ReadEntry[] = [];
  let p = directoryOffset;
  for (let i = 0; i < count; i++) {
    const central = p;
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const time = zip.readUInt16LE(p + 12);
    const date = zip.readUInt16LE(p + 14);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    p += 46 + nameLength + extraLength + commentLength;

    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    // "version needed" to "extra field length": the same 26 bytes in both headers.
    expect(zip.subarray(local + 4, local + 30)).toEqual(zip.subarray(central + 6, central + 32));
    const localName = zip.readUInt16LE(local + 26);
    const localExtra = zip.readUInt16LE(local + 28);
    const start = local + 30 + localName + localExtra;
    const body = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    entries.push({ name, method, flags, time, date, crc, data });
  }
  expect(p).toBe(eocd);
  return entries;
}

/** Incompressible but reproducible bytes (a linear congruential generator). */
function noise(length: number): Buffer {
  const b = Buffer.alloc(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const MODIFIED = new Date('2026-03-04T05:06:08Z');

const FILES = [
  { name: 'README.txt', data: 'hello\n'.repeat(200), modified: MODIFIED },
  { name: 'données/éèê 😀.json', data: '{"a":1}', modified: MODIFIED },
  { name: 'empty.txt', data: '', modified: MODIFIED },
  { name: 'data/noise.bin', data: noise(4096), modified: MODIFIED },
];

describe('crc32', () => {
  it('gives the check values of CRC-32/ISO-HDLC', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    expect(crc32(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('createZip', () => {
  it('round-trips names, contents, methods, flags and DOS times', () => {
    const entries = readZip(createZip(FILES));
    expect(entries.map((e) => e.name)).toEqual(FILES.map((f) => f.name));
    expect(entries.map((e) => e.data.toString('latin1'))).toEqual(
      FILES.map((f) => Buffer.from(f.data).toString('latin1')),
    );
    // Repetitive text shrinks (DEFLATE); empty, tiny and random data do not (STORE).
    expect(entries.map((e) => e.method)).toEqual([8, 0, 0, 0]);
    expect(entries.every((e) => e.flags === 0x0800)).toBe(true);
    // 05:06:08 → (5 << 11) | (6 << 5) | 4; 2026-03-04 → (46 << 9) | (3 << 5) | 4.
    expect(entries.every((e) => e.time === 10436 && e.date === 23652)).toBe(true);
    expect(entries[1]?.crc).toBe(crc32(Buffer.from('{"a":1}')));
  });

  it('writes the exact bytes of a one-entry stored archive', () => {
    const zip = createZip([{ name: 'a', data: 'hi', modified: new Date('1980-01-01T00:00:00Z') }]);
    const crc = crc32(Buffer.from('hi')).toString(16).padStart(8, '0');
    const le = (hex: string) => Buffer.from(hex, 'hex').reverse().toString('hex');
    expect(crc).toBe('d8932aac');
    expect(zip.toString('hex')).toBe(
      [
        // local header: signature, version 1.0, UTF-8 flag, stored, 00:00, 1980-01-01, crc, sizes 2/2, name 1
        `504b0304 0a00 0008 0000 0000 2100 ${le(crc)} 02000000 02000000 0100 0000 61 6869`,
        // central header: made by UNIX 2.0, the same fields, -rw-r--r--, local header at 0
        `504b0102 1403 0a00 0008 0000 0000 2100 ${le(crc)} 02000000 02000000 0100 0000 0000 0000 0000 0000a481 00000000 61`,
        // end of central directory: 1 entry, directory of 47 bytes at offset 33
        '504b0506 0000 0000 0100 0100 2f000000 21000000 0000',
      ]
        .join('')
        .replace(/ /g, ''),
    );
  });

  it('is deterministic and defaults the time to 1980-01-01', () => {
    expect(createZip(FILES).equals(createZip(FILES))).toBe(true);
    const [entry] = readZip(createZip([{ name: 'x', data: 'x' }]));
    expect([entry?.time, entry?.date]).toEqual([0, (0 << 9) | (1 << 5) | 1]);
  });

  it('writes an empty archive as a bare end record', () => {
    expect(createZip([]).toString('hex')).toBe(`504b0506${'0'.repeat(36)}`);
  });

  it.each([
    ['../evil.txt'],
    ['a/../../b'],
    ['./a'],
    ['/etc/passwd'],
    ['C:/Windows/x'],
    ['a\\b'],
    ['a\0b'],
    ['a\nb'],
    [''],
    ['a//b'],
    ['dir/'],
  ])('refuses the unsafe name %j', (name) => {
    expect(() => createZip([{ name, data: 'x' }])).toThrow('a ZIP entry name is not a safe relative path');
  });

  it('accepts dots inside a name and refuses a duplicate', () => {
    expect(readZip(createZip([{ name: 'data/billing.invoices..json', data: '[]' }]))[0]?.name).toBe(
      'data/billing.invoices..json',
    );
    expect(() =>
      createZip([
        { name: 'a', data: '1' },
        { name: 'a', data: '2' },
      ]),
    ).toThrow('duplicate ZIP entry name');
  });

  it('passes `unzip -t` when Info-ZIP is installed', () => {
    const zip = createZip(FILES);
    expect(readZip(zip)).toHaveLength(FILES.length);
    if (!existsSync('/usr/bin/unzip')) return; // only this assertion needs the tool
    const dir = mkdtempSync(path.join(tmpdir(), 'steward-zip-'));
    try {
      const file = path.join(dir, 'test.zip');
      writeFileSync(file, zip);
      const out = execFileSync('/usr/bin/unzip', ['-t', file], { encoding: 'utf8' });
      expect(out).toContain('No errors detected in compressed data');
      expect(out.match(/ OK$/gm)).toHaveLength(FILES.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
