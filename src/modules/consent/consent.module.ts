import type { FastifyInstance } from 'fastify';
import type { Secrets } from '../../config/secrets.js';
import type { Store } from '../../db/connect.js';
import { parsePrivateKey } from '../../domain/consent/checkpoint.js';
import { parseHmacKeyring } from '../../domain/consent/unsubscribe-token.js';
import { createAuditService } from '../audit/audit.service.js';
import { createEligibilityStateLoader } from '../eligibility/eligibility.repo.js';
import { registerEligibilityRoutes } from '../eligibility/eligibility.routes.js';
import { createEligibilityService, type MaterialChangeSource } from '../eligibility/eligibility.service.js';
import { PAGE_CSP, renderPage } from '../pages/layout.js';
import type { LoadedPolicy } from '../policy/policy.loader.js';
import type { SubjectsService } from '../subjects/subjects.service.js';
import { registerUnsubscribeRoutes } from '../unsubscribe/unsubscribe.routes.js';
import { createUnsubscribeService } from '../unsubscribe/unsubscribe.service.js';
import { consentPolicyView, receiptInput } from './consent.policy.js';
import { registerConsentRoutes } from './consent.routes.js';
import { createConsentService } from './consent.service.js';
import { createLedgerAppender } from './ledger.store.js';
import { ALL_MARKETING } from './ledger.types.js';
import { createGroupCommitWriter } from './ledger.writer.js';

/** Wires the consent ledger, eligibility and unsubscribe (clauses 1.1, 1.6.3, 1.6.4) into the app. */
export function createConsentModule(deps: {
  http: FastifyInstance;
  store: Store;
  policy: LoadedPolicy;
  subjects: SubjectsService;
  secrets: Secrets;
  publicUrl: string;
  /** Material policy changes (modules/versions): consent given before one is asked again. */
  materialChanges?: MaterialChangeSource;
  clock?: () => number;
}) {
  const { policy, store } = deps;
  const view = consentPolicyView(policy.policy, policy.contentHash);
  const writer = createGroupCommitWriter(createLedgerAppender(store), { clock: deps.clock });
  const consent = createConsentService({
    db: store.db,
    writer,
    subjects: deps.subjects,
    policy: view,
    clock: deps.clock,
  });
  const eligibility = createEligibilityService({
    loader: createEligibilityStateLoader(store),
    policy: view,
    materialChanges: deps.materialChanges,
    clock: deps.clock,
  });
  const unsubscribe = createUnsubscribeService({
    db: store.db,
    keyring: parseHmacKeyring(deps.secrets.unsubscribeKeys),
    publicUrl: deps.publicUrl,
    consent,
    isMarketingPurpose: (purpose) => Boolean(view.purposes.get(purpose)?.marketing),
    clock: deps.clock,
  });
  const audit = createAuditService({ db: store.db, dialect: store.dialect, clock: deps.clock });
  const controller = policy.policy.controller;
  const titles = new Map(policy.policy.purposes.map((p) => [p.id, p.title]));

  registerConsentRoutes(deps.http, {
    consent,
    db: store.db,
    audit,
    receiptInput: (entry, versionId) =>
      receiptInput(
        policy.policy,
        entry,
        versionId ? `${deps.publicUrl}/privacy/versions/${versionId}` : `${deps.publicUrl}/privacy`,
      ),
  });
  registerEligibilityRoutes(deps.http, { eligibility, audit });
  registerUnsubscribeRoutes(deps.http, {
    unsubscribe,
    resolveSubject: (ref, actor) => consent.resolveSubject(ref, actor, false),
    pages: {
      csp: PAGE_CSP,
      controllerName: controller.name,
      purposeTitle: (scope) =>
        scope === ALL_MARKETING ? 'marketing emails' : `emails about “${titles.get(scope) ?? scope}”`,
      render: (title, bodyHtml) => renderPage({ title, bodyHtml, controller, lang: policy.policy.language }),
    },
  });

  return {
    consent,
    eligibility,
    unsubscribe,
    writer,
    signingKey: () => parsePrivateKey(deps.secrets.ledgerSigningKey),
  };
}
