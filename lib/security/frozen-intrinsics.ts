// Imported first by the server and the scoring worker entries: the intrinsics are frozen before any
// other module is evaluated (ES modules run in import order). See freeze-intrinsics.ts.
import { freezeIntrinsics } from "./freeze-intrinsics.ts";

freezeIntrinsics();
