import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Chromium's fake camera plays a .y4m file (--use-file-for-fake-video-capture): a one-line
// header, then frames of raw I420 (a luma plane, then quarter-size U and V planes). Cordon's
// scanner reads luma only, so a grey image is enough: chroma is neutral.

export interface GreyImage {
  width: number;
  height: number;
  /** One 0-255 value a pixel, row by row. */
  grey: number[];
}

const frameWidth = 640;
const frameHeight = 480;

/** The image centred on a white frame, repeated so the camera has a few seconds to play in a loop. */
export function y4mOf(image: GreyImage | null, frames = 10): Buffer {
  const luma = Buffer.alloc(frameWidth * frameHeight, 235);
  if (image) {
    if (image.width > frameWidth || image.height > frameHeight) throw new Error(`a ${image.width}×${image.height} image does not fit the camera frame`);
    const left = Math.floor((frameWidth - image.width) / 2);
    const top = Math.floor((frameHeight - image.height) / 2);
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) luma[(top + y) * frameWidth + left + x] = 16 + Math.round(((image.grey[y * image.width + x] ?? 255) * 219) / 255);
    }
  }
  const chroma = Buffer.alloc((frameWidth / 2) * (frameHeight / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${frameWidth} H${frameHeight} F10:1 Ip A1:1 C420jpeg\n`), ...Array<Buffer>(frames).fill(frame)]);
}

/** A temp folder for camera files, removed by the returned function. */
export function cameraFolder(): { file: (name: string, bytes: Buffer) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-e2e-camera-'));
  return {
    file: (name, bytes) => {
      const path = join(dir, name);
      writeFileSync(path, bytes, { mode: 0o600 });
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Chromium flags: a camera that plays `file`, granted without a prompt. */
export const fakeCameraArgs = (file: string): string[] => ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
