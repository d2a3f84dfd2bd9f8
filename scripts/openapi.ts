// `npm run openapi`: regenerates lib/http/openapi.json from the app's routes.
import fs from "node:fs";
import path from "node:path";
import { buildOpenApi } from "@/lib/http/openapi.ts";
import { routeInventory } from "@/lib/http/route-inventory.ts";

const root = path.resolve(import.meta.dirname, "..");
const document = buildOpenApi(await routeInventory(path.join(root, "app")));
fs.writeFileSync(path.join(root, "lib/http/openapi.json"), `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote lib/http/openapi.json (${Object.keys(document.paths).length} paths)`);
