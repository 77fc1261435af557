/**
 * The command line. Commands are thin: they parse options, call a stage, print a report and return
 * an exit code. Any problem becomes a message and exit code 2; a stack trace only with --debug.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../model/errors.js';
import { loadCommand } from './command-loader.js';
import { defaultLang } from './default-lang.js';
import { EXIT_INPUT_ERROR } from './exit-codes.js';
import { errorLang, jaCommanderError, jaUsageMessage } from './ja-usage.js';
import { addInputOptions, addVarOptions, collectList, parseDate, parsePort } from './options.js';
import { toolVersion } from './version.js';

export async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  const debug = argv.includes('--debug');
  const ja = errorLang(argv) === 'ja';
  const program = new Command('gridfence')
    .description('Proves or refutes the network boundary of an energy aggregator\'s system (METI guideline, section 2(4)) from its infrastructure code.')
    .version(toolVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--debug', 'print stack traces of internal errors').hideHelp())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(ja ? jaCommanderError(s) : s) });

  addInputOptions(program
    .command('inventory')
    .description('list the resources gridfence understood: address, type, zone, source location, evaluated attributes')
    .argument('[paths...]', 'files or directories to analyse', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to a file')
    .option('--no-color', 'no colours in text output')
    .option('-q, --quiet', 'report errors only, not warnings')
    .action(async (paths: string[], opts) => {
      const { runInventory } = await loadCommand('inventory', () => import('./inventory-command.js'));
      exitCode = runInventory(paths, opts);
    }));

  addInputOptions(program
    .command('lint')
    .description('analyse the inputs under the paths and report findings against the guideline')
    .argument('[paths...]', 'files or directories to analyse', [])
    .addOption(new Option('-f, --format <format>', 'output format (markdown: summary, compliance view, findings by clause)').choices(['text', 'json', 'sarif', 'junit', 'markdown']).default('text'))
    .option('-o, --output <file>', 'write the report to a file')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['error', 'warning', 'note', 'never']).default('error'))
    .addOption(new Option('--lang <lang>', 'language of messages (default: from LANG)').choices(['en', 'ja']))
    .option('--rule <id>', 'run only this rule (repeatable)', collectList, [])
    .option('--now <date>', "the run's date (YYYY-MM-DD) for attestations and waiver expiry (default: today, UTC)", parseDate)
    .option('--no-color', 'no colours in text output')
    .option('-q, --quiet', 'report errors only: no warnings or notes below --fail-on (the exit code is the same)')
    .option('--baseline <file>', 'an earlier JSON report: its findings are unchanged, only new ones fail the run')
    .option('--write-baseline <file>', "write this run's JSON report to the file, as the next baseline")
    .addOption(new Option('--diff-base <ref>', 'report only what the change adds: lints the merge base of the git reference and HEAD in a temporary worktree').conflicts('baseline'))
    .action(async (paths: string[], opts) => {
      const { runLint } = await loadCommand('lint', () => import('./lint-command.js'));
      exitCode = runLint(paths, { ...opts, lang: opts.lang ?? defaultLang() });
    }));

  addInputOptions(program
    .command('path')
    .description('show every flow allowed from one place to another, hop by hop; with none, the blocked path')
    .argument('[paths...]', 'files or directories to analyse', [])
    .requiredOption('--from <place>', "where connections start: internet, a zone, an external network, a resource address or a CIDR")
    .requiredOption('--to <place>', 'where they should arrive: the same kinds of place')
    .option('--port <port>', 'destination port', parsePort)
    .addOption(new Option('--protocol <protocol>', 'protocol').choices(['tcp', 'udp', 'icmp', 'any']).default('any'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to a file')
    .addOption(new Option('--lang <lang>', 'language of the text answer (default: from LANG)').choices(['en', 'ja']))
    .option('--no-color', 'no colours in text output')
    .action(async (paths: string[], opts) => {
      const { runPath } = await loadCommand('path', () => import('./path-command.js'));
      exitCode = runPath(paths, { ...opts, lang: opts.lang ?? defaultLang() });
    }));

  program
    .command('rules')
    .description('list the rules: id, clause, severity, title')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of titles').choices(['en', 'ja']))
    .action(async (opts) => {
      const { runRules } = await loadCommand('rules', () => import('./rules-command.js'));
      exitCode = runRules({ format: opts.format, lang: opts.lang ?? defaultLang() });
    });

  program
    .command('explain')
    .description("a rule's purpose, guideline clause (Japanese and English), how to fix it, examples")
    .argument('<rule>', 'rule id')
    .addOption(new Option('--lang <lang>', 'language of the title').choices(['en', 'ja']))
    .action(async (id: string, opts) => {
      const { runExplain } = await loadCommand('rules', () => import('./rules-command.js'));
      exitCode = runExplain(id, { lang: opts.lang ?? defaultLang() });
    });

  const init = program
    .command('init')
    .description('write a starter gridfence.yaml from what the Terraform shows (zones from tags and names, externals from routes and rules)')
    .argument('[path]', 'directory with the Terraform inputs (default: .)')
    .option('--force', 'replace an existing gridfence.yaml or .gridfence.yaml')
    .option('-o, --output <file>', 'write the configuration to this file (default: PATH/gridfence.yaml)');
  addVarOptions(init).action(async (target: string | undefined, opts) => {
    const { runInit } = await loadCommand('init', () => import('./init-command.js'));
    exitCode = runInit(target, opts);
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help asked for (--help, `help`) and --version end 0; help shown because no command was given
      // is a usage error, which commander marks with a non-zero exit code.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && e.exitCode === 0)) return 0;
      return EXIT_INPUT_ERROR;
    }
    if (e instanceof InputError) {
      const p = e.toProblem();
      const where = p.location ? `${p.location.file}:${p.location.line}:${p.location.column}: ` : '';
      process.stderr.write(`gridfence: ${where}${ja ? jaUsageMessage(p.message) : p.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    process.stderr.write(`gridfence: ${ja ? '内部エラー' : 'internal error'}: ${(e as Error).message}\n`);
    if (debug) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    else process.stderr.write(ja ? '--debug を付けて再実行するとスタックトレースを表示します。この問題を報告してください。\n' : 'Run again with --debug for the stack trace, and please report it.\n');
    return EXIT_INPUT_ERROR;
  }
}
