/**
 * Default bounds on what one session, edge key or line may make the relay hold (issue #11). Each is
 * configuration (server/config.ts names the variable); these are the defaults of both config and
 * AppDeps, so a relay built without them (tests) is bounded the same way.
 */
export const DEFAULT_BOUNDS = {
  /** MAX_OPEN_ALERTS_PER_LINE: open alerts on a line past which new alert keys are refused. */
  maxOpenAlertsPerLine: 2000,
  /** MAX_NEW_ALERT_KEYS_PER_EDGE_KEY_HOUR: new alert keys (asset × model × label, any line) per edge key per hour. */
  maxNewAlertKeysPerEdgeKeyHour: 5000,
  /** MAX_CONNECTIONS_PER_SESSION: sockets one session (browser sign-in or panel) may hold open on one relay. */
  maxConnectionsPerSession: 20,
  /** MAX_ROOMS_PER_CONNECTION: line and plant subscriptions of one socket. */
  maxRoomsPerConnection: 50,
  /** MAX_CONNECTIONS_PER_EDGE_KEY: `/edge` sockets one edge key may hold open on one relay. */
  maxConnectionsPerEdgeKey: 10,
} as const;
