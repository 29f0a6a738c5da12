import { admit, FailureLimiter, type Admission } from './rate-limit.ts';

/** How many failures each limit allows (the windows are fixed: see the comments on SignInLimits). */
export interface SignInLimitConfig {
  /** Wrong passwords for one account from one address per 5 minutes. */
  loginPerAccountAddress: number;
  /** Failed sign-ins (passwords and panel tokens, any account) from one address per 5 minutes. */
  loginPerAddress: number;
  /** Wrong passwords for one account from all addresses per 15 minutes. */
  loginPerAccount: number;
  /** Wrong PINs for one badge on one panel per 5 minutes. */
  pinPerBadge: number;
  /** Wrong PINs on one panel, all badges, per 5 minutes. */
  pinPerPanel: number;
}

export const SIGN_IN_LIMIT_DEFAULTS: SignInLimitConfig = { loginPerAccountAddress: 5, loginPerAddress: 20, loginPerAccount: 50, pinPerBadge: 5, pinPerPanel: 20 };

const MIN = 60_000;
const KNOWN_PAIRS = 10_000;

/**
 * The sign-in limits of one relay. Each attempt is admitted (holding a place) before its slow hash
 * runs. Limits are per account and address, so a stranger's guesses do not lock the owner out from
 * elsewhere; per address, across accounts; and per account from everywhere, which slows guessing
 * from many addresses without locking the owner out of an address they have signed in from before.
 * A success resets only its own account and address. PINs: per badge on a panel, and per panel.
 */
export class SignInLimits {
  private readonly pair: FailureLimiter;
  private readonly address: FailureLimiter;
  private readonly account: FailureLimiter;
  private readonly badge: FailureLimiter;
  private readonly panel: FailureLimiter;
  /** account|address pairs that signed in successfully (most recent last), exempt from the account limit. */
  private readonly known = new Set<string>();

  constructor(config: Partial<SignInLimitConfig> = {}) {
    const c = { ...SIGN_IN_LIMIT_DEFAULTS, ...config };
    this.pair = new FailureLimiter(c.loginPerAccountAddress, 5 * MIN);
    this.address = new FailureLimiter(c.loginPerAddress, 5 * MIN);
    this.account = new FailureLimiter(c.loginPerAccount, 15 * MIN);
    this.badge = new FailureLimiter(c.pinPerBadge, 5 * MIN);
    this.panel = new FailureLimiter(c.pinPerPanel, 5 * MIN);
  }

  /** A password attempt for `username` from `ip`. */
  login(username: string, ip: string, now: number): Admission {
    const pairKey = `${username}|${ip}`;
    return admit([
      { limiter: this.pair, key: pairKey, what: 'for this account from this address', resetOnSuccess: true },
      { limiter: this.address, key: ip, what: 'from this address' },
      ...(this.known.has(pairKey) ? [] : [{ limiter: this.account, key: username, what: 'for this account' }]),
    ], now);
  }

  /** Remembers that `username` signed in from `ip` (call after a success). */
  signedIn(username: string, ip: string): void {
    const pairKey = `${username}|${ip}`;
    this.known.delete(pairKey);
    this.known.add(pairKey);
    if (this.known.size > KNOWN_PAIRS) this.known.delete(this.known.values().next().value!);
  }

  /** A panel device's token presented from `ip` (counts with the address's other sign-ins). */
  panelToken(ip: string, now: number): Admission {
    return admit([{ limiter: this.address, key: ip, what: 'from this address' }], now);
  }

  /** A PIN typed for `badge` on panel `panelId`. */
  pin(panelId: string, badge: string, now: number): Admission {
    return admit([
      { limiter: this.badge, key: `${panelId}|${badge}`, what: 'for this badge on this panel', resetOnSuccess: true },
      { limiter: this.panel, key: panelId, what: 'on this panel' },
    ], now);
  }
}
