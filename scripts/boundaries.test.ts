// The layer rule of eslint.config.js, tried on code it must refuse and code it must allow.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('import boundaries: shared code → features → app', () => {
  it.each([
    ['a sibling feature', 'src/features/panel/probe.ts', "import { x } from '../alerts/explain.ts';"],
    ['another feature by a longer path', 'src/features/panel/probe.ts', "import { x } from '../../features/alerts/explain.ts';"],
    ['the app from a feature', 'src/features/panel/probe.ts', "import { x } from '../../app/routes/desk-layout.tsx';"],
    ['a feature from shared code', 'src/lib/probe.ts', "import { x } from '../features/alerts/explain.ts';"],
    ['the app from the protocol', 'src/protocol/probe.ts', "import { x } from '../app/routes/desk-layout.tsx';"],
  ])('refuses %s', async (_what, path, code) => {
    expect(await boundaryErrors(path, `${code}\nexport const y = x;\n`)).toBe(1);
  });

  it.each([
    ['its own files', 'src/features/panel/probe.ts', "import { x } from './panel-header.tsx';"],
    ['shared code', 'src/features/panel/probe.ts', "import { x } from '../../lib/format.ts';"],
    ['a feature from the app', 'src/app/probe.ts', "import { x } from '../features/alerts/explain.ts';"],
  ])('allows %s', async (_what, path, code) => {
    expect(await boundaryErrors(path, `${code}\nexport const y = x;\n`)).toBe(0);
  });
});
