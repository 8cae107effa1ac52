import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openCordon, readTimeline, test } from './harness';
import { expectNoSeriousA11yViolations } from './a11y';

test.describe('containment actions', () => {
  test('create a user action, run it from the war room, watch it stream, see it on the timeline; injections are refused or inert', async ({ page, harness }) => {
    await openCordon(page, harness);
    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Suspicious logins on web-01');
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    await expect(page.locator('.wr-header')).toContainText('Suspicious logins on web-01');

    const panel = page.getByRole('region', { name: 'Containment actions' });
    await expect(panel).toBeVisible();

    // The library editor: a program and its arguments, one per line; two typed parameters.
    await panel.getByRole('button', { name: 'Action library' }).click();
    await panel.getByRole('button', { name: 'New action' }).click();
    const editor = panel.getByRole('form', { name: 'New action' });
    await editor.getByLabel('Name', { exact: true }).fill('Print lines');
    // Lines 3 and 4 wait for a gate file the test creates once it has seen the stream begin, so
    // "streaming" is proven by order, not by how fast this machine reads the screen. (No loop
    // counter: Cordon refuses shell arithmetic in code that takes parameters; the run's own
    // timeout ends a run whose gate never comes.)
    const gate = join(harness.dataDir, 'print-lines.gate');
    const script = 'echo "line 1 for $1: $2"; echo "line 2 for $1: $2"; while [ ! -e "$3" ]; do sleep 0.05; done; echo "line 3 for $1: $2"; echo "line 4 for $1: $2"';
    await editor.getByLabel(/Command: the program/).fill(['/bin/sh', '-c', script, 'lines', '{TARGET}', '{NOTE}', gate].join('\n'));
    await editor.getByRole('button', { name: 'Add parameter' }).click();
    await editor.getByLabel('Parameter 1 name').fill('TARGET');
    await editor.getByLabel('Parameter 1 kind').selectOption('hostname');
    await editor.getByRole('button', { name: 'Add parameter' }).click();
    await editor.getByLabel('Parameter 2 name').fill('NOTE');
    await editor.getByLabel('Parameter 2 kind').selectOption('string');
    await editor.getByRole('button', { name: 'Save action' }).click();
    await expect(editor).toBeHidden();
    await panel.getByRole('button', { name: 'Close library' }).click();

    // Chosen after saving; a value with shell syntax for a host name is refused inline, nothing runs.
    await expect(panel.getByLabel('Action')).toHaveValue(/^user\./);
    const form = panel.getByRole('form', { name: 'Run Print lines' });
    await form.getByLabel('TARGET').fill('web-01; touch /tmp/x');
    await expect(form.getByText('TARGET is not a host name').or(form.getByText(/is not a host name/))).toBeVisible();
    // The command hands a script to sh -c, so running it is confirmed ("Run…"), as the main process decides.
    await form.getByRole('button', { name: 'Run…', exact: true }).click();
    await expect(panel.getByRole('region', { name: 'Earlier runs' })).toHaveCount(0);
    await expect(form.getByRole('alertdialog')).toHaveCount(0);

    // Free text with shell syntax is accepted as text and stays text: it is one argv slot, no shell parses it.
    const marker = join(harness.dataDir, 'MARKER');
    await form.getByLabel('TARGET').fill('web-01.example.com');
    await form.getByLabel('NOTE').fill(`$(touch ${marker}); touch ${marker} \`touch ${marker}\``);
    await form.getByRole('button', { name: 'Run…', exact: true }).click();
    // The main process answers with the exact plan: the values are positional arguments, the script is shown as sh -c will parse it.
    const confirm = form.getByRole('alertdialog', { name: 'Run “Print lines”?' });
    await expect(confirm.getByRole('list', { name: 'Exact command' })).toContainText(`$(touch ${marker}); touch ${marker} \`touch ${marker}\``);
    await expect(confirm.getByLabel('Text for sh -c')).toHaveText(script);
    expect(existsSync(marker)).toBe(false);
    await expectNoSeriousA11yViolations(page);
    await confirm.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/actions-confirm-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: 'e2e/screenshots/actions-confirm-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    await confirm.getByRole('button', { name: 'Run it' }).click();

    const output = panel.getByRole('region', { name: 'Output of Print lines' });
    const log = output.getByRole('log', { name: 'Script output' });
    await expect(log).toContainText('line 1 for web-01.example.com');
    // Streaming: the first lines are on screen while the run still waits to print the last.
    expect(await log.textContent()).not.toContain('line 4');
    await expect(output.getByRole('button', { name: 'Cancel run' })).toBeVisible();
    writeFileSync(gate, '', { mode: 0o600 });
    await expect(log).toContainText('line 4 for web-01.example.com');
    await expect(output.getByLabel('State: Succeeded')).toBeVisible();
    await expect(output).toContainText('exit code 0');
    await expect(log).toContainText(`$(touch ${marker}); touch ${marker} \`touch ${marker}\``);
    expect(existsSync(marker)).toBe(false);
    await expectNoSeriousA11yViolations(page);
    await output.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/actions-light.png' });

    // On the timeline: started (with the exact argv) and finished with exit code 0.
    await expect
      .poll(async () => (await readTimeline(page)).join('\n'))
      .toMatch(/Started Print lines[\s\S]*Script succeeded \(exit 0/);

    // After a reload the run is still listed and its output can be read back.
    await page.reload();
    const runs = page.getByRole('region', { name: 'Earlier runs' });
    await expect(runs).toContainText('Print lines');
    await runs.getByRole('button', { name: /View output of Print lines/ }).click();
    await expect(page.getByRole('log', { name: 'Script output' })).toContainText('line 4 for web-01.example.com');
  });

  test('a value handed through two shells is quoted for both, and the confirmation shows what each one parses; a loader variable is refused by name', async ({ page, harness }) => {
    await openCordon(page, harness);
    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Phishing mail with a crafted subject');
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    const panel = page.getByRole('region', { name: 'Containment actions' });

    await panel.getByRole('button', { name: 'Action library' }).click();
    await panel.getByRole('button', { name: 'New action' }).click();
    const editor = panel.getByRole('form', { name: 'New action' });
    await editor.getByLabel('Name', { exact: true }).fill('Note the subject');
    await editor.getByLabel(/Command: the program/).fill(['/bin/sh', '-c', `sh -c "printf 'noted: %s\\n' {SUBJECT}"`].join('\n'));
    await editor.getByRole('button', { name: 'Add parameter' }).click();
    await editor.getByLabel('Parameter 1 name').fill('SUBJECT');
    await editor.getByRole('button', { name: 'Add variable' }).click();
    await editor.getByLabel('Variable 1 name').fill('PYTHONSTARTUP');
    await editor.getByLabel('Variable 1 value').fill('/tmp/evil.py');
    await editor.getByRole('button', { name: 'Save action' }).click();
    await expect(editor.getByRole('alert')).toContainText('PYTHONSTARTUP is not allowed');
    await editor.getByRole('button', { name: 'Remove variable 1' }).click();
    await editor.getByRole('button', { name: 'Save action' }).click();
    await expect(editor).toBeHidden();
    await panel.getByRole('button', { name: 'Close library' }).click();

    const marker = join(harness.dataDir, 'MARKER');
    const subject = `Invoice '"$(touch ${marker})"' \`touch ${marker}\`; touch ${marker}`;
    const form = panel.getByRole('form', { name: 'Run Note the subject' });
    await form.getByLabel('SUBJECT').fill(subject);
    await form.getByRole('button', { name: 'Run…', exact: true }).click();
    const confirm = form.getByRole('alertdialog', { name: 'Run “Note the subject”?' });
    // The outer shell's text quotes the value twice; the inner one's once; the value itself is shown as typed.
    await expect(confirm.getByRole('region', { name: /Code parsed by sh -c/ })).toHaveCount(2);
    const inner = confirm.getByLabel('Text for sh -c').nth(1);
    await expect(inner).toContainText(`printf 'noted: %s\\n' 'Invoice '\\''"$(touch ${marker})"'\\'' \`touch ${marker}\`; touch ${marker}'`);
    await expect(confirm).toContainText(`SUBJECT = ${subject}`);
    await confirm.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/actions-layers-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: 'e2e/screenshots/actions-layers-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    await confirm.getByRole('button', { name: 'Run it' }).click();

    const log = panel.getByRole('log', { name: 'Script output' });
    await expect(log).toHaveText(`noted: ${subject}\n`);
    expect(existsSync(marker)).toBe(false);
  });
});
