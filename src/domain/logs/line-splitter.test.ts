import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from './line-splitter.js';

async function* chunksOf(parts: readonly (string | Uint8Array)[]) {
  yield* parts;
}

async function collect(parts: readonly (string | Uint8Array)[], maxLineBytes = 10, maxBytes?: number) {
  const source = splitLines(chunksOf(parts), { maxLineBytes, maxBytes });
  const lines: (string | null)[] = [];
  for await (const batch of source.batches()) lines.push(...batch);
  return { lines, exceeded: source.exceeded };
}

describe('splitLines', () => {
  it('splits on \\n and \\r\\n across chunk boundaries, keeps blank lines, and a last line without newline', async () => {
    const { lines } = await collect(['ab', 'c\r', '\n\nde', 'f\ng'], 100);
    expect(lines).toEqual(['abc', '', 'def', 'g']);
  });

  it('reports a line over the limit as null without holding it, and goes on with the next', async () => {
    const { lines } = await collect(['12345', '678901234', '5\nok\n', 'x'.repeat(11)], 10);
    expect(lines).toEqual([null, 'ok', null]);
  });

  it('decodes UTF-8 split across chunks, and replaces invalid bytes', async () => {
    const euro = Buffer.from('€');
    const { lines } = await collect(
      [euro.subarray(0, 1), Buffer.concat([euro.subarray(1), Buffer.from('\n')]), Buffer.from([0xff, 0x0a])],
      10,
    );
    expect(lines).toEqual(['€', '\uFFFD']);
  });

  it('stops at maxBytes and drops the line cut by the limit', async () => {
    const { lines, exceeded } = await collect(['aa\nbb\ncc', 'cc\ndd\n'], 100, 8);
    expect(lines).toEqual(['aa', 'bb']);
    expect(exceeded).toBe(true);
    expect((await collect(['aa\nbb\n'], 100, 6)).exceeded).toBe(false);
  });

  it('yields the same lines however the input is chunked (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 20 }),
        fc.array(fc.nat(40), { maxLength: 10 }),
        async (texts, cuts) => {
          const body = Buffer.from(texts.join('\n'));
          const parts: Buffer[] = [];
          let at = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            if (cut > at && cut < body.length) {
              parts.push(body.subarray(at, cut));
              at = cut;
            }
          }
          parts.push(body.subarray(at));
          const expected = texts.map((t) => t.replace(/\r$/, ''));
          if (expected.at(-1) === '') expected.pop();
          const max = 48;
          const { lines } = await collect(parts, max);
          expect(lines).toEqual(expected.map((t) => (Buffer.byteLength(t) > max ? null : t)));
        },
      ),
    );
  });
});
