import { useId } from 'react';
import { fromLocalInput, RANGE_PRESETS, toLocalInput, type RangeChoice, type RangePreset } from './time-range.ts';

/** Preset ranges (moving with now) or a custom from/to, as one compact control row. */
export function RangePicker({ value, onChange, now }: { value: RangeChoice; onChange: (c: RangeChoice) => void; now: number }) {
  const id = useId();
  const from = value.from ?? now - 3_600_000;
  const to = value.to ?? now;
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-semibold">Range</label>
      <select id={id} value={value.preset} className="h-8 rounded border border-edge bg-white px-2"
        onChange={(e) => {
          const preset = e.target.value as RangePreset;
          onChange(preset === 'custom' ? { preset, from, to } : { preset });
        }}>
        {Object.entries(RANGE_PRESETS).map(([k, p]) => <option key={k} value={k}>{p.label}</option>)}
        <option value="custom">Custom…</option>
      </select>
      {value.preset === 'custom' && (
        <>
          <input type="datetime-local" aria-label="From" value={toLocalInput(from)} className="h-8 rounded border border-edge bg-white px-1"
            onChange={(e) => onChange({ ...value, from: fromLocalInput(e.target.value) ?? from })} />
          <span aria-hidden="true">–</span>
          <input type="datetime-local" aria-label="To" value={toLocalInput(to)} className="h-8 rounded border border-edge bg-white px-1"
            onChange={(e) => onChange({ ...value, to: fromLocalInput(e.target.value) ?? to })} />
        </>
      )}
    </div>
  );
}
