export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find the subject owning any of these identities, or create one; add identities and relationships */
        post: operations["upsertSubject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find a subject by identity (in the body, so that identities never appear in URLs or access logs) */
        post: operations["lookupSubject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getSubject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{id}/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["linkIdentities"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{id}/relationships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["startRelationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{id}/relationships/{relationshipId}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["endRelationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listSubjectAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The loaded policy: purposes, data categories, processors, recipients and datasets, and how they connect */
        get: operations["getPolicyView"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first: filter by period, actor, action or subject; paged */
        get: operations["searchAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: the signed-in operator, or the API key */
        get: operations["getSession"];
        put?: never;
        /** Sign an operator in to the admin console: sets the session and CSRF cookies */
        post: operations["signIn"];
        /** Sign out: the session ends on the server and its cookies are cleared */
        delete: operations["signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The privacy policy, as a web page */
        get: operations["getPrivacyPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/processors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sub-processors by service, with countries, transfer safeguards and contracts */
        get: operations["getProcessorsPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/processors.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sub-processors, machine-readable */
        get: operations["getProcessorsJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy.md": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The privacy policy, as Markdown */
        get: operations["getPrivacyPolicyMarkdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every published version of the policy, with its effective date and its changes */
        get: operations["getPolicyVersionsPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/versions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One published version of the policy: its full text and what changed */
        get: operations["getPolicyVersionPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/processors.atom": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Atom feed of changes to processors, countries and transfers, one entry per version */
        get: operations["getProcessorsFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published policy versions, newest first, with their changes and notice deliveries */
        get: operations["listPolicyVersions"];
        put?: never;
        /** Publish a policy text as an immutable version; a material change schedules one email per account holder */
        post: operations["publishPolicyVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy/versions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One policy version (by id or content-hash prefix) with its text */
        get: operations["getPolicyVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy/versions/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed from one version (default: the previous) to this one, each change classified */
        get: operations["diffPolicyVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record consent given or withdrawn; answered only once the event is committed to the ledger */
        post: operations["recordConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consents/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The consent receipt of one ledger event (ISO/IEC TS 27560 fields, DPV receipt-full profile) */
        get: operations["getConsentReceipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subject's consent timeline, each entry with its ledger proof (seq, hash, prevHash) */
        get: operations["listSubjectConsents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/eligibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** May this marketing purpose reach this address now? With the reasons and what decided each */
        get: operations["checkEligibility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/eligibility/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Filter a campaign list: NDJSON in ({"email": …} or "…" per line), one NDJSON verdict out per line, in order */
        post: operations["checkEligibilityBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/unsubscribe-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A signed one-click unsubscribe URL and the List-Unsubscribe / List-Unsubscribe-Post headers for one recipient */
        post: operations["createUnsubscribeLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cookie banner for the company site, with its categories from the policy (gzip/brotli, ETag) */
        get: operations["getConsentScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/gpc.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Global Privacy Control support resource: this site honours the signal */
        get: operations["getGpcSupport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests by due date (open ones by default; overdue=true for those past due) */
        get: operations["listRequests"];
        put?: never;
        /** Open a data subject request (public). The answer is the same whether or not the address is known; a confirmation link is emailed */
        post: operations["openRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a request with the emailed token (public, single use) */
        post: operations["verifyRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A request's state, for its author (token from verification) */
        get: operations["getRequestStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an access export (expiring link from the completion email) */
        get: operations["downloadExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a request: start, complete or reject (with a reason the person is told) */
        post: operations["transitionRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Extend the deadline once, with the reason sent to the person (Art. 12(3)) */
        post: operations["extendRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Carry out a verified request now (or retry one whose stores were unreachable) */
        post: operations["executeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/corrections/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply reviewed corrections through the connectors (Art. 16) */
        post: operations["approveCorrections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disclosures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that a recipient (authority, contractor, processor) received data of a subject */
        post: operations["recordDisclosure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{id}/disclosures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listSubjectDisclosures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Investigate an incident: requests by period, address or CIDR prefix, and path (audited) */
        get: operations["searchSecurityLogs"];
        put?: never;
        /** Store web-server access log lines (combined format or JSON, one per line); each bad line is counted, never fatal */
        post: operations["ingestSecurityLogs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/retention/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored retention runs, newest first */
        get: operations["listRetentionRuns"];
        put?: never;
        /** Sweep every retention rule now (or count, with dryRun) and store the report */
        post: operations["runRetentionSweep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/retention/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One retention run with its report per rule */
        get: operations["getRetentionRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/legal-holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Manual legal holds, newest first */
        get: operations["listLegalHolds"];
        put?: never;
        /** Keep a person, or one record, beyond retention and erasure until released or expired */
        post: operations["createLegalHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/legal-holds/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release a legal hold: its data fall under retention and erasure again */
        post: operations["releaseLegalHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conformance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each promise of the policy with a pass/fail verdict computed from live data, and its evidence */
        get: operations["getConformance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consent ledger events per UTC day and action (given, withdrawn, unsubscribed…), by when they happened */
        get: operations["getConsentStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/u/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["showUnsubscribePage"];
        put?: never;
        post: operations["unsubscribeOneClick"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/site/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a site visitor's cookie choice and Global Privacy Control signal (public, rate limited per IP); answers the visitor's state
         * @description Sec-GPC: 1 (exactly "1") or `gpc: true` turns sale, share and advertising purposes off, recorded with channel `gpc`; a later request without the signal never turns them back on. Without `choices` nothing but the signal is recorded.
         */
        post: operations["recordSiteConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/forms/{formId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A form as the policy declares it, to render it, with a fresh spam token (public) */
        get: operations["getForm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/forms/{formId}/submissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Submissions of a form, newest first (audited) */
        get: operations["listFormSubmissions"];
        put?: never;
        /** Send answers to a form (public; JSON or a plain HTML form). An anonymous form stores no identity, IP address, user agent or cookie */
        post: operations["submitForm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ProblemInput: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            code: string;
            requestId: string;
            errors?: {
                field: string;
                message: string;
            }[];
        };
        /**
         * @description ISO 3166-1 alpha-2 country code
         * @enum {string}
         */
        CountryInput: "AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "YE" | "YT" | "ZA" | "ZM" | "ZW";
        SiteConsentStateInput: {
            visitor: string;
            /** @description The current banner revision; a stored choice under another one asks again */
            revision: string;
            /** @description Per category the policy declares: true only when every consent purpose in it is given */
            choices: {
                [key: string]: boolean;
            };
            purposes: {
                id: string;
                category: string;
                /** @enum {string} */
                state: "given" | "withdrawn" | "none";
            }[];
            /** @description Ledger events this request wrote */
            recorded: number;
            gpc: {
                /** @description The request carried Sec-GPC: 1 or the page reported the signal */
                signal: boolean;
                honored: boolean;
                /** @constant */
                message?: "Opt-Out Preference Signal Honored";
            };
        };
        GpcSupportInput: {
            /** @constant */
            gpc: true;
            /** @description RFC 3339 full-date: the policy's "last modified" date */
            lastUpdate?: string;
        };
        ConformanceCheckInput: {
            id: string;
            promise: string;
            clauses: string[];
            /** @enum {string} */
            status: "pass" | "fail" | "error";
            evidence: {
                [key: string]: string | number | boolean | null | string[];
            };
            /** @description What breaks the promise; empty when it is kept */
            breaks: string[];
        };
        ConformanceReportInput: {
            generatedAt: string;
            policy: {
                controller: string;
                version: string | null;
                contentHash: string;
            };
            summary: {
                pass: number;
                fail: number;
                error: number;
            };
            checks: components["schemas"]["ConformanceCheckInput"][];
        };
        EligibilityInput: {
            allowed: boolean;
            purpose: string;
            reasons: {
                code: string;
                message: string;
                ref: {
                    /** @constant */
                    type: "ledger";
                    seq: number;
                } | {
                    /** @constant */
                    type: "relationship";
                    id: string;
                } | {
                    /** @constant */
                    type: "subject";
                    id: string | null;
                } | {
                    /** @constant */
                    type: "policy_version";
                    id: string;
                };
            }[];
        };
        IdentityInput: {
            id: string;
            /** @enum {string} */
            type: "email" | "phone" | "external";
            namespace: string;
            value: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            createdAt: string;
        };
        RelationshipInput: {
            id: string;
            kind: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            startedAt: string;
            endedAt: string | null;
            active: boolean;
            reference: string | null;
        };
        SubjectInput: {
            id: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            updatedAt: string;
            identities: components["schemas"]["IdentityInput"][];
            relationships: components["schemas"]["RelationshipInput"][];
        };
        AuditEntryInput: {
            seq: number;
            id: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            at: string;
            actor: string;
            action: string;
            subjectId: string | null;
            target: string | null;
            detail: {
                [key: string]: unknown;
            };
            hash: string;
        };
        ConsentEventInput: {
            id: string;
            seq: number;
            subjectId: string;
            purpose: string;
            /** @enum {string} */
            action: "given" | "withdrawn" | "unsubscribed" | "objected" | "resubscribed";
            /** @enum {string} */
            channel: "web_form" | "banner" | "api" | "email_link" | "privacy_center" | "gpc_signal" | "gpc" | "support" | "import";
            occurredAt: string;
            recordedAt: string;
            policyHash: string;
            evidence: {
                formId?: string;
                noticeId?: string;
                userAgent?: string;
                ipPrefix?: string;
                language?: string;
            };
            prevHash: string;
            hash: string;
            receiptUrl: string;
        };
        AuditPageInput: {
            entries: components["schemas"]["AuditEntryInput"][];
            /** @description Pass as `before` for the next (older) page; null at the end */
            next: number | null;
        };
        PolicyViewInput: {
            controller: string;
            version: string | null;
            contentHash: string;
            purposes: {
                id: string;
                title: string;
                /** @enum {string} */
                legalBasis: "consent" | "contract" | "legal_obligation" | "legitimate_interest" | "vital_interest" | "public_task";
                categories: string[];
                processors: string[];
                recipients: string[];
                subjects: string[];
                retention: {
                    anchor: string;
                    duration: string;
                    description: string | null;
                };
                /** @description Legal obligations that keep data after the purpose */
                legalHolds: string[];
            }[];
            /** @description The data categories the policy uses, with the ancestors of each */
            categories: {
                id: string;
                title: string;
                parent: string | null;
                /** @description GDPR Art. 9 special category */
                special: boolean;
                personal: boolean;
            }[];
            processors: {
                id: string;
                name: string;
                website: string | null;
                services: {
                    id: string;
                    title: string;
                }[];
                countries: {
                    code: string;
                    name: string;
                    /** @description In the EU/EEA or covered by an adequacy decision (GDPR Art. 45) */
                    adequate: boolean;
                }[];
                /** @description As declared; null when none is */
                transfer: {
                    /** @enum {string} */
                    mechanism: "adequacy" | "scc" | "dpf" | "bcr" | "derogation" | "none";
                    sccModule: number | null;
                    /** @description The safeguard in words */
                    description: string;
                    reference: string | null;
                } | null;
                /** @description Some country is not adequate: a safeguard is required */
                transferNeeded: boolean;
                dpa: {
                    reference: string;
                    signedAt: string | null;
                    url: string | null;
                } | null;
                purposes: string[];
            }[];
            recipients: {
                id: string;
                name: string;
                /** @description contractor, authority, affiliate or other */
                kind: string;
                categories: string[];
                countries: {
                    code: string;
                    name: string;
                    /** @description In the EU/EEA or covered by an adequacy decision (GDPR Art. 45) */
                    adequate: boolean;
                }[];
                transfer: {
                    /** @enum {string} */
                    mechanism: "adequacy" | "scc" | "dpf" | "bcr" | "derogation" | "none";
                    sccModule: number | null;
                    /** @description The safeguard in words */
                    description: string;
                    reference: string | null;
                } | null;
                purposes: string[];
            }[];
            datasets: {
                id: string;
                title: string;
                kind: string;
                tables: {
                    name: string;
                    purposes: string[];
                    fields: {
                        column: string;
                        category: string;
                    }[];
                    retention: {
                        /** @enum {string} */
                        from: "column" | "purposes";
                        anchor: string | null;
                        duration: string | null;
                    } | null;
                    legalHold: string | null;
                }[];
            }[];
        };
        ConsentStatsInput: {
            /** @description First day counted (UTC, YYYY-MM-DD) */
            from: string;
            /** @description Last day counted, today (UTC, YYYY-MM-DD) */
            to: string;
            /** @description Every day of the window, oldest first */
            days: {
                given: number;
                withdrawn: number;
                /** @description Suppressions: one-click unsubscribes and unsubscribes recorded by the API */
                unsubscribed: number;
                /** @description Objections to direct marketing (Art. 21(2)), which suppress it too */
                objected: number;
                resubscribed: number;
                date: string;
            }[];
            totals: {
                given: number;
                withdrawn: number;
                /** @description Suppressions: one-click unsubscribes and unsubscribes recorded by the API */
                unsubscribed: number;
                /** @description Objections to direct marketing (Art. 21(2)), which suppress it too */
                objected: number;
                resubscribed: number;
            };
        };
        PublicRequestInput: {
            id: string;
            /** @enum {string} */
            type: "access" | "correction" | "erasure" | "objection" | "withdrawal";
            /** @enum {string} */
            state: "received" | "verified" | "in_progress" | "awaiting_approval" | "completed" | "rejected";
            receivedAt: string;
            dueAt: string;
            extended: boolean;
            extensionReason: string | null;
            closedAt: string | null;
        };
        AgentRequestInput: {
            id: string;
            /** @enum {string} */
            type: "access" | "correction" | "erasure" | "objection" | "withdrawal";
            /** @enum {string} */
            state: "received" | "verified" | "in_progress" | "awaiting_approval" | "completed" | "rejected";
            receivedAt: string;
            dueAt: string;
            extended: boolean;
            extensionReason: string | null;
            closedAt: string | null;
            email: string;
            subjectId: string | null;
            jurisdiction: string;
            verifiedAt: string | null;
            overdue: boolean;
            closingReason: string | null;
            details: {
                [key: string]: unknown;
            };
            result: {
                [key: string]: unknown;
            } | null;
            transitions: ("received" | "verified" | "in_progress" | "awaiting_approval" | "completed" | "rejected")[];
        };
        DisclosureInput: {
            id: string;
            subjectId: string;
            recipient: string;
            categories: string[];
            basis: string;
            reference: string | null;
            disclosedAt: string;
            recordedBy: string;
        };
        FormSubmissionInput: {
            /** @description spam.token of GET /v1/forms/{formId} */
            token: string;
            /** @description Field name → answer: text, a number (rating 1–5) or a boolean (checkbox) */
            answers: {
                [key: string]: string | number | boolean;
            };
            /**
             * @description Purposes whose consent checkbox was ticked; never pre-ticked
             * @default []
             */
            consents: string[];
            /** @description The value of the hidden input named spam.honeypot: empty for people */
            honeypot?: string;
        };
        FormSubmissionAcceptedInput: {
            message: string;
        };
        FormDefinitionInput: {
            id: string;
            title: string;
            kind: string;
            /** @description true: no identity, IP address, user agent or cookie is stored */
            anonymous: boolean;
            purpose: {
                id: string;
                title: string;
                description: string;
            };
            /** @description Where the full privacy policy is published */
            privacyPolicy: string;
            fields: {
                name: string;
                label: string;
                /** @enum {string} */
                type: "text" | "email" | "textarea" | "select" | "checkbox" | "rating";
                required: boolean;
                maxLength: number | null;
                options: string[] | null;
                /** @description Ratings: the lowest value */
                min: number | null;
                /** @description Ratings: the highest value */
                max: number | null;
            }[];
            /** @description Optional checkboxes, shown unticked, with the wording the policy gives */
            consents: {
                purpose: string;
                text: string;
            }[];
            spam: {
                /** @description Send back as token */
                token: string;
                /** @description Name of an input hidden from people that must stay empty */
                honeypot: string;
                /** @description Submissions sent sooner after the token was issued are refused */
                minSeconds: number;
                /** @description After this instant the token is refused: fetch the form again */
                expiresAt: string;
            };
        };
        FormSubmissionRecordInput: {
            id: string;
            formId: string;
            purpose: string;
            anonymous: boolean;
            /** @description For an anonymous form, the start of the UTC day only */
            submittedAt: string;
            subjectId: string | null;
            answers: {
                [key: string]: string | number | boolean;
            };
        };
        FormSubmissionPageInput: {
            submissions: components["schemas"]["FormSubmissionRecordInput"][];
            next: string | null;
        };
        LogIngestReportInput: {
            /** @description Lines stored */
            accepted: number;
            /** @description Lines not stored (blank lines are neither) */
            rejected: number;
            /** @description The first 100 rejected lines */
            rejections: {
                /** @description 1-based line number in the body */
                line: number;
                /** @description A code such as time.too_old; never the line itself */
                reason: string;
            }[];
        };
        SecurityLogEntryInput: {
            time: string;
            method: string;
            path: string;
            status: number;
            userAgent: string | null;
            /** @description The full address, or network/prefix once truncated */
            ip: string;
            ipTruncated: boolean;
        };
        SecurityLogPageInput: {
            entries: components["schemas"]["SecurityLogEntryInput"][];
            nextCursor: string | null;
        };
        OperatorInput: {
            id: string;
            email: string;
            /** @enum {string} */
            role: "admin" | "agent" | "service" | "auditor";
            lockedUntil: string | null;
            disabled: boolean;
            lastLoginAt: string | null;
        };
        SessionInput: {
            actor: string;
            /** @enum {string} */
            role: "admin" | "agent" | "service" | "auditor";
            operator: components["schemas"]["OperatorInput"] | null;
            expiresAt: string | null;
        };
        RetentionRuleReportInput: {
            rule: string;
            dataset: string | null;
            table: string;
            /** @enum {string} */
            action: "delete" | "anonymise" | "truncate_ip";
            /** @description Rows anchored before this instant are past their period */
            cutoff: string;
            /** @description Rows deleted or anonymised (in a dry run: that would be) */
            rows: number;
            /** @description Expired rows kept because rows of other tables reference them */
            blocked: number;
            /** @description Rows kept under manual legal holds (per-person rules: people) */
            held: number;
            /** @description Per-person rules: people whose purposes had all run out */
            subjects?: number;
            durationMs: number;
            error?: string;
        };
        RetentionRunInput: {
            id: string;
            /** @enum {string} */
            trigger: "schedule" | "cli" | "api";
            dryRun: boolean;
            /** @enum {string} */
            status: "running" | "ok" | "partial" | "failed";
            startedAt: string;
            finishedAt: string | null;
            actor: string;
            rules: components["schemas"]["RetentionRuleReportInput"][];
        };
        RetentionRunListInput: {
            runs: components["schemas"]["RetentionRunInput"][];
            next: string | null;
        };
        LegalHoldInput: {
            id: string;
            scope: {
                /** @constant */
                kind: "subject";
                subjectId: string;
            } | {
                /** @constant */
                kind: "record";
                dataset: string;
                table: string;
                recordKey: string;
            };
            reason: string;
            expiresAt: string | null;
            createdAt: string;
            createdBy: string;
            releasedAt: string | null;
            releasedBy: string | null;
            active: boolean;
        };
        LegalHoldListInput: {
            holds: components["schemas"]["LegalHoldInput"][];
        };
        PolicyChangeInput: {
            /** @enum {string} */
            area: "purpose" | "data_category" | "processor" | "recipient" | "country" | "transfer" | "legal_basis" | "retention" | "wording";
            /** @enum {string} */
            type: "added" | "removed" | "changed";
            /** @description Where, as ids: purposes.consent_marketing.categories */
            path: string;
            item: string;
            /** @description The value before (null when added) */
            before: unknown;
            /** @description The value after (null when removed) */
            after: unknown;
            /** @description Purposes whose processing the change touches */
            purposes: string[];
            material: boolean;
            /** @description The amendments.materialChanges flag that applies */
            rule: ("new_purpose" | "new_category" | "new_processor" | "new_country" | "longer_retention" | "changed_legal_basis") | null;
            /** @description One plain-language sentence */
            summary: string;
        };
        PolicyDiffInput: {
            /** @description Version compared from (null: nothing before) */
            from: string | null;
            to: string;
            material: boolean;
            changes: components["schemas"]["PolicyChangeInput"][];
        };
        PolicyVersionInput: {
            id: string;
            seq: number;
            /** @description The file’s `version` */
            label: string | null;
            /** @description SHA-256 of the published file’s bytes */
            contentHash: string;
            /** @description SHA-256 of the canonical policy: the consent ledger’s policy_hash */
            policyHash: string;
            previousId: string | null;
            publishedAt: string;
            publishedBy: string;
            effectiveAt: string;
            material: boolean;
            /** @description Against the previous version */
            changes: components["schemas"]["PolicyChangeInput"][];
            /** @description Emails to account holders about a material change, by delivery status */
            notices: {
                /** @enum {string} */
                state: "none" | "queuing" | "queued";
                total: number;
                pending: number;
                sent: number;
                failed: number;
            };
        };
        PolicyVersionDetailInput: {
            id: string;
            seq: number;
            /** @description The file’s `version` */
            label: string | null;
            /** @description SHA-256 of the published file’s bytes */
            contentHash: string;
            /** @description SHA-256 of the canonical policy: the consent ledger’s policy_hash */
            policyHash: string;
            previousId: string | null;
            publishedAt: string;
            publishedBy: string;
            effectiveAt: string;
            material: boolean;
            /** @description Against the previous version */
            changes: components["schemas"]["PolicyChangeInput"][];
            /** @description Emails to account holders about a material change, by delivery status */
            notices: {
                /** @enum {string} */
                state: "none" | "queuing" | "queued";
                total: number;
                pending: number;
                sent: number;
                failed: number;
            };
            yaml: string;
        };
        PolicyVersionListInput: {
            versions: components["schemas"]["PolicyVersionInput"][];
            next: string | null;
        };
        PolicyPublicationInput: {
            /** @description false: this text is already the latest version; nothing was stored */
            published: boolean;
            noticesQueued: number;
            version: components["schemas"]["PolicyVersionInput"];
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            code: string;
            requestId: string;
            errors?: {
                field: string;
                message: string;
            }[];
        };
        /**
         * @description ISO 3166-1 alpha-2 country code
         * @enum {string}
         */
        Country: "AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "YE" | "YT" | "ZA" | "ZM" | "ZW";
        SiteConsentState: {
            visitor: string;
            /** @description The current banner revision; a stored choice under another one asks again */
            revision: string;
            /** @description Per category the policy declares: true only when every consent purpose in it is given */
            choices: {
                [key: string]: boolean;
            };
            purposes: {
                id: string;
                category: string;
                /** @enum {string} */
                state: "given" | "withdrawn" | "none";
            }[];
            /** @description Ledger events this request wrote */
            recorded: number;
            gpc: {
                /** @description The request carried Sec-GPC: 1 or the page reported the signal */
                signal: boolean;
                honored: boolean;
                /** @constant */
                message?: "Opt-Out Preference Signal Honored";
            };
        };
        GpcSupport: {
            /** @constant */
            gpc: true;
            /** @description RFC 3339 full-date: the policy's "last modified" date */
            lastUpdate?: string;
        };
        ConformanceCheck: {
            id: string;
            promise: string;
            clauses: string[];
            /** @enum {string} */
            status: "pass" | "fail" | "error";
            evidence: {
                [key: string]: string | number | boolean | null | string[];
            };
            /** @description What breaks the promise; empty when it is kept */
            breaks: string[];
        };
        ConformanceReport: {
            generatedAt: string;
            policy: {
                controller: string;
                version: string | null;
                contentHash: string;
            };
            summary: {
                pass: number;
                fail: number;
                error: number;
            };
            checks: components["schemas"]["ConformanceCheck"][];
        };
        Eligibility: {
            allowed: boolean;
            purpose: string;
            reasons: {
                code: string;
                message: string;
                ref: {
                    /** @constant */
                    type: "ledger";
                    seq: number;
                } | {
                    /** @constant */
                    type: "relationship";
                    id: string;
                } | {
                    /** @constant */
                    type: "subject";
                    id: string | null;
                } | {
                    /** @constant */
                    type: "policy_version";
                    id: string;
                };
            }[];
        };
        Identity: {
            id: string;
            /** @enum {string} */
            type: "email" | "phone" | "external";
            namespace: string;
            value: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            createdAt: string;
        };
        Relationship: {
            id: string;
            kind: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            startedAt: string;
            endedAt: string | null;
            active: boolean;
            reference: string | null;
        };
        Subject: {
            id: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            updatedAt: string;
            identities: components["schemas"]["Identity"][];
            relationships: components["schemas"]["Relationship"][];
        };
        AuditEntry: {
            seq: number;
            id: string;
            /**
             * Format: date-time
             * @description RFC 3339 date-time
             */
            at: string;
            actor: string;
            action: string;
            subjectId: string | null;
            target: string | null;
            detail: {
                [key: string]: unknown;
            };
            hash: string;
        };
        ConsentEvent: {
            id: string;
            seq: number;
            subjectId: string;
            purpose: string;
            /** @enum {string} */
            action: "given" | "withdrawn" | "unsubscribed" | "objected" | "resubscribed";
            /** @enum {string} */
            channel: "web_form" | "banner" | "api" | "email_link" | "privacy_center" | "gpc_signal" | "gpc" | "support" | "import";
            occurredAt: string;
            recordedAt: string;
            policyHash: string;
            evidence: {
                formId?: string;
                noticeId?: string;
                userAgent?: string;
                ipPrefix?: string;
                language?: string;
            };
            prevHash: string;
            hash: string;
            receiptUrl: string;
        };
        AuditPage: {
            entries: components["schemas"]["AuditEntry"][];
            /** @description Pass as `before` for the next (older) page; null at the end */
            next: number | null;
        };
        PolicyView: {
            controller: string;
            version: string | null;
            contentHash: string;
            purposes: {
                id: string;
                title: string;
                /** @enum {string} */
                legalBasis: "consent" | "contract" | "legal_obligation" | "legitimate_interest" | "vital_interest" | "public_task";
                categories: string[];
                processors: string[];
                recipients: string[];
                subjects: string[];
                retention: {
                    anchor: string;
                    duration: string;
                    description: string | null;
                };
                /** @description Legal obligations that keep data after the purpose */
                legalHolds: string[];
            }[];
            /** @description The data categories the policy uses, with the ancestors of each */
            categories: {
                id: string;
                title: string;
                parent: string | null;
                /** @description GDPR Art. 9 special category */
                special: boolean;
                personal: boolean;
            }[];
            processors: {
                id: string;
                name: string;
                website: string | null;
                services: {
                    id: string;
                    title: string;
                }[];
                countries: {
                    code: string;
                    name: string;
                    /** @description In the EU/EEA or covered by an adequacy decision (GDPR Art. 45) */
                    adequate: boolean;
                }[];
                /** @description As declared; null when none is */
                transfer: {
                    /** @enum {string} */
                    mechanism: "adequacy" | "scc" | "dpf" | "bcr" | "derogation" | "none";
                    sccModule: number | null;
                    /** @description The safeguard in words */
                    description: string;
                    reference: string | null;
                } | null;
                /** @description Some country is not adequate: a safeguard is required */
                transferNeeded: boolean;
                dpa: {
                    reference: string;
                    signedAt: string | null;
                    url: string | null;
                } | null;
                purposes: string[];
            }[];
            recipients: {
                id: string;
                name: string;
                /** @description contractor, authority, affiliate or other */
                kind: string;
                categories: string[];
                countries: {
                    code: string;
                    name: string;
                    /** @description In the EU/EEA or covered by an adequacy decision (GDPR Art. 45) */
                    adequate: boolean;
                }[];
                transfer: {
                    /** @enum {string} */
                    mechanism: "adequacy" | "scc" | "dpf" | "bcr" | "derogation" | "none";
                    sccModule: number | null;
                    /** @description The safeguard in words */
                    description: string;
                    reference: string | null;
                } | null;
                purposes: string[];
            }[];
            datasets: {
                id: string;
                title: string;
                kind: string;
                tables: {
                    name: string;
                    purposes: string[];
                    fields: {
                        column: string;
                        category: string;
                    }[];
                    retention: {
                        /** @enum {string} */
                        from: "column" | "purposes";
                        anchor: string | null;
                        duration: string | null;
                    } | null;
                    legalHold: string | null;
                }[];
            }[];
        };
        ConsentStats: {
            /** @description First day counted (UTC, YYYY-MM-DD) */
            from: string;
            /** @description Last day counted, today (UTC, YYYY-MM-DD) */
            to: string;
            /** @description Every day of the window, oldest first */
            days: {
                given: number;
                withdrawn: number;
                /** @description Suppressions: one-click unsubscribes and unsubscribes recorded by the API */
                unsubscribed: number;
                /** @description Objections to direct marketing (Art. 21(2)), which suppress it too */
                objected: number;
                resubscribed: number;
                date: string;
            }[];
            totals: {
                given: number;
                withdrawn: number;
                /** @description Suppressions: one-click unsubscribes and unsubscribes recorded by the API */
                unsubscribed: number;
                /** @description Objections to direct marketing (Art. 21(2)), which suppress it too */
                objected: number;
                resubscribed: number;
            };
        };
        PublicRequest: {
            id: string;
            /** @enum {string} */
            type: "access" | "correction" | "erasure" | "objection" | "withdrawal";
            /** @enum {string} */
            state: "received" | "verified" | "in_progress" | "awaiting_approval" | "completed" | "rejected";
            receivedAt: string;
            dueAt: string;
            extended: boolean;
            extensionReason: string | null;
            closedAt: string | null;
        };
        AgentRequest: {
            id: string;
            /** @enum {string} */
            type: "access" | "correction" | "erasure" | "objection" | "withdrawal";
            /** @enum {string} */
            state: "received" | "verified" | "in_progress" | "awaiting_approval" | "completed" | "rejected";
            receivedAt: string;
            dueAt: string;
            extended: boolean;
            extensionReason: string | null;
            closedAt: string | null;
            email: string;
            subjectId: string | null;
            jurisdiction: string;
            verifiedAt: string | null;
            overdue: boolean;
            closingReason: string | null;
            details: {
                [key: string]: unknown;
            };
            result: {
                [key: string]: unknown;
            } | null;
            transitions: ("received" | "verified" | "in_progress" | "awaiting_approval" | "completed" | "rejected")[];
        };
        Disclosure: {
            id: string;
            subjectId: string;
            recipient: string;
            categories: string[];
            basis: string;
            reference: string | null;
            disclosedAt: string;
            recordedBy: string;
        };
        FormSubmission: {
            /** @description spam.token of GET /v1/forms/{formId} */
            token: string;
            /** @description Field name → answer: text, a number (rating 1–5) or a boolean (checkbox) */
            answers: {
                [key: string]: string | number | boolean;
            };
            /**
             * @description Purposes whose consent checkbox was ticked; never pre-ticked
             * @default []
             */
            consents: string[];
            /** @description The value of the hidden input named spam.honeypot: empty for people */
            honeypot?: string;
        };
        FormSubmissionAccepted: {
            message: string;
        };
        FormDefinition: {
            id: string;
            title: string;
            kind: string;
            /** @description true: no identity, IP address, user agent or cookie is stored */
            anonymous: boolean;
            purpose: {
                id: string;
                title: string;
                description: string;
            };
            /** @description Where the full privacy policy is published */
            privacyPolicy: string;
            fields: {
                name: string;
                label: string;
                /** @enum {string} */
                type: "text" | "email" | "textarea" | "select" | "checkbox" | "rating";
                required: boolean;
                maxLength: number | null;
                options: string[] | null;
                /** @description Ratings: the lowest value */
                min: number | null;
                /** @description Ratings: the highest value */
                max: number | null;
            }[];
            /** @description Optional checkboxes, shown unticked, with the wording the policy gives */
            consents: {
                purpose: string;
                text: string;
            }[];
            spam: {
                /** @description Send back as token */
                token: string;
                /** @description Name of an input hidden from people that must stay empty */
                honeypot: string;
                /** @description Submissions sent sooner after the token was issued are refused */
                minSeconds: number;
                /** @description After this instant the token is refused: fetch the form again */
                expiresAt: string;
            };
        };
        FormSubmissionRecord: {
            id: string;
            formId: string;
            purpose: string;
            anonymous: boolean;
            /** @description For an anonymous form, the start of the UTC day only */
            submittedAt: string;
            subjectId: string | null;
            answers: {
                [key: string]: string | number | boolean;
            };
        };
        FormSubmissionPage: {
            submissions: components["schemas"]["FormSubmissionRecord"][];
            next: string | null;
        };
        LogIngestReport: {
            /** @description Lines stored */
            accepted: number;
            /** @description Lines not stored (blank lines are neither) */
            rejected: number;
            /** @description The first 100 rejected lines */
            rejections: {
                /** @description 1-based line number in the body */
                line: number;
                /** @description A code such as time.too_old; never the line itself */
                reason: string;
            }[];
        };
        SecurityLogEntry: {
            time: string;
            method: string;
            path: string;
            status: number;
            userAgent: string | null;
            /** @description The full address, or network/prefix once truncated */
            ip: string;
            ipTruncated: boolean;
        };
        SecurityLogPage: {
            entries: components["schemas"]["SecurityLogEntry"][];
            nextCursor: string | null;
        };
        Operator: {
            id: string;
            email: string;
            /** @enum {string} */
            role: "admin" | "agent" | "service" | "auditor";
            lockedUntil: string | null;
            disabled: boolean;
            lastLoginAt: string | null;
        };
        Session: {
            actor: string;
            /** @enum {string} */
            role: "admin" | "agent" | "service" | "auditor";
            operator: components["schemas"]["Operator"] | null;
            expiresAt: string | null;
        };
        RetentionRuleReport: {
            rule: string;
            dataset: string | null;
            table: string;
            /** @enum {string} */
            action: "delete" | "anonymise" | "truncate_ip";
            /** @description Rows anchored before this instant are past their period */
            cutoff: string;
            /** @description Rows deleted or anonymised (in a dry run: that would be) */
            rows: number;
            /** @description Expired rows kept because rows of other tables reference them */
            blocked: number;
            /** @description Rows kept under manual legal holds (per-person rules: people) */
            held: number;
            /** @description Per-person rules: people whose purposes had all run out */
            subjects?: number;
            durationMs: number;
            error?: string;
        };
        RetentionRun: {
            id: string;
            /** @enum {string} */
            trigger: "schedule" | "cli" | "api";
            dryRun: boolean;
            /** @enum {string} */
            status: "running" | "ok" | "partial" | "failed";
            startedAt: string;
            finishedAt: string | null;
            actor: string;
            rules: components["schemas"]["RetentionRuleReport"][];
        };
        RetentionRunList: {
            runs: components["schemas"]["RetentionRun"][];
            next: string | null;
        };
        LegalHold: {
            id: string;
            scope: {
                /** @constant */
                kind: "subject";
                subjectId: string;
            } | {
                /** @constant */
                kind: "record";
                dataset: string;
                table: string;
                recordKey: string;
            };
            reason: string;
            expiresAt: string | null;
            createdAt: string;
            createdBy: string;
            releasedAt: string | null;
            releasedBy: string | null;
            active: boolean;
        };
        LegalHoldList: {
            holds: components["schemas"]["LegalHold"][];
        };
        PolicyChange: {
            /** @enum {string} */
            area: "purpose" | "data_category" | "processor" | "recipient" | "country" | "transfer" | "legal_basis" | "retention" | "wording";
            /** @enum {string} */
            type: "added" | "removed" | "changed";
            /** @description Where, as ids: purposes.consent_marketing.categories */
            path: string;
            item: string;
            /** @description The value before (null when added) */
            before: unknown;
            /** @description The value after (null when removed) */
            after: unknown;
            /** @description Purposes whose processing the change touches */
            purposes: string[];
            material: boolean;
            /** @description The amendments.materialChanges flag that applies */
            rule: ("new_purpose" | "new_category" | "new_processor" | "new_country" | "longer_retention" | "changed_legal_basis") | null;
            /** @description One plain-language sentence */
            summary: string;
        };
        PolicyDiff: {
            /** @description Version compared from (null: nothing before) */
            from: string | null;
            to: string;
            material: boolean;
            changes: components["schemas"]["PolicyChange"][];
        };
        PolicyVersion: {
            id: string;
            seq: number;
            /** @description The file’s `version` */
            label: string | null;
            /** @description SHA-256 of the published file’s bytes */
            contentHash: string;
            /** @description SHA-256 of the canonical policy: the consent ledger’s policy_hash */
            policyHash: string;
            previousId: string | null;
            publishedAt: string;
            publishedBy: string;
            effectiveAt: string;
            material: boolean;
            /** @description Against the previous version */
            changes: components["schemas"]["PolicyChange"][];
            /** @description Emails to account holders about a material change, by delivery status */
            notices: {
                /** @enum {string} */
                state: "none" | "queuing" | "queued";
                total: number;
                pending: number;
                sent: number;
                failed: number;
            };
        };
        PolicyVersionDetail: {
            id: string;
            seq: number;
            /** @description The file’s `version` */
            label: string | null;
            /** @description SHA-256 of the published file’s bytes */
            contentHash: string;
            /** @description SHA-256 of the canonical policy: the consent ledger’s policy_hash */
            policyHash: string;
            previousId: string | null;
            publishedAt: string;
            publishedBy: string;
            effectiveAt: string;
            material: boolean;
            /** @description Against the previous version */
            changes: components["schemas"]["PolicyChange"][];
            /** @description Emails to account holders about a material change, by delivery status */
            notices: {
                /** @enum {string} */
                state: "none" | "queuing" | "queued";
                total: number;
                pending: number;
                sent: number;
                failed: number;
            };
            yaml: string;
        };
        PolicyVersionList: {
            versions: components["schemas"]["PolicyVersion"][];
            next: string | null;
        };
        PolicyPublication: {
            /** @description false: this text is already the latest version; nothing was stored */
            published: boolean;
            noticesQueued: number;
            version: components["schemas"]["PolicyVersion"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    upsertSubject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identities: {
                        /** @enum {string} */
                        type: "email" | "phone" | "external";
                        value: string;
                        /** @description For external ids: the system that issued it */
                        namespace?: string;
                    }[];
                    relationships?: {
                        /** @description A subject kind of the policy: customer, prospect, vendor, partner, … */
                        kind: string;
                        /**
                         * Format: date-time
                         * @description RFC 3339 date-time
                         */
                        startedAt?: string;
                        /**
                         * Format: date-time
                         * @description RFC 3339 date-time
                         */
                        endedAt?: string;
                        /** @description Your own id of the contract or account */
                        reference?: string;
                    }[];
                    /** @description ISO 3166-1 alpha-2, for phone numbers without + */
                    defaultCountry?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lookupSubject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity: {
                        /** @enum {string} */
                        type: "email" | "phone" | "external";
                        value: string;
                        /** @description For external ids: the system that issued it */
                        namespace?: string;
                    };
                    defaultCountry?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSubject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    linkIdentities: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identities: {
                        /** @enum {string} */
                        type: "email" | "phone" | "external";
                        value: string;
                        /** @description For external ids: the system that issued it */
                        namespace?: string;
                    }[];
                    defaultCountry?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startRelationship: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A subject kind of the policy: customer, prospect, vendor, partner, … */
                    kind: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339 date-time
                     */
                    startedAt?: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339 date-time
                     */
                    endedAt?: string;
                    /** @description Your own id of the contract or account */
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    endRelationship: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                relationshipId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description RFC 3339 date-time
                     */
                    endedAt?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subject"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubjectAudit: {
        parameters: {
            query?: {
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: components["schemas"]["AuditEntry"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPolicyView: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyView"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchAudit: {
        parameters: {
            query?: {
                /** @description Entries at or after this instant */
                from?: string;
                /** @description Entries before this instant */
                to?: string;
                /** @description Exactly this actor, e.g. operator:opr_… or key:key_… */
                actor?: string;
                /** @description An exact action, or a prefix ending in * (consent.*) */
                action?: string;
                subjectId?: string;
                limit?: number;
                /** @description The `next` of the previous page */
                before?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPrivacyPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getProcessorsPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getProcessorsJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getPrivacyPolicyMarkdown: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getPolicyVersionsPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getPolicyVersionPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getProcessorsFeed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listPolicyVersions: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Versions older than this one (the `next` of the previous page) */
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyVersionList"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishPolicyVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The policy file, as text */
                    yaml: string;
                    /** @description When it takes effect (a date is 00:00 UTC); default: now, or after the notice period for a material change */
                    effectiveAt?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyPublication"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyPublication"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPolicyVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyVersionDetail"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    diffPolicyVersions: {
        parameters: {
            query?: {
                /** @description Compare with this version; default: the one before */
                from?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyDiff"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The subject by id, or by an identity (created on first consent given) */
                    subject: {
                        subjectId: string;
                    } | {
                        identity: {
                            /** @enum {string} */
                            type: "email" | "phone" | "external";
                            value: string;
                            /** @description For external ids: the system that issued it */
                            namespace?: string;
                        };
                    };
                    purpose: string;
                    /** @enum {string} */
                    action: "given" | "withdrawn";
                    /** @enum {string} */
                    channel: "web_form" | "banner" | "api" | "email_link" | "privacy_center" | "gpc_signal" | "gpc" | "support" | "import";
                    /**
                     * Format: date-time
                     * @description When the person acted; default now
                     */
                    occurredAt?: string;
                    /** @default {} */
                    evidence?: {
                        formId?: string;
                        noticeId?: string;
                        /** @description Content hash of the policy version shown; default the current one */
                        policyHash?: string;
                        userAgent?: string;
                        /** @description Truncated to /24 or /48 before storage; the full address is never kept */
                        ip?: string;
                        language?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentEvent"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConsentReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubjectConsents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["ConsentEvent"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkEligibility: {
        parameters: {
            query: {
                email: string;
                purpose: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Eligibility"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkEligibilityBatch: {
        parameters: {
            query: {
                purpose: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUnsubscribeLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subject: {
                        subjectId: string;
                    } | {
                        identity: {
                            /** @enum {string} */
                            type: "email" | "phone" | "external";
                            value: string;
                            /** @description For external ids: the system that issued it */
                            namespace?: string;
                        };
                    };
                    /** @description Omit for all marketing */
                    purpose?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        headers: {
                            "List-Unsubscribe": string;
                            /** @enum {string} */
                            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click";
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConsentScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getGpcSupport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GpcSupport"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRequests: {
        parameters: {
            query?: {
                state?: "open" | "all";
                overdue?: "true" | "false";
                limit?: number;
                /** @description Only this person's requests */
                subjectId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        requests: components["schemas"]["AgentRequest"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    type: "access" | "correction" | "erasure" | "objection" | "withdrawal";
                    email: string;
                    /** @description Which law the request is made under; default the first the policy serves */
                    jurisdiction?: string;
                    details?: {
                        corrections?: {
                            field: string;
                            value: string;
                            note?: string;
                        }[];
                        purposes?: string[];
                        message?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        message: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        request: components["schemas"]["PublicRequest"];
                        statusToken: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRequestStatus: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicRequest"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRequest"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    transitionRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    to: "in_progress" | "completed" | "rejected";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRequest"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    extendRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRequest"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    executeRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRequest"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveCorrections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    changes: {
                        dataset: string;
                        table: string;
                        pk: string | number;
                        column: string;
                        value: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentRequest"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordDisclosure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subjectId: string;
                    /** @description A recipient or processor id of the policy */
                    recipient: string;
                    categories: string[];
                    /** @description Why it was disclosed: the law, order or contract */
                    basis: string;
                    reference?: string;
                    /** Format: date-time */
                    disclosedAt?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disclosure"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubjectDisclosures: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        disclosures: components["schemas"]["Disclosure"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchSecurityLogs: {
        parameters: {
            query?: {
                /** @description Requests at or after this instant */
                from?: string;
                /** @description Requests before this instant */
                to?: string;
                /** @description An address or a CIDR prefix; truncated addresses match when their network overlaps it */
                ip?: string;
                /** @description An exact path, or a prefix ending in *; any query string is ignored */
                path?: string;
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityLogPage"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ingestSecurityLogs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogIngestReport"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRetentionRuns: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Runs older than this one (the `next` of the previous page) */
                before?: string;
                dryRun?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionRunList"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runRetentionSweep: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Count what would be swept; change nothing
                     * @default false
                     */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionRun"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRetentionRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionRun"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLegalHolds: {
        parameters: {
            query?: {
                active?: "true" | "false";
                subjectId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegalHoldList"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createLegalHold: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Hold everything of this person */
                    subjectId?: string;
                    /** @description Hold one row of a company store */
                    record?: {
                        /** @description Dataset id of the policy */
                        dataset: string;
                        /** @description Table of that dataset */
                        table: string;
                        /** @description The row's primary key */
                        key: string;
                    };
                    /** @description Why the data must be kept (litigation, an order…) */
                    reason: string;
                    /**
                     * Format: date-time
                     * @description When the hold ends; absent: until released
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegalHold"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    releaseLegalHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegalHold"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConformance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConformanceReport"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConsentStats: {
        parameters: {
            query?: {
                /** @description How many UTC days, ending today, to count */
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentStats"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    showUnsubscribePage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    unsubscribeOneClick: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    recordSiteConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Pseudonymous visitor id: random, kept in the first-party steward_consent cookie */
                    visitor: string;
                    /** @description The banner revision the visitor saw; a stale one may withdraw, never give */
                    revision?: string;
                    /** @description Per category: true = consent given, false = refused or withdrawn; absent = no choice (read the state) */
                    choices?: {
                        functional?: boolean;
                        analytics?: boolean;
                        heatmaps?: boolean;
                        session_replay?: boolean;
                        advertising?: boolean;
                    };
                    /**
                     * @description navigator.globalPrivacyControl was true in the page (the Sec-GPC: 1 header counts too)
                     * @default false
                     */
                    gpc?: boolean;
                    /**
                     * @description The visitor switched a sale/share/advertising category on by hand after being told of their signal
                     * @default false
                     */
                    gpcOptIn?: boolean;
                    language?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteConsentState"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getForm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                formId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FormDefinition"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFormSubmissions: {
        parameters: {
            query?: {
                limit?: number;
                /** @description next of the previous page */
                before?: string;
            };
            header?: never;
            path: {
                formId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FormSubmissionPage"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitForm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                formId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FormSubmissionInput"];
                "application/x-www-form-urlencoded": components["schemas"]["FormSubmissionInput"];
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FormSubmissionAccepted"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
