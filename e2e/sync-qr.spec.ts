import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './a11y';
import { cameraFolder, fakeCameraArgs, y4mOf, type GreyImage } from './fake-camera';
import { expect, openCordon, screenshotPath, test } from './harness';

/** A PNG as grey pixels, decoded by the page's own Chromium (no image library in the test). */
function greyOf(page: Page, png: Buffer): Promise<GreyImage> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const grey: number[] = [];
    for (let i = 0; i < data.length; i += 4) grey.push(Math.round(0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0)));
    return { width: bitmap.width, height: bitmap.height, grey };
  }, png.toString('base64'));
}

// Two Cordons on one machine. The joining laptop's camera is Chromium's fake camera playing a
// picture of the commander's QR code, as the commander's page drew it.
test.describe('joining by the invite QR code', () => {
  test('the commander shows the invite as a QR code; the other laptop scans it with its camera and joins', async ({ browser, playwright, launchOptions, harness, freshHarness }) => {
    test.setTimeout(180_000);
    const camera = cameraFolder();
    const browsers = [];
    try {
      const commander = await (await browser.newContext()).newPage();
      await openCordon(commander, harness);
      await commander.keyboard.press('Control+Shift+D');
      const dialog = commander.getByRole('dialog', { name: 'Declare an incident' });
      await dialog.getByLabel('What is happening?').fill('Card terminals offline in store 12');
      await dialog.getByRole('button', { name: 'Declare incident' }).click();
      await expect(commander.locator('.wr-header')).toContainText('Card terminals offline in store 12');

      const share = commander.getByRole('region', { name: 'Share this incident' });
      await share.getByRole('button', { name: 'Invite a laptop' }).click();
      const code = await share.getByRole('textbox', { name: /One-time invite code/ }).inputValue();
      expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5})+$/);
      const qr = share.getByRole('img', { name: 'QR code of the invite code' });
      await expect(qr).toBeVisible();
      const box = await qr.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(280);
      for (const scheme of ['light', 'dark'] as const) {
        await commander.emulateMedia({ colorScheme: scheme });
        await share.scrollIntoViewIfNeeded();
        await share.screenshot({ path: screenshotPath(`sync-qr-share-${scheme}`) });
      }
      await expectNoSeriousA11yViolations(commander);
      await share.getByRole('button', { name: 'Show the QR code larger' }).click();
      const large = commander.getByRole('dialog', { name: 'Invite QR code' });
      const largeBox = await large.getByRole('img', { name: 'QR code of the invite code' }).boundingBox();
      expect(largeBox?.width).toBeGreaterThanOrEqual(600);
      for (const scheme of ['light', 'dark'] as const) {
        await commander.emulateMedia({ colorScheme: scheme });
        await commander.screenshot({ path: screenshotPath(`sync-qr-large-${scheme}`) });
      }
      await expectNoSeriousA11yViolations(commander);
      await large.getByRole('button', { name: 'Close' }).click();
      await expect(large).toBeHidden();
      // The picture the camera will see: the QR code as the dark theme draws it (still black on white).
      const picture = await greyOf(commander, await qr.screenshot());
      expect(picture.grey[0]).toBe(255);

      // A camera that sees no QR code: the scanner keeps looking, and Cancel turns it off.
      const blank = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), ...fakeCameraArgs(camera.file('blank.y4m', y4mOf(null)))] });
      browsers.push(blank);
      const looking = await (await blank.newContext()).newPage();
      await openCordon(looking, freshHarness);
      const lookingJoin = looking.getByRole('region', { name: 'Join an incident on another laptop' });
      for (const scheme of ['light', 'dark'] as const) {
        await looking.emulateMedia({ colorScheme: scheme });
        await lookingJoin.screenshot({ path: screenshotPath(`sync-qr-join-${scheme}`) });
      }
      await lookingJoin.getByRole('button', { name: 'Scan with camera' }).click();
      const scanner = lookingJoin.getByRole('group', { name: 'Camera scanner' });
      const video = scanner.getByLabel('Camera view');
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(640);
      for (const scheme of ['light', 'dark'] as const) {
        await looking.emulateMedia({ colorScheme: scheme });
        await lookingJoin.screenshot({ path: screenshotPath(`sync-qr-scanning-${scheme}`) });
      }
      await expectNoSeriousA11yViolations(looking);
      const liveTracks = () => looking.evaluate(() => [...document.querySelectorAll('video')].filter((v) => v.srcObject).length);
      expect(await liveTracks()).toBe(1);
      await scanner.getByRole('button', { name: 'Cancel' }).click();
      await expect(scanner).toBeHidden();
      expect(await liveTracks()).toBe(0);
      await expect(lookingJoin.getByRole('textbox', { name: 'Invite code' })).toHaveValue('');

      // A camera that sees the commander's QR code: the code is read, the laptop asks to join.
      const seeing = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), ...fakeCameraArgs(camera.file('invite.y4m', y4mOf(picture)))] });
      browsers.push(seeing);
      const scribe = await (await seeing.newContext()).newPage();
      await openCordon(scribe, freshHarness);
      const join = scribe.getByRole('region', { name: 'Join an incident on another laptop' });
      await join.getByRole('button', { name: 'Scan with camera' }).click();
      await expect(join.getByRole('textbox', { name: 'Invite code' })).toHaveValue(code);
      await expect(join.getByRole('group', { name: 'Camera scanner' })).toBeHidden();
      const fingerprint = join.getByLabel('Fingerprint');
      await expect(fingerprint).toHaveText(/^\d{3} \d{3} \d{3}$/);
      const request = share.getByRole('group', { name: /asks to join/ });
      await expect(request.getByLabel('Fingerprint')).toHaveText((await fingerprint.textContent()) ?? '');
      await request.getByRole('button', { name: /^Admit/ }).click();
      await join.getByRole('button', { name: 'Open the incident' }).click();
      await expect(scribe.locator('.wr-header')).toContainText('Card terminals offline in store 12');
    } finally {
      for (const opened of browsers) await opened.close();
      camera.remove();
    }
  });
});
