/**
 * Find a person by an identity. The identity goes in the request body (`POST /v1/subjects/lookup`) and
 * stays in this page's memory: never in the URL, so it reaches no access log or browser history.
 */
import { type FormEvent, useState } from 'react';
import { api, describeProblem, type Schemas } from '../api/client.js';
import { Link, useRoute } from '../router.js';
import { text } from '../text.js';
import { Badge, formatDate, Page } from '../ui.js';

type IdentityType = Schemas['Identity']['type'];
type Outcome =
  | { readonly state: 'idle' }
  | { readonly state: 'busy' }
  | { readonly state: 'found'; readonly subject: Schemas['Subject'] }
  | { readonly state: 'none' }
  | { readonly state: 'error'; readonly message: string };

const t = text.subjects;
const SUBJECT_ID = /^sub_[0-9a-z]{26}$/;

function Result({ subject }: { subject: Schemas['Subject'] }) {
  return (
    <article className="subject-result" aria-labelledby={`result-${subject.id}`}>
      <h3 id={`result-${subject.id}`}>
        <Link to={`/subjects/${subject.id}`}>{t.open(subject.id)}</Link>
      </h3>
      <ul className="identity-list">
        {subject.identities.map((i) => (
          <li key={i.id}>
            <span className="muted">{t.types[i.type]}</span> {i.value}
            {i.type === 'external' && <span className="muted"> ({i.namespace})</span>}
          </li>
        ))}
      </ul>
      <p className="muted">
        {subject.relationships.length === 0
          ? t.noRelationships
          : subject.relationships.map((r) => (
              <span key={r.id} className="rel-chip">
                {r.kind} <Badge tone={r.active ? 'ok' : 'neutral'}>{r.active ? t.active : t.ended}</Badge>
              </span>
            ))}
      </p>
      <p className="muted">{t.created(formatDate(subject.createdAt))}</p>
    </article>
  );
}

export function Subjects() {
  const { navigate } = useRoute();
  const [type, setType] = useState<IdentityType>('email');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const [idError, setIdError] = useState<string | null>(null);

  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = String(form.get('value') ?? '').trim();
    if (!value) return setOutcome({ state: 'error', message: t.valueMissing });
    const namespace = String(form.get('namespace') ?? '').trim();
    const country = String(form.get('country') ?? '').trim();
    setOutcome({ state: 'busy' });
    const { data, error, response } = await api.POST('/v1/subjects/lookup', {
      body: {
        identity: { type, value, ...(type === 'external' && namespace ? { namespace } : {}) },
        ...(type === 'phone' && country ? { defaultCountry: country.toUpperCase() } : {}),
      },
    });
    if (data) setOutcome({ state: 'found', subject: data });
    else if (response.status === 404) setOutcome({ state: 'none' });
    else if (response.status === 403) setOutcome({ state: 'error', message: text.forbidden });
    else setOutcome({ state: 'error', message: describeProblem(error) });
  };

  const openById = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = String(new FormData(event.currentTarget).get('subjectId') ?? '').trim();
    if (!SUBJECT_ID.test(id)) return setIdError(t.idInvalid);
    setIdError(null);
    navigate(`/subjects/${id}`);
  };

  return (
    <Page title={text.nav.subjects}>
      <p className="muted lead">{t.intro}</p>
      <form className="panel-form" onSubmit={search} aria-labelledby="subject-search-title" noValidate>
        <h2 id="subject-search-title">{t.searchTitle}</h2>
        <fieldset className="choice-row">
          <legend>{t.typeLabel}</legend>
          {(['email', 'phone', 'external'] as const).map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name="type"
                value={value}
                checked={type === value}
                onChange={() => setType(value)}
              />
              {t.types[value]}
            </label>
          ))}
        </fieldset>
        <label htmlFor="subject-value">{t.valueLabel[type]}</label>
        <input
          id="subject-value"
          name="value"
          type={type === 'email' ? 'email' : type === 'phone' ? 'tel' : 'text'}
          autoComplete="off"
          maxLength={320}
          required
        />
        {type === 'external' && (
          <>
            <label htmlFor="subject-namespace">{t.namespaceLabel}</label>
            <input
              id="subject-namespace"
              name="namespace"
              maxLength={64}
              placeholder={t.examples.namespace}
            />
          </>
        )}
        {type === 'phone' && (
          <>
            <label htmlFor="subject-country">{t.countryLabel}</label>
            <input
              id="subject-country"
              name="country"
              maxLength={2}
              className="input-short"
              aria-describedby="subject-country-hint"
            />
            <p id="subject-country-hint" className="field-hint">
              {t.countryHint}
            </p>
          </>
        )}
        <div className="form-actions">
          <button type="submit" disabled={outcome.state === 'busy'}>
            {outcome.state === 'busy' ? t.searching : t.search}
          </button>
        </div>
      </form>

      <section aria-labelledby="subject-results-title" className="results">
        <h2 id="subject-results-title">{t.resultsTitle}</h2>
        <div role="status" aria-live="polite">
          {outcome.state === 'idle' && <p className="muted">{t.idle}</p>}
          {outcome.state === 'busy' && <p className="muted">{text.loading}</p>}
          {outcome.state === 'none' && <p>{t.none}</p>}
          {outcome.state === 'found' && <p className="muted">{t.oneFound}</p>}
        </div>
        {outcome.state === 'error' && (
          <p className="error" role="alert">
            {outcome.message}
          </p>
        )}
        {outcome.state === 'found' && <Result subject={outcome.subject} />}
      </section>

      <form className="panel-form" onSubmit={openById} aria-labelledby="subject-id-title" noValidate>
        <h2 id="subject-id-title">{t.byIdTitle}</h2>
        <label htmlFor="subject-id">{t.idLabel}</label>
        <input
          id="subject-id"
          name="subjectId"
          autoComplete="off"
          maxLength={64}
          placeholder={t.examples.subjectId}
          aria-invalid={idError ? true : undefined}
          aria-describedby={idError ? 'subject-id-error' : undefined}
        />
        {idError && (
          <p id="subject-id-error" className="error" role="alert">
            {idError}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="secondary">
            {t.openById}
          </button>
        </div>
      </form>
    </Page>
  );
}
