/** A pattern of tones per priority: critical is faster and higher than high. */
export type Urgency = 'critical' | 'high';

const PATTERN: Record<Urgency, { freq: number; beepMs: number; gapMs: number; repeatMs: number; beeps: number }> = {
  critical: { freq: 988, beepMs: 160, gapMs: 90, repeatMs: 1500, beeps: 3 },
  high: { freq: 740, beepMs: 250, gapMs: 150, repeatMs: 3000, beeps: 2 },
};

/**
 * The annunciator's sound (Web Audio, no files). Browsers start audio only after a touch, so
 * `unlock()` is called from the first pointer event; until then `locked` is true.
 */
export class AlarmSound {
  private ctx: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private urgency: Urgency | null = null;

  get locked(): boolean {
    return !this.ctx || this.ctx.state !== 'running';
  }

  async unlock(): Promise<boolean> {
    if (typeof AudioContext === 'undefined') return false;
    this.ctx ??= new AudioContext();
    if (this.ctx.state !== 'running') await this.ctx.resume().catch(() => undefined);
    return this.ctx.state === 'running';
  }

  private beepOnce(u: Urgency) {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    const p = PATTERN[u];
    for (let i = 0; i < p.beeps; i++) {
      const t = ctx.currentTime + (i * (p.beepMs + p.gapMs)) / 1000;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = p.freq;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.25, t + 0.01);
      gain.gain.setValueAtTime(0.25, t + p.beepMs / 1000 - 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + p.beepMs / 1000);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + p.beepMs / 1000 + 0.01);
    }
  }

  /** Sounds `u` repeatedly until `stop()`; a change of urgency restarts the pattern. */
  play(u: Urgency) {
    if (this.urgency === u && this.timer) return;
    this.stop();
    this.urgency = u;
    this.beepOnce(u);
    this.timer = setInterval(() => this.beepOnce(u), PATTERN[u].repeatMs);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.urgency = null;
  }
}
