/**
 * Generated validators import valibot through this module, so a generated SDK depends on the
 * runtime alone and esbuild inlines valibot into the published build (no runtime dependency).
 */
export * from 'valibot';
