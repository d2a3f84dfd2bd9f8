// Route parameter schemas shared by handlers.
import { z } from "zod";

/** `[id]` segments are UUIDs; anything else is a 400 naming the parameter, not a database error. */
export const idParams = z.object({ id: z.uuid("must be an id") });
