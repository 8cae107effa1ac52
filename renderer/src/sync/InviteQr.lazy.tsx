import { lazy, Suspense } from 'react';
import { Loading } from '../shell/Loading';

// The QR encoder loads when an invite is made, not with the app.
const Qr = lazy(() => import('./InviteQr').then((m) => ({ default: m.InviteQr })));

export function InviteQr({ code }: { code: string }) {
  return (
    <Suspense fallback={<Loading what="the QR code" className="sync-qr-loading" />}>
      <Qr code={code} />
    </Suspense>
  );
}
