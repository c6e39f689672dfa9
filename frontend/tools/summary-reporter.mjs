// Prints one closing line "N passed, N failed[, N skipped]" that CI log readers understand.
const countTests = (tasks, acc) => {
  tasks.forEach((task) => {
    if (task.type === 'test') {
      const state = task.result?.state;
      if (state === 'pass') { acc.passed += 1; } else if (state === 'fail') { acc.failed += 1; } else { acc.skipped += 1; }
    } else if (task.tasks) {
      countTests(task.tasks, acc);
    }
  });
  return acc;
};

export default class SummaryReporter {
  onFinished(files = [], errors = []) {
    const acc = countTests(files, { passed: 0, failed: 0, skipped: 0 });
    // A suite that failed to load counts as failed.
    files.forEach((file) => { if (file.result?.state === 'fail' && !file.tasks?.length) { acc.failed += 1; } });
    acc.failed += errors.length;
    const skipped = acc.skipped ? `, ${acc.skipped} skipped` : '';
    process.stdout.write(`\nfrontend: ${acc.passed} passed, ${acc.failed} failed${skipped}\n`);
  }
}
