// Module resolve hook: outside Next's bundler, `server-only` is a no-op import. Its package only
// exports the throwing entry, so we point at the empty module by file URL.
const EMPTY = new URL("../node_modules/server-only/empty.js", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: EMPTY, format: "commonjs", shortCircuit: true };
  return nextResolve(specifier, context);
}
