/** Scope names that carry the meta-references of one instance: count.index, each.key, each.value. */
export const COUNT_INDEX = '\u0000count.index';
export const EACH_KEY = '\u0000each.key';
export const EACH_VALUE = '\u0000each.value';
