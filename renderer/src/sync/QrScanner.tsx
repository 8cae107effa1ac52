import { useEffect, useRef } from 'react';
import { decodeInvite } from '../../../shared/sync/invite';

export type ScanOutcome = { code: string } | { error: string };

/** The camera is given up after this long without a code, so it is never left on by mistake. */
export const scanLimitMs = 60_000;
const frameEveryMs = 250;
const typeInstead = 'Type the invite code instead.';

/**
 * Reads the commander's invite QR code with this laptop's camera. The camera stops as soon as a
 * code is read, on Cancel, when the scanner goes away, or after a minute. What the code says is
 * hostile: it must parse as an invite here, then takes the typed code's way in (syncJoin).
 */
export function QrScanner({ onDone }: { onDone: (outcome: ScanOutcome | null) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const done = useRef(onDone);
  const stopRef = useRef<() => void>(() => {});
  useEffect(() => {
    done.current = onDone;
  });

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let frames: ReturnType<typeof setInterval> | undefined;
    const canvas = document.createElement('canvas');
    const stop = () => {
      stopped = true;
      clearInterval(frames);
      clearTimeout(limit);
      for (const track of stream?.getTracks() ?? []) track.stop();
      if (video.current) video.current.srcObject = null;
    };
    const finish = (outcome: ScanOutcome | null) => {
      if (stopped) return;
      stop();
      done.current(outcome);
    };
    stopRef.current = () => finish(null);
    const limit = setTimeout(() => finish({ error: `No QR code was read in ${scanLimitMs / 1000} seconds, so the camera was turned off. Try again, or type the invite code.` }), scanLimitMs);

    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) return finish({ error: `This computer offers Cordon no camera. ${typeInstead}` });
      try {
        const [media, read] = await Promise.all([
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false }),
          import('./qr-decode').then((m) => m.readVideoFrame),
        ]);
        stream = media;
        if (stopped) return stop();
        const element = video.current;
        if (!element) return finish(null);
        element.srcObject = media;
        await element.play();
        frames = setInterval(() => {
          const text = read(element, canvas);
          if (text !== null) finish(inviteOf(text));
        }, frameEveryMs);
      } catch (error) {
        finish({ error: cameraMessage(error) });
      }
    };
    void start();
    return stop;
  }, []);

  return (
    <div className="sync-scanner" role="group" aria-label="Camera scanner">
      <video ref={video} className="sync-scanner-video" muted playsInline aria-label="Camera view" />
      <p className="muted small" role="status">
        Hold the commander’s QR code up to the camera.
      </p>
      <button type="button" className="button" onClick={() => stopRef.current()}>
        Cancel
      </button>
    </div>
  );
}

/** A scanned text is either an invite code or refused, with the same parser as a typed code. */
export function inviteOf(text: string): ScanOutcome {
  try {
    decodeInvite(text);
    return { code: text };
  } catch {
    return { error: 'This QR code is not a Cordon invite.' };
  }
}

function cameraMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return `Cordon was not allowed to use the camera. ${typeInstead}`;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `No camera was found. ${typeInstead}`;
  if (name === 'NotReadableError') return `The camera is in use by another app. Close it and try again, or type the invite code.`;
  return `The camera could not be started. ${typeInstead}`;
}
