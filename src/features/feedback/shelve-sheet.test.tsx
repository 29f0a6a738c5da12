// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ShelveSheet } from './shelve-sheet.tsx';

afterEach(cleanup);

describe('ShelveSheet', () => {
  it('offers an operator at most 2 h and needs a reason before shelving', () => {
    const onShelve = vi.fn();
    render(<ShelveSheet role="operator" title="Valve closure — P-204" onShelve={onShelve} onClose={() => {}} />);
    expect(screen.queryByRole('button', { name: '4 h' })).toBeNull();
    const confirm = screen.getByTestId('shelve-confirm') as HTMLButtonElement;
    fireEvent.click(screen.getByRole('button', { name: '2 h' }));
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Maintenance in progress' }));
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    expect(onShelve).toHaveBeenCalledWith(120, 'Maintenance in progress');
  });

  it('offers a supervisor up to 8 h', () => {
    render(<ShelveSheet role="supervisor" title="x" onShelve={() => {}} onClose={() => {}} />);
    expect(screen.getByRole('button', { name: '8 h' })).toBeTruthy();
  });

  it('offers only the shelves the relay\'s policy allows (operators 30 min)', () => {
    render(<ShelveSheet role="operator" limits={{ operatorShelveMaxMinutes: 30, supervisorShelveMaxMinutes: 480 }} title="x" onShelve={() => {}} onClose={() => {}} />);
    for (const offered of ['15 min', '30 min', 'Until back to normal']) expect(screen.getByRole('button', { name: offered })).toBeTruthy();
    for (const longer of ['1 h', '2 h']) expect(screen.queryByRole('button', { name: longer })).toBeNull();
  });
});
