// The extensions every embedded PGlite loads, so that migrations may CREATE EXTENSION them as on
// PostgreSQL: pg_trgm backs the trigram (GIN) indexes of free-text search.
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export const PGLITE_EXTENSIONS = { pg_trgm };
