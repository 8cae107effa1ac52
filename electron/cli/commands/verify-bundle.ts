import { usageError, type CliCommand } from '../command';
import { verifyBundle } from '../../services/export/bundle';

const help = `Usage: cordon verify-bundle FILE

Checks an evidence bundle written by "cordon export --format bundle" or the app: every file
against the SHA-256 and size in manifest.json, that events.json's hash chain recomputes and
ends at the manifest's chain head, that postmortem.md names the same chain head, and that
manifest.json itself is the one sealed in manifest.seal.json (an edited title, creator or
time is named). For an incident shared between laptops, also each other laptop's log in
devices.json (positions, links, hashes, and every signature against that laptop's key) and
that timeline.json lists exactly the events of all the chains.
Needs no store and no passphrase. Names every file or event that does not match.

Exit codes: 0 everything matches; 1 something does not match; 2 FILE cannot be read.
`;

export const verifyBundleCommand: CliCommand = {
  path: ['verify-bundle'],
  summary: 'Check an evidence bundle’s hashes and event chain',
  help,
  async run(args, io) {
    if (args.length !== 1 || (args[0] ?? '').startsWith('-')) {
      const problem = args.length === 0 ? 'missing FILE' : `unexpected argument ${JSON.stringify(args.find((a, i) => i > 0 || a.startsWith('-')))}`;
      return usageError(io, 'verify-bundle', problem);
    }
    const file = args[0] ?? '';
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(file);
    } catch {
      io.stderr(`cordon verify-bundle: cannot read ${JSON.stringify(file)}.\n`);
      return 2;
    }
    const verdict = verifyBundle(bytes);
    for (const line of verdict.checked) io.stdout(`${line}\n`);
    for (const problem of verdict.problems) io.stdout(`BAD ${problem}\n`);
    io.stdout(
      verdict.ok
        ? `The bundle verifies: incident ${verdict.incidentId}, chain head ${verdict.chainHead}.\n`
        : `The bundle does NOT verify: ${verdict.problems.length} problem${verdict.problems.length === 1 ? '' : 's'}.\n`,
    );
    return verdict.ok ? 0 : 1;
  },
};
