/** Peer 1 of the benchmark: a bare restify route answering 200, the ceiling of any HTTP work. */
import restify from 'restify';

const server = restify.createServer();
server.get('/healthz', async (_req, res) => {
  res.send(200);
});
server.post('/hook', async (_req, res) => {
  res.send(200);
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
