import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { encode } from 'uqr';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeInvite } from '../../../shared/sync/invite';
import { InviteQr } from './InviteQr';
import { decodeImage } from './qr-decode';
import { quietZone } from './qr-modules';

afterEach(cleanup);

const code = encodeInvite({ address: '192.168.1.20', port: 45_231, incidentKey: 'ab'.repeat(32), secret: '0f'.repeat(16) });

/** The dark modules the SVG draws, read back from its path (runs of `M x y h n v1 h-n z`). */
function drawnModules(path: string): Set<string> {
  const modules = new Set<string>();
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(run); i++) modules.add(`${Number(x) + i},${y}`);
  }
  expect(path.replace(/M(\d+) (\d+)h(\d+)v1h-\3z/g, '')).toBe('');
  return modules;
}

/** The SVG as a camera would see it: `scale` pixels a module, black on white, RGBA. */
function rasterise(side: number, modules: Set<string>, scale: number): { rgba: Uint8ClampedArray; width: number } {
  const width = side * scale;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const key of modules) {
    const [mx, my] = key.split(',').map(Number) as [number, number];
    for (let y = my * scale; y < (my + 1) * scale; y++) {
      for (let x = mx * scale; x < (mx + 1) * scale; x++) rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { rgba, width };
}

describe('the invite QR code', () => {
  it('draws every module of the code black on white inside a four-module quiet zone, with an accessible name', () => {
    render(<InviteQr code={code} />);
    const svg = screen.getByRole('img', { name: 'QR code of the invite code' });
    const matrix = encode(code, { ecc: 'M', border: 0 }).data;
    expect(matrix.length).toBe(37);
    const side = matrix.length + 2 * quietZone;
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${side} ${side}`);
    const [background, dark] = [svg.querySelector('rect'), svg.querySelector('path')];
    expect([background?.getAttribute('fill'), background?.getAttribute('width')]).toEqual(['#ffffff', String(side)]);
    expect(dark?.getAttribute('fill')).toBe('#000000');

    const expected = new Set<string>();
    matrix.forEach((row, y) => row.forEach((on, x) => on && expected.add(`${x + quietZone},${y + quietZone}`)));
    expect(drawnModules(dark?.getAttribute('d') ?? '')).toEqual(expected);
  });

  it('reads back as the same invite code with jsQR', () => {
    render(<InviteQr code={code} />);
    const svg = screen.getByRole('img', { name: 'QR code of the invite code' });
    const side = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
    const { rgba, width } = rasterise(side, drawnModules(svg.querySelector('path')?.getAttribute('d') ?? ''), 4);
    expect(decodeImage(rgba, width, width)).toBe(code);
  });

  it('shows the same code larger on demand, for a camera across the table', () => {
    // jsdom has <dialog> without its modal behaviour.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    render(<InviteQr code={code} />);
    const small = screen.getByRole('img', { name: 'QR code of the invite code' }).querySelector('path')?.getAttribute('d');
    fireEvent.click(screen.getByRole('button', { name: 'Show the QR code larger' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite QR code' });
    expect(within(dialog).getByRole('img', { name: 'QR code of the invite code' }).querySelector('path')?.getAttribute('d')).toBe(small);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('finds nothing in an image without a QR code', () => {
    expect(decodeImage(new Uint8ClampedArray(200 * 200 * 4).fill(255), 200, 200)).toBeNull();
  });
});
