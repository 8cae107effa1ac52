import { useEffect, useMemo, useRef, useState } from 'react';
import { qrModules, type QrModules } from './qr-modules';

/**
 * The invite code as a QR code, drawn here from the module matrix (no markup from the library),
 * with a larger view for a camera across the table. Black on white with its quiet zone whatever
 * the theme: a dark-mode QR with inverted colours is one many readers cannot read.
 */
export function InviteQr({ code }: { code: string }) {
  const modules = useMemo(() => qrModules(code), [code]);
  const [large, setLarge] = useState(false);
  return (
    <>
      <QrSvg modules={modules} />
      <button type="button" className="button button-small sync-qr-enlarge" onClick={() => setLarge(true)}>
        Show the QR code larger
      </button>
      {large && <LargeQr modules={modules} onClose={() => setLarge(false)} />}
    </>
  );
}

function QrSvg({ modules: { side, path } }: { modules: QrModules }) {
  return (
    <svg className="sync-qr" role="img" aria-label="QR code of the invite code" viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges">
      <rect width={side} height={side} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}

function LargeQr({ modules, onClose }: { modules: QrModules; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog sync-qr-dialog" aria-label="Invite QR code" onClose={onClose} onCancel={onClose}>
      <QrSvg modules={modules} />
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
