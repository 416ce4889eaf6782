import { describe, expect, it } from 'vitest';
import { ChainVerifier, GENESIS_HASH, hashEntry, type StoredEntry, verifyChain } from './ledger-chain.js';

function* generateChain(
  count: number,
  bodyOf: (seq: number) => object = (seq) => ({ n: seq }),
): Generator<StoredEntry> {
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const body = bodyOf(seq);
    const hash = hashEntry(prevHash, seq, body);
    yield { seq, prevHash, hash, body };
    prevHash = hash;
  }
}
const buildChain = (count: number): StoredEntry[] => [...generateChain(count)];
const at = (chain: StoredEntry[], seq: number): StoredEntry => chain[seq - 1]!;

describe('hashEntry', () => {
  it('hashes the documented framing (pinned vector)', () => {
    // SHA-256('steward.ledger.v1\n' + 64 zeros + '\n' + '{"body":{"event":"given","purpose":"newsletter"},"seq":1}')
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(hashEntry(GENESIS_HASH, 1, { purpose: 'newsletter', event: 'given' })).toBe(
      'ba39f860e2554dda8208645f197747dc7e69aa60a724764a635968918bcc57f0',
    );
  });

  it('refuses malformed inputs instead of hashing them', () => {
    expect(() => hashEntry('ABC', 1, {})).toThrow('prevHash must be 64 lower-case hex characters');
    expect(() => hashEntry(GENESIS_HASH.toUpperCase().replace(/0/g, 'A'), 1, {})).toThrow(/prevHash/);
    expect(() => hashEntry(GENESIS_HASH, 0, {})).toThrow('seq must be a positive integer');
    expect(() => hashEntry(GENESIS_HASH, 1.5, {})).toThrow(/seq/);
    expect(() => hashEntry(GENESIS_HASH, 1, [])).toThrow('body must be a JSON object');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const chain = buildChain(5);
    expect(verifyChain(chain)).toEqual({ ok: true, count: 5, head: { seq: 5, hash: at(chain, 5).hash } });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH } });
  });

  it('names an edited body', () => {
    const chain = buildChain(5);
    chain[2] = { ...at(chain, 3), body: { n: 99 } };
    expect(verifyChain(chain)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'edited' } });
  });

  it('names a rewritten entry (body and hash) at the next link', () => {
    const chain = buildChain(5);
    const forged = { n: 99 };
    chain[2] = { ...at(chain, 3), body: forged, hash: hashEntry(at(chain, 3).prevHash, 3, forged) };
    expect(verifyChain(chain)).toMatchObject({ ok: false, firstBad: { seq: 4, reason: 'forked' } });
  });

  it('names a deleted entry by the first missing seq', () => {
    const chain = buildChain(5);
    chain.splice(1, 1);
    expect(verifyChain(chain)).toEqual({
      ok: false,
      firstBad: { seq: 2, reason: 'deleted', message: 'entry 2 is missing' },
    });
    expect(verifyChain(buildChain(3).slice(1))).toMatchObject({ firstBad: { seq: 1, reason: 'deleted' } });
  });

  it('names swapped entries as reordered', () => {
    const chain = buildChain(5);
    const swapped = [at(chain, 1), at(chain, 2), at(chain, 4), at(chain, 3), at(chain, 5)];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'reordered' } });
    const backwards = [at(chain, 1), at(chain, 2), at(chain, 3), at(chain, 1)];
    expect(verifyChain(backwards)).toMatchObject({ ok: false, firstBad: { seq: 1, reason: 'reordered' } });
  });

  it('names a fork: two entries with one seq, or a prevHash that skips a link', () => {
    const chain = buildChain(3);
    const twin = { ...at(chain, 3), body: { n: 'twin' } };
    const duplicate = [...chain, { ...twin, hash: hashEntry(twin.prevHash, 3, twin.body) }];
    expect(verifyChain(duplicate)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'forked' } });
    const relinked = { seq: 3, prevHash: at(chain, 1).hash, body: { n: 3 } };
    const skipped = [
      at(chain, 1),
      at(chain, 2),
      { ...relinked, hash: hashEntry(relinked.prevHash, 3, relinked.body) },
    ];
    expect(verifyChain(skipped)).toEqual({
      ok: false,
      firstBad: { seq: 3, reason: 'forked', message: 'entry 3 does not link to entry 2' },
    });
  });

  it('names malformed stored values as bad_hash without throwing', () => {
    const chain = buildChain(3);
    const cases: StoredEntry[] = [
      { ...at(chain, 2), hash: 'zz' },
      { ...at(chain, 2), prevHash: at(chain, 2).prevHash.toUpperCase() },
      { ...at(chain, 2), body: 'not an object' },
      { ...at(chain, 2), body: { n: Number.NaN } },
      { ...at(chain, 2), seq: Number.NaN },
    ];
    for (const bad of cases) {
      expect(verifyChain([at(chain, 1), bad, at(chain, 3)])).toMatchObject({
        ok: false,
        firstBad: { seq: 2, reason: 'bad_hash' },
      });
    }
  });

  it('detects truncation and rewrite against a checkpoint head', () => {
    const chain = buildChain(6);
    const expectedHead = { seq: 5, hash: at(chain, 5).hash };
    expect(verifyChain(chain, { expectedHead })).toMatchObject({ ok: true, count: 6 });
    expect(verifyChain(chain.slice(0, 3), { expectedHead })).toEqual({
      ok: false,
      firstBad: {
        seq: 4,
        reason: 'truncated',
        message: 'the ledger ends at 3 but a checkpoint covers 5 entries',
      },
    });
    expect(verifyChain([], { expectedHead })).toMatchObject({ firstBad: { seq: 1, reason: 'truncated' } });
    // A full rewrite is internally consistent: only the checkpoint can tell.
    const rewritten = [...generateChain(6, (seq) => ({ n: seq === 2 ? 'rewritten' : seq }))];
    expect(verifyChain(rewritten)).toMatchObject({ ok: true });
    expect(verifyChain(rewritten, { expectedHead })).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'forked' },
    });
  });
});

describe('ChainVerifier', () => {
  it('streams a long ledger from a generator without holding it', () => {
    const verifier = new ChainVerifier();
    let last: StoredEntry | undefined;
    for (const entry of generateChain(20_000)) {
      expect(verifier.push(entry)).toBe(true);
      last = entry;
    }
    expect(verifier.finish()).toEqual({ ok: true, count: 20_000, head: { seq: 20_000, hash: last?.hash } });
  });

  it('asks for no more entries once a fault is known (one look-ahead after a gap)', () => {
    const chain = buildChain(10);
    chain.splice(3, 1);
    let pulled = 0;
    const source = (function* () {
      for (const entry of chain) {
        pulled++;
        yield entry;
      }
    })();
    expect(verifyChain(source)).toMatchObject({ ok: false, firstBad: { seq: 4, reason: 'deleted' } });
    expect(pulled).toBe(5);
  });
});
