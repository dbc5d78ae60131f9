/*
 * The command line: commander reads the arguments, writes help and usage
 * errors; each command reads from Bedrock (and S3 for metrics) and prints a
 * table, or JSON with --json. `run` never throws and never prints a stack.
 */
import { ModelCustomization, ModelCustomizationJobStatus } from '@aws-sdk/client-bedrock';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CliContext, ClientOptions, Clients } from './context';
import { unexpected } from './errors';
import { json } from './format';
import { showJob } from './job';
import { jobsTable, listJobs } from './jobs';
import { CUSTOMIZATION_TYPES, baseModelsTable, listBaseModels, listModels, modelsTable } from './models';
import { MIN_INTERVAL_SECONDS, watchJobs } from './watch';

export const COMMAND = 'cdk-bedrock-customization';

const JOB_STATUSES: readonly ModelCustomizationJobStatus[] = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];

/** Exit codes: 0 done, 1 a failure (AWS, files), 2 a bad command line. */
export async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed help, the version or the usage error already.
      return e.exitCode === 0 ? 0 : 2;
    }
    const error = unexpected(e);
    context.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
}

interface GlobalOptions extends ClientOptions {
  readonly json?: boolean;
}

interface JobsOptions {
  readonly stack?: string;
  readonly status?: ModelCustomizationJobStatus;
  readonly name?: string;
  readonly watch?: boolean;
  readonly interval: number;
}

function createProgram(context: CliContext): Command {
  const program = new Command(COMMAND)
    .description('What the Bedrock model customizations of your CDK stacks are doing: jobs, their loss, the models they made.')
    .addHelpText('after', '\nAWS credentials and region come from the SDK\'s standard chain (environment, profile, SSO, role).')
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)');

  const command = (name: string, description: string) => program.command(name).description(description)
    .option('--json', 'print JSON for scripts')
    .option('--region <region>', 'AWS region (default: the SDK\'s, e.g. AWS_REGION)')
    .option('--profile <profile>', 'AWS profile (default: the SDK\'s, e.g. AWS_PROFILE)')
    .exitOverride();
  const clientsOf = (options: GlobalOptions): Clients => context.clients({ region: options.region, profile: options.profile });
  const print = (options: GlobalOptions, value: unknown, text: () => string) => context.stdout.write(options.json ? json(value) : text());

  command('jobs', 'List model customization jobs, newest first, with the stack and construct that started each')
    .option('--stack <name>', 'only the jobs of this stack (from the tags the constructs add)')
    .addOption(new Option('--status <status>', 'only the jobs in this status').choices(JOB_STATUSES))
    .option('--name <text>', 'only the jobs whose name contains this')
    .option('--watch', 'refresh in place until every listed job has ended')
    .option('--interval <seconds>', `seconds between refreshes of --watch (at least ${MIN_INTERVAL_SECONDS})`, seconds, MIN_INTERVAL_SECONDS)
    .action(async (options: GlobalOptions & JobsOptions) => {
      const filter = { stack: options.stack, status: options.status, nameContains: options.name };
      const clients = clientsOf(options);
      if (options.watch) {
        await watchJobs(context, clients, filter, { intervalSeconds: options.interval, json: options.json === true });
        return;
      }
      const rows = await listJobs(clients, filter, context.now());
      print(options, rows, () => jobsTable(rows));
    });

  command('job', 'Show one job: its stages, data, settings and, once completed, its training and validation loss')
    .argument('<name-or-arn>', 'the job\'s name or ARN')
    .option('--svg <file>', 'also write the loss chart to this file, as SVG')
    .action(async (identifier: string, options: GlobalOptions & { svg?: string }) => {
      await showJob(context, clientsOf(options), identifier, { json: options.json === true, svgFile: options.svg });
    });

  command('models', 'List custom models, newest first, with the stack and construct that made each')
    .option('--stack <name>', 'only the models of this stack (from the tags the constructs add)')
    .action(async (options: GlobalOptions & { stack?: string }) => {
      const { rows, note } = await listModels(clientsOf(options), { stack: options.stack });
      print(options, rows, () => modelsTable(rows));
      if (note) context.stderr.write(`note: ${note}\n`);
    });

  command('base-models', 'List the foundation models that can be customized')
    .addOption(new Option('--customization <type>', `only those that support this customization: ${CUSTOMIZATION_TYPES.join(', ')}`)
      .argParser(customizationType))
    .action(async (options: GlobalOptions & { customization?: ModelCustomization }) => {
      const models = await listBaseModels(clientsOf(options), options.customization);
      print(options, models, () => baseModelsTable(models));
    });

  return program;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < MIN_INTERVAL_SECONDS) {
    throw new InvalidArgumentError(`a number of seconds, at least ${MIN_INTERVAL_SECONDS}.`);
  }
  return n;
}

/** fine-tuning, FINE_TUNING and Fine_Tuning all name FINE_TUNING. */
function customizationType(value: string): ModelCustomization {
  const normalized = value.trim().toUpperCase().replace(/-/g, '_');
  const found = CUSTOMIZATION_TYPES.find((t) => t === normalized);
  if (!found) throw new InvalidArgumentError(`one of ${CUSTOMIZATION_TYPES.join(', ')} (or in lower case, with hyphens).`);
  return found;
}
