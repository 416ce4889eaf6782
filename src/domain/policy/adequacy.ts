/**
 * Where personal data may go without an Art. 46 safeguard (GDPR Art. 45). Re-exported by taxonomy.ts.
 *
 * Source: European Commission, "Adequacy decisions" (commission.europa.eu › Law › Data protection ›
 * International dimension of data protection › Adequacy decisions), as listed there in 2025. Check it when
 * a decision is adopted or annulled; a file can always give its own list in `adequacy:`.
 */
import type { Jurisdiction, Policy } from './schema.js';

/** EU member states (27) and the EEA EFTA states (IS, LI, NO): the GDPR applies, no transfer at all. */
export const EEA_COUNTRIES: readonly string[] = [
  ...['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE'],
  ...['IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'],
  ...['IS', 'LI', 'NO'],
];

/**
 * Countries with an EU adequacy decision: Andorra, Argentina, Canada (commercial organisations under
 * PIPEDA only), Faroe Islands, Guernsey, Israel, Isle of Man, Japan, Jersey, New Zealand, Republic of
 * Korea, Switzerland, United Kingdom, Uruguay. The United States is deliberately absent: its decision
 * (EU–US Data Privacy Framework, 10 July 2023) covers only organisations on the DPF List, so a US
 * processor declares `transfer: {mechanism: dpf}` (or SCCs) instead.
 */
export const EU_ADEQUACY_DECISIONS: readonly string[] = [
  ...['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY'],
];

/**
 * The territory inside which a regime's own law applies, so no transfer happens. Only regimes with
 * transfer rules have one: a US controller that also answers to the GDPR (Art. 3(2)) still transfers when
 * its processor is in the US (EDPB Guidelines 05/2021: exporter subject to the GDPR, importer in a third
 * country), so `us` and `us-ca` add no home region.
 */
export function homeRegion(jurisdiction: Jurisdiction): readonly string[] {
  switch (jurisdiction) {
    case 'eu':
      return EEA_COUNTRIES;
    case 'uk':
      return ['GB'];
    case 'ch':
      return ['CH'];
    default:
      return [];
  }
}

/** The regimes that restrict transfers abroad; for a policy with none of them no transfer check applies. */
export const TRANSFER_REGIMES: readonly Jurisdiction[] = ['eu', 'uk', 'ch'];

/** Countries a transfer to needs no safeguard: the file's list (or the default) plus the home regions. */
export function adequateCountries(policy: Pick<Policy, 'adequacy' | 'controller'>): Set<string> {
  const set = new Set(policy.adequacy ?? [...EEA_COUNTRIES, ...EU_ADEQUACY_DECISIONS]);
  for (const jurisdiction of policy.controller.jurisdictions)
    for (const c of homeRegion(jurisdiction)) set.add(c);
  return set;
}
