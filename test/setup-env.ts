/**
 * The suites test the CLI as a user without --kernel runs it: a MAPLE_CHECK_KERNEL in the
 * developer's shell would put every command on the C tree. The kernel-backend suites name
 * their tree themselves (test/backend/kernel/kernel-tree-for-tests.ts).
 */
delete process.env.MAPLE_CHECK_KERNEL;
