/**
 * Art. 16 review: the person asked for corrections in their own words; the agent says where each one goes
 * (store, table, record, column, from the policy's declared columns) and approves. The server checks every
 * change before writing any, so a refused change leaves the request waiting as it was.
 */
import { type FormEvent, useId, useState } from 'react';
import { api, type Schemas } from '../api/client.js';
import { text } from '../text.js';
import { Loaded, useLoad } from '../ui.js';
import { ChoiceField } from './ChoiceField.js';
import { attempt } from './explain.js';

type AgentRequest = Schemas['AgentRequest'];
type Dataset = Schemas['PolicyView']['datasets'][number];

interface Change {
  dataset: string;
  table: string;
  key: string;
  column: string;
  value: string;
}

const t = text.requestDetail.approve;
const MAX_CHANGES = 100;

function asked(request: AgentRequest): { field: string; value: string }[] {
  const list = request.details.corrections;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) =>
    typeof c === 'object' && c !== null && typeof c.field === 'string' && typeof c.value === 'string'
      ? [{ field: c.field, value: c.value }]
      : [],
  );
}

function ChangeFields({
  index,
  change,
  datasets,
  onChange,
  onRemove,
}: {
  index: number;
  change: Change;
  datasets: readonly Dataset[];
  onChange: (next: Change) => void;
  onRemove: (() => void) | null;
}) {
  const id = useId();
  const tables = datasets.find((d) => d.id === change.dataset)?.tables ?? [];
  const columns = tables.find((tb) => tb.name === change.table)?.fields ?? [];
  return (
    <fieldset className="fix-change">
      <legend>{t.legend(index + 1)}</legend>
      <div className="field-grid">
        <ChoiceField
          id={`${id}-d`}
          label={t.dataset}
          required
          value={change.dataset}
          placeholder={t.choose}
          options={datasets.map((d) => ({ value: d.id, label: d.title }))}
          onChange={(dataset) => onChange({ ...change, dataset, table: '', column: '' })}
        />
        <ChoiceField
          id={`${id}-t`}
          label={t.table}
          required
          value={change.table}
          placeholder={t.choose}
          options={tables.map((tb) => ({ value: tb.name, label: tb.name }))}
          onChange={(table) => onChange({ ...change, table, column: '' })}
        />
        <div>
          <label htmlFor={`${id}-k`}>{t.key}</label>
          <input
            id={`${id}-k`}
            required
            maxLength={200}
            value={change.key}
            onChange={(e) => onChange({ ...change, key: e.target.value })}
          />
        </div>
        <ChoiceField
          id={`${id}-c`}
          label={t.column}
          required
          value={change.column}
          placeholder={t.choose}
          options={columns.map((f) => ({ value: f.column, label: `${f.column} (${f.category})` }))}
          onChange={(column) => onChange({ ...change, column })}
        />
        <div className="field-wide">
          <label htmlFor={`${id}-v`}>{t.value}</label>
          <input
            id={`${id}-v`}
            maxLength={4000}
            value={change.value}
            onChange={(e) => onChange({ ...change, value: e.target.value })}
          />
        </div>
      </div>
      {onRemove && (
        <button type="button" className="secondary btn-small" onClick={onRemove}>
          {t.remove(index + 1)}
        </button>
      )}
    </fieldset>
  );
}

export function CorrectionApproval({
  request,
  onDone,
}: {
  request: AgentRequest;
  onDone: (updated: AgentRequest, message: string) => void;
}) {
  const [policy] = useLoad(() => api.GET('/v1/policy'));
  const [changes, setChanges] = useState<Change[]>(() => {
    const initial = asked(request).map((a) => ({
      dataset: '',
      table: '',
      key: '',
      column: '',
      value: a.value,
    }));
    return initial.length > 0 ? initial : [{ dataset: '', table: '', key: '', column: '', value: '' }];
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (changes.some((c) => !c.dataset || !c.table || !c.key.trim() || !c.column)) {
      setFailure(t.incomplete);
      return;
    }
    setBusy(true);
    setFailure(null);
    const { data, failure: why } = await attempt(
      api.POST('/v1/requests/{id}/corrections/approve', {
        params: { path: { id: request.id } },
        body: {
          changes: changes.map((c) => ({
            dataset: c.dataset,
            table: c.table,
            pk: c.key.trim(),
            column: c.column,
            value: c.value,
          })),
        },
      }),
    );
    setBusy(false);
    if (data) onDone(data, t.done);
    else setFailure(why);
  };
  return (
    <section className="action-box action-box-wide" aria-labelledby="approve-title">
      <h3 id="approve-title">{t.title}</h3>
      <p className="muted">{t.hint}</p>
      <Loaded load={policy}>
        {({ datasets }) => (
          <form onSubmit={submit} noValidate>
            {changes.map((change, i) => (
              <ChangeFields
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                key={i}
                index={i}
                change={change}
                datasets={datasets}
                onChange={(next) => setChanges(changes.map((c, j) => (j === i ? next : c)))}
                onRemove={changes.length > 1 ? () => setChanges(changes.filter((_, j) => j !== i)) : null}
              />
            ))}
            {failure && (
              <p className="error" role="alert">
                {failure}
              </p>
            )}
            <div className="button-row">
              {changes.length < MAX_CHANGES && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    setChanges([...changes, { dataset: '', table: '', key: '', column: '', value: '' }])
                  }
                >
                  {t.add}
                </button>
              )}
              <button type="submit" disabled={busy}>
                {busy ? t.busy : t.submit}
              </button>
            </div>
          </form>
        )}
      </Loaded>
    </section>
  );
}
