#!/usr/bin/env node
/**
 * The kill switch on the demo host's dashboard (`make e2e`, after the waffle flag
 * `course_archive.disabled` is switched on for everyone and the host restarted): with both slot
 * prop shapes, the dashboard is exactly as without the plugin, with no control, no Archived
 * section, no error, at most one status list request and no console error.
 *
 *   E2E_BASE_URL=http://127.0.0.1:8000 node e2e/kill-switch.e2e.mjs
 */
import {
  accountsFromEnv, launch, login, makeChecker, openPage, runKillSwitchCheck,
} from './flow.mjs';

const { baseUrl: BASE_URL, learner: [USERNAME, PASSWORD] } = accountsFromEnv('http://127.0.0.1:8000');

const { check, finish } = makeChecker();

const main = async () => {
  const browser = await launch();
  try {
    const learner = await openPage(browser);
    await login(learner.page, check, BASE_URL, USERNAME, PASSWORD);
    for (const shape of ['array', 'object']) {
      // eslint-disable-next-line no-await-in-loop
      await runKillSwitchCheck({
        ...learner, check, baseUrl: BASE_URL, shape,
      });
    }
    await learner.context.close();
  } finally {
    await browser.close();
  }
};

finish(main());
