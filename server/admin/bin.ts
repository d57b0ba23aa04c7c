import { runAdminProcess } from "./main";

/** Entry of the compiled admin commands (build/admin.mjs, `npm run -s admin -- …`). */
runAdminProcess();
