import { describe, expect, it } from 'vitest';
import {
  BANNER_FORM,
  decideChoice,
  decideGpcPurpose,
  GPC_OVERRIDE_FORM,
  type LatestEvent,
  type PurposeRequest,
} from './banner.rules.js';

const req = (over: Partial<PurposeRequest>): PurposeRequest => ({
  choice: undefined,
  signal: false,
  optIn: false,
  current: true,
  ...over,
});
const offByGpc: LatestEvent = { action: 'withdrawn', channel: 'gpc', formId: BANNER_FORM };
const offByBanner: LatestEvent = { action: 'withdrawn', channel: 'banner', formId: BANNER_FORM };
const onByBanner: LatestEvent = { action: 'given', channel: 'banner', formId: BANNER_FORM };
const overridden: LatestEvent = { action: 'given', channel: 'banner', formId: GPC_OVERRIDE_FORM };
const given = (formId = BANNER_FORM) => ({ action: 'given', channel: 'banner', formId });
const gpcOff = { action: 'withdrawn', channel: 'gpc', formId: BANNER_FORM };
const bannerOff = { action: 'withdrawn', channel: 'banner', formId: BANNER_FORM };

describe('a purpose GPC does not touch', () => {
  it.each([
    [req({ choice: true }), given()],
    [req({ choice: false }), bannerOff],
    [req({}), null],
    [req({ choice: true, current: false }), null],
    [req({ choice: false, current: false }), bannerOff],
    [req({ choice: true, signal: true }), given()],
  ])('%j → %j', (request, expected) => {
    expect(decideChoice(request)).toEqual(expected);
  });
});

describe('a sale, share or advertising purpose', () => {
  it.each<[string, LatestEvent | undefined, PurposeRequest, object | null]>([
    ['the signal alone turns it off', undefined, req({ signal: true }), gpcOff],
    ['over a banner withdrawal, the signal is recorded too', offByBanner, req({ signal: true }), gpcOff],
    ['over an earlier consent, the signal withdraws it', onByBanner, req({ signal: true }), gpcOff],
    ['a repeated signal adds nothing', offByGpc, req({ signal: true }), null],
    [
      '"Accept all" under the signal records the signal',
      undefined,
      req({ signal: true, choice: true }),
      gpcOff,
    ],
    [
      'reject under the signal is recorded as the signal',
      undefined,
      req({ signal: true, choice: false }),
      gpcOff,
    ],
    [
      'an explicit opt-in under the signal wins',
      offByGpc,
      req({ signal: true, choice: true, optIn: true }),
      given(GPC_OVERRIDE_FORM),
    ],
    ['a signal after an explicit override keeps it', overridden, req({ signal: true }), null],
    ['"Accept all" after an override keeps it', overridden, req({ signal: true, choice: true }), null],
    ['withdrawing after an override is recorded', overridden, req({ signal: true, choice: false }), gpcOff],
    ['without the signal later, nothing turns it back on', offByGpc, req({}), null],
    ['nor does "Accept all" without the signal', offByGpc, req({ choice: true }), null],
    ['an explicit opt-in without the signal does', offByGpc, req({ choice: true, optIn: true }), given()],
    [
      'a signal after an opt-in made without it withdraws',
      given() as LatestEvent,
      req({ signal: true }),
      gpcOff,
    ],
    ['no signal, ordinary accept', undefined, req({ choice: true }), given()],
    ['no signal, ordinary reject', onByBanner, req({ choice: false }), bannerOff],
    ['a stale revision never gives', undefined, req({ choice: true, optIn: true, current: false }), null],
  ])('%s', (_name, latest, request, expected) => {
    expect(decideGpcPurpose(latest, request)).toEqual(expected);
  });
});
