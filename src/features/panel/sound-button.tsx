/** Silence the sound (separate from acknowledging), or enable it when the browser still blocks audio. */
export function SoundButton({ sounding, locked, silence }: { sounding: boolean; locked: boolean; silence: () => void }) {
  const label = locked ? 'Sound off' : sounding ? 'Silence' : 'Sound on';
  return (
    <button type="button" onClick={locked ? undefined : silence} data-testid="sound-button" data-sounding={sounding || undefined}
      className={`inline-flex min-h-touch min-w-touch shrink-0 items-center justify-center gap-2 rounded-md px-4 text-lg font-bold ${sounding && !locked ? 'bg-ink-inverse text-ink ring-4 ring-ink-inverse' : 'bg-ink-muted text-ink-inverse'} active:bg-ink`}>
      <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
        <path d="M3 9v6h4l5 5V4L7 9H3z" />
        {locked ? <path d="M16 8l6 8M22 8l-6 8" stroke="currentColor" strokeWidth="2" /> : <path d="M16 7a6 6 0 0 1 0 10M19 4a10 10 0 0 1 0 16" stroke="currentColor" strokeWidth="2" fill="none" />}
      </svg>
      <span className="short:sr-only">{label}</span>
      {locked && <span className="hidden lg:inline">· tap to enable</span>}
    </button>
  );
}
