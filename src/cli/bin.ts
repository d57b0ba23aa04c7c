import { runCliProcess } from "./main";

/** Entry of the compiled command line (build/cli.mjs, `npm run -s cli -- …`). */
runCliProcess();
