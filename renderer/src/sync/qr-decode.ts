import jsQR from 'jsqr';

// Loaded only when the scanner opens: the decoder is the largest piece of the sync card.

/** Frames are read at most this wide: a 720p camera frame as it comes, larger ones scaled down. */
const maxSide = 1280;

/** The text of a QR code in an RGBA image, or null when none is found. */
export function decodeImage(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  // Our invite QR is always black on white, so the inverted pass (twice the work) is skipped.
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** Reads the video's current frame through the canvas; null while the camera has no frame yet. */
export function readVideoFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight, 1));
  const width = Math.round(video.videoWidth * scale);
  const height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (width === 0 || height === 0 || !context) return null;
  canvas.width = width;
  canvas.height = height;
  context.drawImage(video, 0, 0, width, height);
  return decodeImage(context.getImageData(0, 0, width, height).data, width, height);
}
