/**
 * Every word the privacy center shows (clauses 4 and 5), in one place, ready for translation: a
 * translation is another object of type `CenterText`. Plain language on purpose (GDPR Art. 12(1):
 * "concise, transparent, intelligible and easily accessible form, using clear and plain language").
 * Values from the policy (names, titles, addresses) are passed in; pages escape everything they print.
 */
import { describeDuration } from '../../domain/policy/duration.js';
import type { Jurisdiction, Right } from '../../domain/policy/schema.js';
import type { RequestState, RequestType } from '../../domain/requests/state.js';

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export const CENTER_TEXT = {
  /** BCP 47 tag of this text. */
  lang: 'en',
  // Non-breaking spaces: a date is never split over two lines.
  date: (ms: number) => LONG_DATE.format(new Date(ms)).replace(/ /g, '\u00a0'),
  duration: (iso: string) => describeDuration(iso),
  hours: (ms: number) => {
    const hours = Math.round(ms / 3_600_000);
    return hours === 1 ? '1 hour' : `${hours} hours`;
  },
  minutes: (ms: number) => `${Math.round(ms / 60_000)} minutes`,
  errorTitle: (title: string) => `Error: ${title}`,
  problemHeading: 'There is a problem',

  home: {
    title: 'Privacy center',
    heading: (company: string) => `Your privacy at ${company}`,
    intro: (company: string) =>
      `Here you can use your rights over the personal data ${company} holds about you. It is free. We first send you an email to check that the address is yours.`,
    rightsHeading: 'What you can do',
    preferencesHeading: 'Emails and consent',
    preferencesText:
      'See which emails we may send you and what you agreed to. Change your mind at any time: we send you a link to your own page.',
    preferencesLink: 'Manage my emails and consent',
    requestLink: 'Make a request',
    followHeading: 'Follow a request',
    followText:
      'When you confirm a request, you get the address of a page where you can follow it. Keep that address. We also email you when your request is done.',
    contactHeading: 'Contact us',
    contactText: (company: string) =>
      `You can also write to ${company}. We answer privacy questions free of charge.`,
    dpo: 'Data protection officer',
    euRepresentative: 'Our representative in the European Union',
    ukRepresentative: 'Our representative in the United Kingdom',
    email: 'Email',
    phone: 'Phone',
    moreHeading: 'Read more',
    policyLink: 'Our privacy policy',
    versionsLink: 'Earlier versions of the policy and what changed',
    processorsLink: 'Companies that process data for us',
  },

  /** One line per right the policy offers, with what to do (Art. 13(2)(b)–(d), 15–21, 77). */
  rights: {
    access: {
      title: 'Get a copy of your data',
      text: 'We send you a file with the personal data we hold about you, why we use it, who gets it and how long we keep it.',
      action: 'Ask for a copy',
    },
    portability: {
      title: 'Take your data elsewhere',
      text: 'The copy comes in a file that computers can read (JSON), so you can give it to another company.',
      action: 'Ask for a copy',
    },
    rectification: {
      title: 'Correct your data',
      text: 'Tell us what is wrong or missing. We check it and correct it.',
      action: 'Ask for a correction',
    },
    erasure: {
      title: 'Delete your data',
      text: 'We delete your personal data. If a law makes us keep some of it (for example invoices), we keep only that, and use it for nothing else.',
      action: 'Ask us to delete your data',
    },
    restriction: {
      title: 'Limit what we do with your data',
      text: 'While you dispute your data or our reasons, we can keep your data without using it. Write to us to ask for this.',
      action: null,
    },
    objection: {
      title: 'Stop marketing',
      text: 'We stop using your data for marketing, straight away and for good.',
      action: 'Stop all marketing',
    },
    withdraw_consent: {
      title: 'Withdraw your consent',
      text: 'Where you gave us your consent, you can take it back at any time. It is as easy as giving it.',
      action: 'Choose which consents to withdraw',
    },
    complaint: {
      title: 'Complain',
      text: 'If you are not happy with how we use your data, you can complain to a data protection authority, for example where you live or work.',
      action: null,
    },
    opt_out_sale: {
      title: 'Stop the sale or sharing of your data',
      text: 'Tell us not to sell or share your personal information. We also respect the Global Privacy Control setting of your browser.',
      action: null,
    },
  } satisfies Record<Right, { title: string; text: string; action: string | null }>,
  writeToUs: 'Write to us at',
  authority: 'Data protection authority',

  request: {
    title: 'Make a privacy request',
    intro:
      'Fill in this form. We then email you a link. Nothing happens until you open the link and confirm that the request is yours.',
    deadline: (words: string) => `We answer within ${words} of your confirmation.`,
    typeLegend: 'What would you like?',
    correctionLegend: 'Only for a correction: what is wrong?',
    correctionHint:
      'For each thing to correct, say what it is (for example "my name" or "my postal address") and what it should say.',
    correctionField: (n: number) => `What is wrong (${n})`,
    correctionValue: (n: number) => `What it should say (${n})`,
    emailLabel: 'Your email address',
    emailHint: 'Use the address we know you by. We send the confirmation link there.',
    jurisdictionLegend: 'Where do you live?',
    jurisdictionHint: 'The law of the place where you live sets how fast we must answer.',
    jurisdictionOther: 'Somewhere else, or I would rather not say',
    messageLabel: 'Anything else we should know (optional)',
    submit: 'Send request',
  },

  types: {
    access: { label: 'A copy of my data', hint: 'A file with all the personal data you hold about me.' },
    correction: { label: 'Correct my data', hint: 'Some of my data is wrong or missing.' },
    erasure: { label: 'Delete my data', hint: 'Delete all the personal data you may delete.' },
    objection: { label: 'No more marketing', hint: 'Stop all marketing to me, for good.' },
    withdrawal: { label: 'Withdraw all my consents', hint: 'Take back every consent I gave you.' },
  } satisfies Record<RequestType, { label: string; hint: string }>,

  /** What the person asked for, inside "You asked {company} for …". */
  asked: {
    access: 'a copy of your personal data',
    correction: 'a correction of your personal data',
    erasure: 'the deletion of your personal data',
    objection: 'no more marketing',
    withdrawal: 'the withdrawal of all your consents',
  } satisfies Record<RequestType, string>,

  jurisdictions: {
    eu: 'European Union, Iceland, Liechtenstein or Norway',
    uk: 'United Kingdom',
    ch: 'Switzerland',
    'us-ca': 'California',
    us: 'United States (other states)',
    ca: 'Canada',
    br: 'Brazil',
    other: 'Elsewhere',
  } satisfies Record<Jurisdiction, string>,

  sent: {
    title: 'Check your email',
    request: (ttl: string) =>
      `If the address you gave can receive email, a link to confirm your request is on its way. Open it within ${ttl}. Nothing happens until you confirm.`,
    preferences: (ttl: string) =>
      `If we know the address you gave, a link to your emails and consent page is on its way. Open it within ${ttl}.`,
    notArrived:
      'No email after a few minutes? Look in your spam or junk folder, check that the address was right, and try again.',
    back: 'Back to the privacy center',
  },

  verify: {
    title: 'Confirm your request',
    text: (company: string) =>
      `Press the button to confirm that you made a privacy request to ${company}. Nothing happens until you press it.`,
    button: 'Confirm my request',
    confirmedTitle: 'Request confirmed',
    confirmed: 'Thank you. Your request is confirmed.',
  },

  status: {
    title: 'Your request',
    asked: (company: string, what: string) => `You asked ${company} for ${what}.`,
    received: (date: string) => `We received it on ${date}.`,
    stepsLabel: 'Progress of your request',
    steps: {
      received: 'Received',
      verified: 'Confirmed by you',
      in_progress: 'Being handled',
      awaiting_approval: 'Being checked by our team',
      completed: 'Done',
      rejected: 'Closed',
    } satisfies Record<RequestState, string>,
    now: {
      received: 'We are waiting for you to confirm it with the link in our email.',
      verified: 'You confirmed it. We start on it now.',
      in_progress: 'We are working on it.',
      awaiting_approval: 'Our team is checking the corrections you asked for.',
      completed: 'Your request is done.',
      rejected: 'We closed your request without doing what you asked.',
    } satisfies Record<RequestState, string>,
    stepDone: ' (done)',
    stepTodo: ' (not yet)',
    due: (date: string) => `We will answer by ${date} at the latest.`,
    extended: (reason: string, date: string) =>
      `We need more time: ${reason} We will answer by ${date} at the latest.`,
    done: {
      access: 'Your copy is ready.',
      correction: 'We corrected your data.',
      erasure:
        'We deleted your data. What a law makes us keep, we keep only for that, and use it for nothing else.',
      objection: 'We no longer use your data for marketing.',
      withdrawal: 'We withdrew all your consents.',
    } satisfies Record<RequestType, string>,
    rejected: (reason: string) => `Our reason: ${reason}`,
    complain:
      'If you disagree, you can complain to a data protection authority or go to court (GDPR Art. 12(4)).',
    download: 'Download your data (ZIP file)',
    downloadUntil: (date: string) => `The download works until ${date}. Keep the file somewhere safe.`,
    downloadExpired: (date: string) =>
      `The download ended on ${date}. You can make a new request at any time.`,
    keep: 'Keep the address of this page to follow your request:',
    keepLink: 'link to this page',
    back: 'Back to the privacy center',
  },

  preferences: {
    askTitle: 'Your emails and consent',
    askIntro:
      'Enter your email address. We send you a link to a page where you can see and change the emails we send you and the consents you gave.',
    askSubmit: 'Email me a link',
    title: 'Your emails and consent',
    intro: (company: string) =>
      `Here you see what ${company} may do with your data based on your choices. Your changes count from now on.`,
    sessionNote: (minutes: string) =>
      `This page stays open for ${minutes} after your first change. After that, ask for a new link.`,
    consentHeading: 'What you agreed to',
    consentIntro: 'We do these things only if you agree. You can change your answer at any time.',
    noConsentPurposes: 'We do nothing that needs your consent.',
    given: (date: string) => `You agreed on ${date}.`,
    withdrawn: (date: string) => `You said no on ${date}.`,
    notAsked: 'You have not agreed.',
    give: 'I agree',
    withdraw: 'Withdraw my consent',
    forPurpose: (title: string) => ` to “${title}”`,
    marketingHeading: 'Marketing',
    marketingIntro: 'The messages we may send you to promote our products.',
    audienceRelationship: 'We send these to our customers, unless they unsubscribe.',
    audienceConsent: 'We send these only if you agree to them above.',
    subscribed: 'You have not unsubscribed.',
    unsubscribedSince: (date: string) => `You unsubscribed on ${date}.`,
    allSince: (date: string) => `You unsubscribed from all marketing on ${date}.`,
    unsubscribe: 'Unsubscribe',
    unsubscribeAll: 'Unsubscribe from all marketing',
    // Only an explicit request lifts a suppression (docs/consent.md); the center does not offer one yet.
    resubscribe: {
      before: 'Changed your mind? To get marketing from us again, write to',
      after: 'Agreeing again above does not restart it on its own.',
    },
    saved: {
      given: (title: string) => `Saved: you agreed to “${title}”.`,
      withdrawn: (title: string) => `Saved: you withdrew your consent to “${title}”.`,
      unsubscribed: (title: string) => `Saved: you unsubscribed from “${title}”.`,
      unsubscribedAll: 'Saved: you unsubscribed from all marketing.',
    },
    everything: 'You are unsubscribed (from all marketing).',
  },

  errors: {
    linkTitle: 'Link not valid',
    link: 'This link does not work any more. It may be old, or it was already used.',
    linkRequest: 'You can make a new request at any time.',
    linkPreferences: 'Ask for a new link: it takes a minute.',
    sessionEnded: 'This page has closed, to keep your data safe. Ask for a new link to make more changes.',
    newLink: 'Ask for a new link',
    newRequest: 'Make a new request',
    type: 'Choose what you would like.',
    email: 'Enter your email address, like name@example.com.',
    emailInvalid: 'This email address does not look right. Enter it like name@example.com.',
    jurisdiction: 'Choose one of the places in the list.',
    correctionMissing: 'Tell us at least one thing to correct, and what it should say.',
    correctionValue: (n: number) => `Fill in “What it should say (${n})”.`,
    correctionField: (n: number) => `Fill in “What is wrong (${n})”.`,
    tooLong: (max: number) => `This is too long. Use at most ${max} characters.`,
    form: 'We could not read the form. Please fill it in again.',
    rateLimitedTitle: 'Please wait',
    rateLimited:
      'We received many forms from your connection in the last hour. Please wait an hour and try again.',
    orWrite: 'If it is urgent, write to us at',
    notFoundTitle: 'Page not found',
    notFound: 'This page does not exist.',
  },
};

export type CenterText = typeof CENTER_TEXT;
