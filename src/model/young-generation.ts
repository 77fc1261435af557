/**
 * How large V8 lets its young generation grow during a command-line run. V8 doubles each of its
 * two semi-spaces, while many young objects survive, up to 16 MiB: a large run writes into 32 MiB
 * of fresh memory for them, and where fresh memory is dear that costs more than the scavenges it
 * saves. On the 2-core virtual machine the budget is measured on, a page's first write costs about
 * 12 µs (filling 200 MB of fresh memory: 590 ms; filling it again: 20 ms), and semi-spaces held at
 * 4 MiB made a 3000-group inventory 6.5 % faster, its lint 5 % and a template's 1.5 % (a plan's lint, the same).
 *
 * The semi-space size can be set only when the process starts (a node option), which the `gridfence`
 * entry cannot do; its growth factor can be changed as the process runs. So the command line calls
 * `holdYoungGeneration` and the loaders and the linter call `checkYoungGeneration` between units of
 * work (a file, a resource, a rule; the JSON parser between the elements of shallow lists, so that a
 * plan is held before its first resource is read): once the young generation has reached the size held, the
 * factor becomes 1 and it grows no more. A library call (the package's API, the CDK plugin) never
 * holds: the heap it runs in is its host's. Only speed depends on this, never a result.
 */
import { createRequire } from 'node:module';

/** The semi-space size held, in MiB. */
const SEMI_SPACE_MIB = 4;
/** V8's growth factor, which nothing else in a run changes (a node option that sets it, or the semi-space size, turns holding off). */
const DEFAULT_FACTOR = 2;

let v8: typeof import('node:v8') | undefined;
let restoring = false;

/** From now on the young generation stops growing once its semi-spaces reach SEMI_SPACE_MIB (the command line's call). */
export function holdYoungGeneration(): void {
  // The user's own settings of the young generation win.
  if (/semi[-_]space/.test(`${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`)) return;
  v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
}

/**
 * Between units of work: stops the young generation's growth once it is as large as held; nothing
 * unless held. A check reads the heap's statistics (about 2 µs); once it has stopped, none does.
 */
export function checkYoungGeneration(): void {
  const engine = v8;
  if (engine === undefined) return;
  // The new space's size counts both semi-spaces.
  const young = engine.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (young !== undefined && young.space_size < 2 * SEMI_SPACE_MIB * 1048576) return;
  v8 = undefined;
  if (young === undefined) return;
  engine.setFlagsFromString('--semi-space-growth-factor=1');
  // V8 stamps a code cache with a hash of its flags and refuses one whose stamp differs from the
  // flags of the run that reads it: the command's code cache, written at exit (cli/command-loader.ts),
  // must carry the flags a run starts with. This listener runs before the loader's.
  if (!restoring) {
    restoring = true;
    process.prependOnceListener('exit', () => engine.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_FACTOR}`));
  }
}
