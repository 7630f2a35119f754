import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { defaultExportPath, type ExportFormat, exportSessionModel } from '../export-model.js';
import { loadSession } from '../persist.js';

/** Output sinks of `termgrad export`. */
export interface ExportIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

function parseFormat(value: string): ExportFormat {
  if (value !== 'onnx' && value !== 'tfjs')
    throw new InvalidArgumentError(`expected onnx or tfjs, got '${value}'`);
  return value;
}

/**
 * `termgrad export <session.json> --format onnx|tfjs [--out <path>]`: writes the saved model as an
 * ONNX file or a TF.js layers directory (atomically). @returns the exit code (0, 1 failure, 2 usage).
 */
export async function runExport(argv: readonly string[], io: ExportIo): Promise<number> {
  let job: { session: string; format: ExportFormat; out?: string } | undefined;
  const cmd = new Command('termgrad export')
    .description(
      'Export the model of a saved session (the s key / --save) as ONNX or TensorFlow.js layers format.',
    )
    .argument('<session>', 'session file written by the dashboard (s) or --save')
    .requiredOption(
      '--format <format>',
      'onnx (every model but the perceptron) or tfjs (MLP: model.json + weights.bin)',
      parseFormat,
    )
    .option(
      '--out <path>',
      'output file (onnx) or directory (tfjs); default: next to the session file',
    )
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(text.trimEnd().split('\n').join(' ') + '\n'),
    })
    .action((session: string, opts: { format: ExportFormat; out?: string }) => {
      job = { session, format: opts.format, ...(opts.out !== undefined ? { out: opts.out } : {}) };
    });
  try {
    await cmd.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  if (job === undefined) return 0;
  try {
    const session = await loadSession(job.session);
    const written = await exportSessionModel(
      session,
      job.format,
      job.out ?? defaultExportPath(job.session, job.format),
    );
    io.stdout(`exported the ${session.lab} model to ${written}\n`);
    return 0;
  } catch (error) {
    io.stderr(`termgrad export: ${(error as Error).message.replace(/^--load: /, '')}\n`);
    return 1;
  }
}
