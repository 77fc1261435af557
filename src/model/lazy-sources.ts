/**
 * A resource's source index (attribute path → span) that its loader builds only when it is read
 * whole, answering a single path from the loader's own tree before then: most resources' index is
 * never read whole, and thousands of eager maps weigh on the collector. Entries set before the build
 * (tags_all from provider default tags) were set after the loader's own in evaluation order: they go
 * back on top of them.
 */
import type { Span } from './source.js';

export abstract class LazySources extends Map<string, Span> {
  private built = false;

  /** The loader's own entries, set in the order an eager index would have set them. */
  protected abstract build(set: (path: string, span: Span) => void): void;
  /**
   * The span `build` would leave under `path` (the last one set), or undefined. By default the whole
   * index is built to answer: right for a loader whose single answer costs as much as the build.
   */
  protected lookup(path: string): Span | undefined {
    this.ensureBuilt();
    return super.get(path);
  }
  /** Lets go of what `build` and `lookup` read, once the index is built. */
  protected release(): void {}

  private ensureBuilt(): void {
    if (this.built) return;
    this.built = true;
    const earlier = [...super.entries()];
    super.clear();
    this.build((path, span) => super.set(path, span));
    for (const [k, v] of earlier) super.set(k, v);
    this.release();
  }

  override get(key: string): Span | undefined {
    if (this.built) return super.get(key);
    return super.get(key) ?? this.lookup(key);
  }
  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  override delete(key: string): boolean {
    this.ensureBuilt();
    return super.delete(key);
  }
  override clear(): void {
    this.ensureBuilt();
    super.clear();
  }
  override get size(): number {
    this.ensureBuilt();
    return super.size;
  }
  override keys(): MapIterator<string> {
    this.ensureBuilt();
    return super.keys();
  }
  override values(): MapIterator<Span> {
    this.ensureBuilt();
    return super.values();
  }
  override entries(): MapIterator<[string, Span]> {
    this.ensureBuilt();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, Span]> {
    this.ensureBuilt();
    return super[Symbol.iterator]();
  }
  override forEach(fn: (value: Span, key: string, map: Map<string, Span>) => void, thisArg?: unknown): void {
    this.ensureBuilt();
    super.forEach(fn, thisArg);
  }
}

/** A source index that a function fills on first read, then lets go of. */
export class SourcesOnRead extends LazySources {
  constructor(private fill: ((set: (path: string, span: Span) => void) => void) | undefined) {
    super();
  }

  protected override build(set: (path: string, span: Span) => void): void {
    this.fill?.(set);
  }

  protected override release(): void {
    this.fill = undefined;
  }
}
