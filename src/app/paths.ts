/** The panel of one line. */
export const panelPath = (p: { plant: string; line: string }) => `/panel/${encodeURIComponent(p.plant)}/${encodeURIComponent(p.line)}`;
