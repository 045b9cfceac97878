import nock from 'nock';

// Jest gives every test file its own module registry but one Node process per worker: each file
// loads nock afresh, and each load wraps the process's sockets and fetch again. Restoring after
// every file keeps exactly one interception layer alive at a time (nested layers answer a call
// twice, then overflow the stack).
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
