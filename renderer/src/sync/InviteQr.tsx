import { useMemo } from 'react';
import { qrModules } from './qr-modules';

/**
 * The invite code as a QR code, drawn here from the module matrix (no markup from the library).
 * Black on white with its quiet zone whatever the theme: a dark-mode QR with inverted colours
 * is one many readers cannot read.
 */
export function InviteQr({ code }: { code: string }) {
  const { side, path } = useMemo(() => qrModules(code), [code]);
  return (
    <svg className="sync-qr" role="img" aria-label="QR code of the invite code" viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges">
      <rect width={side} height={side} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
