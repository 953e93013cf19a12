import { useId, useMemo } from 'react';
import { applyEdits, modify, parse, type JSONPath } from 'jsonc-parser';
import {
  DEFAULT_LLM_PROVIDER,
  LLM_PROVIDER_BASE_URLS,
  LLM_PROVIDER_LABELS,
  LLM_PROVIDERS,
  WELL_KNOWN_BASE_URLS,
  type LlmProvider,
} from '../../core/ports/llmProviders';
import { listPricesOf, type TokenPrices } from '../../core/kinds/llm/llmPriceList';

export interface LlmProviderPanelProps {
  /** The model's JSON-with-comments text, as the editor holds it. */
  draft: string;
  /** Replaces the text; comments and layout outside the edited fields are kept. */
  onEdit: (text: string) => void;
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2 } };
const isProvider = (value: unknown): value is LlmProvider => LLM_PROVIDERS.includes(value as LlmProvider);
const asPrice = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Reads what the panel shows from the draft, tolerating a half-typed document. */
function readDraft(draft: string): {
  provider: LlmProvider;
  baseUrl: string;
  model: string;
  pricing: Partial<TokenPrices>;
} {
  const value: unknown = parse(draft, [], { allowTrailingComma: true });
  const doc = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const pricing = doc.pricing && typeof doc.pricing === 'object' ? (doc.pricing as Record<string, unknown>) : {};
  const input = asPrice(pricing.inputPerMTok);
  const output = asPrice(pricing.outputPerMTok);
  return {
    provider: isProvider(doc.provider) ? doc.provider : DEFAULT_LLM_PROVIDER,
    baseUrl: typeof doc.baseUrl === 'string' ? doc.baseUrl : '',
    model: typeof doc.model === 'string' ? doc.model : '',
    pricing: {
      ...(input !== undefined ? { inputPerMTok: input } : {}),
      ...(output !== undefined ? { outputPerMTok: output } : {}),
    },
  };
}

function setFields(draft: string, fields: Array<[JSONPath, unknown]>): string {
  let text = draft;
  for (const [path, value] of fields) text = applyEdits(text, modify(text, path, value, FORMAT));
  return text;
}

const dollars = (n: number) => `$${n}`;

/**
 * A price typed freely and written to the document when the person leaves the field or presses
 * Enter: writing on every keystroke would turn a half-typed "0." into 0 under their cursor.
 */
function PriceInput({ label, value, onCommit }: { label: string; value: number; onCommit: (text: string) => void }) {
  return (
    <input
      key={value}
      type="number"
      min={0}
      step="any"
      aria-label={label}
      defaultValue={value}
      onBlur={(e) => onCommit(e.target.value)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        onCommit(e.currentTarget.value);
      }}
    />
  );
}

/**
 * The LLM model editor's provider picker and price table. Both edit the definition's own fields
 * (`provider`, `baseUrl`, `pricing`), so what is saved is what the document says, and metering reads
 * `pricing` as it always has. Picking a provider moves a well-known base URL (another provider's
 * public default) to the new one's; a URL a person typed is theirs and stays.
 */
export function LlmProviderPanel({ draft, onEdit }: LlmProviderPanelProps) {
  const providerId = useId();
  const current = useMemo(() => readDraft(draft), [draft]);
  const listed = listPricesOf(current.provider);

  const pickProvider = (provider: LlmProvider) => {
    const moveUrl = current.baseUrl === '' || WELL_KNOWN_BASE_URLS.includes(current.baseUrl);
    onEdit(
      setFields(draft, [
        [['provider'], provider],
        ...(moveUrl ? [[['baseUrl'], LLM_PROVIDER_BASE_URLS[provider]] as [JSONPath, unknown]] : []),
      ]),
    );
  };
  const setPrice = (field: keyof TokenPrices, text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0) return;
    onEdit(
      setFields(draft, [
        [['pricing', 'inputPerMTok'], current.pricing.inputPerMTok ?? 0],
        [['pricing', 'outputPerMTok'], current.pricing.outputPerMTok ?? 0],
        [['pricing', field], value],
      ]),
    );
  };
  const takeListPrices = (prices: TokenPrices) =>
    onEdit(
      setFields(draft, [
        [['pricing', 'inputPerMTok'], prices.inputPerMTok],
        [['pricing', 'outputPerMTok'], prices.outputPerMTok],
      ]),
    );

  return (
    <section className="llm-provider-panel" aria-label="Provider and prices">
      <div className="llm-provider-panel__row">
        <label htmlFor={providerId}>Provider</label>
        <select id={providerId} value={current.provider} onChange={(e) => pickProvider(e.target.value as LlmProvider)}>
          {LLM_PROVIDERS.map((provider) => (
            <option key={provider} value={provider}>
              {LLM_PROVIDER_LABELS[provider]}
            </option>
          ))}
        </select>
        <span className="llm-provider-panel__url" title="baseUrl">
          {current.baseUrl}
        </span>
      </div>
      <table className="llm-provider-panel__prices" aria-label="Price table">
        <caption>US dollars per million tokens; runs meter and cap spend with this model’s row.</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Input</th>
            <th scope="col">Output</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="llm-provider-panel__own">
            <th scope="row">
              {current.model || 'unnamed'}
              <small>this model</small>
            </th>
            <td>
              <PriceInput
                label="Input price per million tokens"
                value={current.pricing.inputPerMTok ?? 0}
                onCommit={(text) => setPrice('inputPerMTok', text)}
              />
            </td>
            <td>
              <PriceInput
                label="Output price per million tokens"
                value={current.pricing.outputPerMTok ?? 0}
                onCommit={(text) => setPrice('outputPerMTok', text)}
              />
            </td>
            <td />
          </tr>
          {listed.map((price) => (
            <tr key={price.model}>
              <th scope="row">{price.model}</th>
              <td>{dollars(price.inputPerMTok)}</td>
              <td>{dollars(price.outputPerMTok)}</td>
              <td>
                <button
                  type="button"
                  aria-label={`Use the list prices of ${price.model}`}
                  onClick={() => takeListPrices(price)}
                >
                  Use
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
