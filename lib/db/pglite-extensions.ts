// The PostgreSQL extensions the migrations create (CREATE EXTENSION), which PGlite only offers
// when they are passed to it at start: every PGlite the app, the tests or the schema engine opens
// takes this set. pg_trgm serves event free-text search (trigram GIN over the searched text);
// btree_gin lets one GIN index cover the events' scalar filter columns.
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export const PGLITE_EXTENSIONS = { pg_trgm, btree_gin };
