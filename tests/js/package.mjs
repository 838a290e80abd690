// Loads the BUILT npm package (target/npm/cxzy, from scripts/package.sh) through its Node export,
// as `import "cxzy"` would in Node.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const packageDir = join(root, "target/npm/cxzy");

if (!existsSync(join(packageDir, "package.json"))) {
  throw new Error(`${packageDir} is not built: run bash scripts/package.sh`);
}
export const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
export const cxzy = await import(pathToFileURL(join(packageDir, manifest.exports["."].node)).href);
