// The OpenAPI 3.1 description of this API (public, like any API reference).
import document from "@/lib/http/openapi.json" with { type: "json" };
import { publicHandler } from "@/lib/http/route.ts";

export const GET = publicHandler(async () => Response.json(document));
